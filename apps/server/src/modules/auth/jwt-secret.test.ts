// The development signing key when several servers start at once on one data folder: every one of them must end
// up with the same, complete key (the CI run that first ran test files in parallel started one with an empty key).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveJwtSecret } from './jwt-secret.js';

const MODULE = fileURLToPath(new URL('./jwt-secret.ts', import.meta.url));
const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bidwire-jwt-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/**
 * `n` processes that each wait (spinning) for a go file, then resolve the key in `dataDir` and print it: they
 * race for the key's file within the same moment.
 */
async function raceProcesses(n: number, dataDir: string): Promise<string[]> {
  const go = path.join(dataDir, '..', `${path.basename(dataDir)}.go`);
  const script = `
    import { existsSync } from 'node:fs';
    import { resolveJwtSecret } from ${JSON.stringify(MODULE)};
    process.stdout.write('ready\\n');
    while (!existsSync(${JSON.stringify(go)})) {}
    process.stdout.write('key ' + resolveJwtSecret(undefined, ${JSON.stringify(dataDir)}) + '\\n');`;
  const children = Array.from({ length: n }, () =>
    spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  const outputs = children.map((child) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    return {
      ready: () => out.includes('ready\n'),
      done: new Promise<string>((resolve, reject) =>
        child.once('exit', (code) => {
          const key = /^key (.*)$/m.exec(out)?.[1];
          if (code === 0 && key !== undefined) resolve(key);
          else reject(new Error(`a racing process exited with ${code}: ${err.trim() || out.trim()}`));
        }),
      ),
    };
  });
  try {
    while (!outputs.every((o) => o.ready())) await new Promise((r) => setTimeout(r, 20));
    writeFileSync(go, '');
    return await Promise.all(outputs.map((o) => o.done));
  } finally {
    rmSync(go, { force: true });
    children.forEach((child) => child.kill());
  }
}

describe('resolveJwtSecret', () => {
  it('returns JWT_SECRET when it is set, and writes nothing', () => {
    const dir = freshDir();
    expect(resolveJwtSecret('configured-secret', dir)).toBe('configured-secret');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('generates a key once, owner-only, and reads it back on the next start', () => {
    const dir = path.join(freshDir(), 'data');
    const first = resolveJwtSecret(undefined, dir);
    expect(first.length).toBeGreaterThanOrEqual(64);
    expect(resolveJwtSecret(undefined, dir)).toBe(first);
    expect(readFileSync(path.join(dir, 'jwt-secret'), 'utf8')).toBe(first);
    expect(statSync(path.join(dir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['jwt-secret']);
  });

  it('refuses an empty key file with a message that says what to do', () => {
    const dir = freshDir();
    writeFileSync(path.join(dir, 'jwt-secret'), '\n');
    expect(() => resolveJwtSecret(undefined, dir)).toThrow(/jwt-secret is empty: delete it \(a new key is generated\) or set JWT_SECRET/);
  });

  it('gives servers that start at the same moment one and the same complete key', async () => {
    for (let round = 0; round < 3; round++) {
      const dir = path.join(freshDir(), 'data');
      const keys = await raceProcesses(6, dir);
      expect(new Set(keys).size, `round ${round}: keys ${keys.join(', ')}`).toBe(1);
      expect(keys[0]!.length).toBeGreaterThanOrEqual(64);
      expect(readFileSync(path.join(dir, 'jwt-secret'), 'utf8')).toBe(keys[0]);
      expect(existsSync(dir) && readdirSync(dir)).toEqual(['jwt-secret']);
    }
  }, 60_000);
});
