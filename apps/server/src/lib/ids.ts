// Ids for rows whose id the server must know before inserting them (rows written in bulk): the shape of
// Prisma's cuid() — "c", then the time, a counter and randomness in base 36 (25 characters), so ids sort
// roughly by creation time like the ones Prisma generates.
import { randomBytes } from 'node:crypto';

let counter = 0;

export function newId(): string {
  counter = (counter + 1) % 36 ** 4;
  const time = Date.now().toString(36).padStart(8, '0');
  const random = BigInt(`0x${randomBytes(8).toString('hex')}`).toString(36).padStart(12, '0').slice(-12);
  return `c${time}${counter.toString(36).padStart(4, '0')}${random}`;
}
