// The browser check's page script, bundled by esbuild for the browser from the installed packages:
// the same bid as the Node checks, run by Chromium against the real server.
import * as sdk from '@bidwire/sdk';
import { bidFlow } from '../flow.cjs';

window.runBid = async (url) => {
  const lines = [];
  const result = await bidFlow(sdk, url, (line) => lines.push(line));
  return { result, lines, userAgent: navigator.userAgent };
};
