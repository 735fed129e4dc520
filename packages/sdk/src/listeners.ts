// A minimal listener list shared by contract events and connection-state callbacks.
// One throwing handler must not starve the others, so errors are rethrown asynchronously.

type Entry<T> = { fn: (value: T) => void; once: boolean };

export class Listeners<T> {
  private entries: readonly Entry<T>[] = [];

  add(fn: (value: T) => void, once = false): () => void {
    const entry: Entry<T> = { fn, once };
    this.entries = [...this.entries, entry];
    return () => this.removeEntry(entry);
  }

  /** Removes every registration of `fn` (an unsubscribe function removes just its own). */
  remove(fn: (value: T) => void): void {
    this.entries = this.entries.filter((e) => e.fn !== fn);
  }

  clear(): void {
    this.entries = [];
  }

  get size(): number {
    return this.entries.length;
  }

  emit(value: T): void {
    // Iterate over a snapshot, but skip entries a previous handler removed during this emit.
    for (const entry of this.entries) {
      if (!this.entries.includes(entry)) continue;
      if (entry.once) this.removeEntry(entry);
      try {
        entry.fn(value);
      } catch (error) {
        setTimeout(() => {
          throw error;
        }, 0);
      }
    }
  }

  private removeEntry(entry: Entry<T>): void {
    this.entries = this.entries.filter((e) => e !== entry);
  }
}
