// Promise types whose rejection is typed. TypeScript types every rejection as `any`; the SDK settles
// every command (and `waitFor`) with a BidwireError only, so its promises say so, and `settle()`
// turns one into a value an app can `switch` on.
import { isBidwireError, type BidwireError, type ClientErrorCode } from './errors.js';

/** A promise that rejects only with a `BidwireError` whose `code` is one of `C`. */
export interface BidwirePromise<T, C extends ClientErrorCode> extends Promise<T> {
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: BidwireError<C>) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2>;
  catch<R = never>(onrejected?: ((reason: BidwireError<C>) => R | PromiseLike<R>) | null): Promise<T | R>;
}

/** What `settle()` gives: the wire's own `{ ok, data } | { ok, error }` shape, with a typed error. */
export type Settled<T, C extends ClientErrorCode> = { ok: true; data: T } | { ok: false; error: BidwireError<C> };

/**
 * Waits for a command without throwing: `const r = await settle(client.placeBid(...)); if (!r.ok)
 * switch (r.error.code) { ... }`. Anything but a BidwireError (a bug) is rethrown.
 */
export function settle<T, C extends ClientErrorCode>(promise: BidwirePromise<T, C>): Promise<Settled<T, C>> {
  return promise.then(
    (data) => ({ ok: true as const, data }),
    (error: unknown) => {
      if (!isBidwireError(error)) throw error;
      return { ok: false as const, error: error as BidwireError<C> };
    },
  );
}
