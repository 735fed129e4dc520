// The bid from an ES module: `import` resolves @bidwire/sdk to its ESM build.
import * as sdk from '@bidwire/sdk';
import { bidFlow } from './flow.cjs';

const url = process.argv[2];
await bidFlow(sdk, url, (line) => console.log(`[esm] ${line}`));
