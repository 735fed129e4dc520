// Estimates the offset between the server's clock and ours from `timeSync` round trips (SPEC §7):
// offset = serverTime − (t0 + (t1 − t0) / 2), keeping the sample with the shortest round trip.

export interface ClockSample {
  /** serverTime − local time, in ms. */
  offsetMs: number;
  roundTripMs: number;
}

/** Picks the sample with the shortest round trip; null for no samples. */
export function bestSample(samples: readonly ClockSample[]): ClockSample | null {
  let best: ClockSample | null = null;
  for (const s of samples) if (!best || s.roundTripMs < best.roundTripMs) best = s;
  return best;
}

export function sampleOf(t0: number, serverTime: number, t1: number): ClockSample {
  return { offsetMs: serverTime - (t0 + (t1 - t0) / 2), roundTripMs: t1 - t0 };
}

export interface ClockDeps {
  timeSync(): Promise<{ serverTime: number }>;
  now: () => number;
  samples: number;
  refreshMs: number;
}

export class ServerClock {
  private offset = 0;
  private current: Promise<ClockSample | null> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly deps: ClockDeps) {}

  get offsetMs(): number {
    return this.offset;
  }

  /** Our best estimate of the server's clock now; starts the periodic sync on first use. */
  now(): number {
    this.start();
    return this.deps.now() + this.offset;
  }

  /** Starts syncing (at once, then every `refreshMs`) unless already started. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.sync().catch(() => undefined), this.deps.refreshMs);
    (this.timer as { unref?: () => void }).unref?.();
    void this.sync().catch(() => undefined);
  }

  get started(): boolean {
    return this.timer !== null;
  }

  /** Takes a fresh set of samples (joining one already running) and applies the best. */
  sync(): Promise<ClockSample | null> {
    return (this.current ??= this.measure().finally(() => (this.current = null)));
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async measure(): Promise<ClockSample | null> {
    const samples: ClockSample[] = [];
    for (let i = 0; i < this.deps.samples; i++) {
      const t0 = this.deps.now();
      const { serverTime } = await this.deps.timeSync();
      samples.push(sampleOf(t0, serverTime, this.deps.now()));
    }
    const best = bestSample(samples);
    if (best) this.offset = best.offsetMs;
    return best;
  }
}
