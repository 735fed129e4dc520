// Build step (the server's `build`, after tsup): writes the generated documents into dist/docs, where the
// bundled server reads them. A contract schema that JSON Schema cannot express fails the build here, not
// the server at run time.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { serializeDocs } from './generated-docs.js';

const dir = path.resolve(process.argv[2] ?? 'dist/docs');
mkdirSync(dir, { recursive: true });
for (const [name, text] of Object.entries(serializeDocs())) writeFileSync(path.join(dir, name), text);
console.log(`API docs generated from the contract → ${dir}`);
