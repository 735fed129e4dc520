// Service keys of the /internal/v1 API (SERVICE_API_KEYS), compared in constant time: every key is
// checked, through fixed-length hashes, so neither the timing nor an early exit reveals anything.
import { createHash, timingSafeEqual } from 'node:crypto';

export type ServiceKeyCheck = (given: string) => boolean;

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Without configured keys every call is refused: the service API is off. */
export function createServiceKeyCheck(keys: readonly string[]): ServiceKeyCheck {
  const digests = keys.map(digest);
  return (given) => {
    const g = digest(given);
    let ok = false;
    for (const d of digests) ok = timingSafeEqual(d, g) || ok;
    return ok;
  };
}
