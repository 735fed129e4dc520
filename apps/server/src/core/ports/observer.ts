// What the domains tell the operator's metrics about (observability/metrics.ts implements it); modules see
// this port, never prom-client.
export interface DomainObserver {
  /** A resync answered with `replayed` events, or with a snapshot. */
  resyncAnswered(room: string, answer: 'events' | 'snapshot', replayed: number): void;
  /** A game round was settled. */
  roundSettled(result: 'sold' | 'unsold' | 'forfeited'): void;
}

/** For apps and tests that count nothing. */
export const noObserver: DomainObserver = { resyncAnswered: () => {}, roundSettled: () => {} };
