// Ids for rows whose id the server must know before inserting them (rows written in bulk): the shape of
// Prisma's cuid() — "c", then the time, a counter and randomness in base 36 (25 characters), so ids sort
// roughly by creation time like the ones Prisma generates.
import { randomBytes } from 'node:crypto';

// Random bytes are drawn 4 KiB at a time: one crypto call per id cost ~5% of a busy bid server's CPU.
const POOL_BYTES = 4096;
let pool = randomBytes(POOL_BYTES);
let offset = 0;
let counter = 0;

function random64(): bigint {
  if (offset + 8 > POOL_BYTES) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const value = pool.readBigUInt64BE(offset);
  offset += 8;
  return value;
}

export function newId(): string {
  counter = (counter + 1) % 36 ** 4;
  const time = Date.now().toString(36).padStart(8, '0');
  const random = random64().toString(36).padStart(12, '0').slice(-12);
  return `c${time}${counter.toString(36).padStart(4, '0')}${random}`;
}
