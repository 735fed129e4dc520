// A gate commands wait at while the client is reconnecting and rejoining its rooms, so a command is
// only ever sent on a connection that is back in every room the app joined.
export class Readiness {
  private ready = false;
  private waiters = new Set<(ok: boolean) => void>();

  get isReady(): boolean {
    return this.ready;
  }

  set(ready: boolean): void {
    this.ready = ready;
    if (ready) this.settleAll(true);
  }

  /** Wakes every waiter with `false`: the connection is gone for good (or the client closed). */
  giveUp(): void {
    this.ready = false;
    this.settleAll(false);
  }

  /** true once ready, false after `timeoutMs` or a give-up. */
  wait(timeoutMs: number): Promise<boolean> {
    if (this.ready) return Promise.resolve(true);
    return new Promise((resolve) => {
      const settle = (ok: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(settle);
        resolve(ok);
      };
      const timer = setTimeout(() => settle(false), timeoutMs);
      this.waiters.add(settle);
    });
  }

  private settleAll(ok: boolean): void {
    for (const settle of [...this.waiters]) settle(ok);
  }
}
