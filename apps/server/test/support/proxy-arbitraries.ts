// fast-check generators of bid sequences for the model-based tests of maximum (proxy) bids: 2–6 bidders, with
// or without maxima, bids around the current minimum (some too low), raises of a maximum, and random batching.
import fc from 'fast-check';
import type { Attempt } from './proxy-model.js';

const bidAttempt = (maxima: boolean, invalidMaxima: boolean) =>
  fc.record({
    kind: fc.constant('bid' as const),
    bidder: fc.nat(5),
    offset: fc.integer({ min: -3, max: 30 }),
    maxOver: maxima
      ? fc.option(fc.integer({ min: invalidMaxima ? -5 : 0, max: 80 }), { nil: null, freq: 3 })
      : fc.constant(null),
  });

const raiseAttempt = fc.record({ kind: fc.constant('raise' as const), bidder: fc.nat(5), maxOver: fc.integer({ min: 0, max: 100 }) });

export interface Sequence {
  bidders: number;
  minIncrement: number;
  withMaxima: boolean;
  attempts: Attempt[];
  /** Sizes of the batches the attempts arrive in (the pure test's group commit); the rest go one by one. */
  batches: number[];
}

/** `invalidMaxima`: also maxima below their amount (refused by the contract, so only through the server). */
export function sequences(opts: { invalidMaxima: boolean; maxLength: number }): fc.Arbitrary<Sequence> {
  return fc.boolean().chain((withMaxima) =>
    fc.record({
      bidders: fc.integer({ min: 2, max: 6 }),
      minIncrement: fc.integer({ min: 1, max: 10 }),
      withMaxima: fc.constant(withMaxima),
      attempts: fc.array(
        withMaxima
          ? fc.oneof({ weight: 6, arbitrary: bidAttempt(true, opts.invalidMaxima) }, { weight: 1, arbitrary: raiseAttempt })
          : bidAttempt(false, false),
        { minLength: 1, maxLength: opts.maxLength },
      ),
      batches: fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: opts.maxLength }),
    }),
  );
}
