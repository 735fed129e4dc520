// Benchmark users: inserted straight into the server's database (bids reference users) and given
// access tokens minted with the server's JWT_SECRET, so no one signs in over REST thousands of times.
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import type { ServerHandle } from './children.js';

export const JWT_SECRET = randomBytes(36).toString('base64url');

export interface BenchUser {
  id: string;
  name: string;
  token: string;
}

let serial = 0;

/** Mints `n` users' tokens (valid 2 hours, issuer/audience as the server expects). */
export async function mintUsers(n: number, prefix: string): Promise<BenchUser[]> {
  const key = new TextEncoder().encode(JWT_SECRET);
  const exp = Math.floor(Date.now() / 1000) + 2 * 3600;
  const run = (++serial).toString(36);
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const id = `bench${run}${prefix}${i.toString(36).padStart(5, '0')}`;
      const name = `Bench ${prefix} ${i + 1}`;
      const token = await new SignJWT({ name, roles: ['buyer', 'seller'] })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(id)
        .setIssuer('bidwire')
        .setAudience('bidwire')
        .setIssuedAt()
        .setExpirationTime(exp)
        .sign(key);
      return { id, name, token };
    }),
  );
}

/** Inserts the users into a Bidwire server's database (not needed for the baseline). */
export async function insertUsers(server: ServerHandle, users: BenchUser[]): Promise<void> {
  const value = await server.request({ type: 'createUsers', users: users.map(({ id, name }) => ({ id, name })) }, 120_000);
  if (typeof value !== 'number') throw new Error(`could not insert users: ${JSON.stringify(value)}`);
}
