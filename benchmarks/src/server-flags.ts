// The node flags production runs Bidwire with, read from apps/server/package.json's `start` script
// (`node <flags> dist/main.js`), the one place they are set: the benchmark's Bidwire children start with them, as
// `pnpm start` and the Docker image (deploy/Dockerfile, checked against the same script by deploy.test.ts) do.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const serverPackage = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'apps', 'server', 'package.json');

export function serverNodeFlags(): string[] {
  const start = (JSON.parse(readFileSync(serverPackage, 'utf8')) as { scripts: { start: string } }).scripts.start;
  const words = start.trim().split(/\s+/);
  if (words[0] !== 'node' || words.at(-1) !== 'dist/main.js') {
    throw new Error(`apps/server's start script is not "node [flags] dist/main.js": ${start}`);
  }
  return words.slice(1, -1);
}
