// The signing key: JWT_SECRET when set; in development one is generated once and kept beside the
// SQLite file, so tokens survive restarts without any setup.
//
// Several servers may start at once on one data folder (nodes on one host, test files run in parallel): the key
// file appears only complete and only once. Each writes its candidate to a file of its own, then hard-links it to
// the key's name, which fails if the name exists: the first link wins and every other server reads that key.
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function resolveJwtSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = join(dataDir, 'jwt-secret');
  const existing = readSecret(file);
  if (existing !== undefined) return existing;
  mkdirSync(dataDir, { recursive: true });
  const candidate = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(candidate, secret, { mode: 0o600 });
  try {
    linkSync(candidate, file);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = readSecret(file);
    if (winner === undefined) throw new Error(`The JWT secret file ${file} disappeared while this server was creating it.`);
    return winner;
  } finally {
    rmSync(candidate, { force: true });
  }
}

/** The key in `file`, or undefined when there is no such file. An empty file is refused rather than signed with. */
function readSecret(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const secret = text.trim();
  if (!secret) throw new Error(`The JWT secret file ${file} is empty: delete it (a new key is generated) or set JWT_SECRET.`);
  return secret;
}
