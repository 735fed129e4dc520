// Seals the token pair a refresh token was rotated into, so that a repeat of that refresh token within the
// reuse window can be answered with the same pair while the database holds nothing a reader could use: the
// key is derived from the refresh token itself (stored only as a SHA-256 hash) and the server's secret.
// Node's AES-256-GCM and HKDF; no library adds anything for two calls.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { TokenPair } from '@bidwire/contract';

const INFO = 'bidwire refresh-token successor v1';

function keyOf(refreshToken: string, serverSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', refreshToken, serverSecret, INFO, 32));
}

/** `rowId` is authenticated with the pair, so a sealed value cannot be moved to another row. */
export function sealSuccessor(refreshToken: string, rowId: string, pair: TokenPair, serverSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(refreshToken, serverSecret), iv).setAAD(Buffer.from(rowId));
  const body = Buffer.concat([cipher.update(JSON.stringify(pair), 'utf8'), cipher.final()]);
  return [iv, body, cipher.getAuthTag()].map((b) => b.toString('base64url')).join('.');
}

/** The sealed pair, or null when it does not open with this token (tampered, or another token). */
export function openSuccessor(refreshToken: string, rowId: string, sealed: string, serverSecret: string): TokenPair | null {
  const [iv, body, tag] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !body || !tag) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(refreshToken, serverSecret), iv, { authTagLength: 16 }).setAAD(Buffer.from(rowId));
    decipher.setAuthTag(tag);
    return JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')) as TokenPair;
  } catch {
    return null;
  }
}
