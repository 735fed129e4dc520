// Whether a token's user exists (SPEC §1: a validly signed token whose user does not exist — a database
// restored or reset under the same JWT_SECRET — is refused at the handshake, not answered INTERNAL later).
// Users are never deleted, so a user seen once is known for good: the set of known ids answers without the
// database, and after a restart the lookups of a reconnect storm are batched (one query for all the ids
// asked within one turn of the event loop), so connections never cost a query each.

/** How many ids the set keeps before it starts over (a few MB): past it, ids are looked up again, in batches. */
const KNOWN_LIMIT = 200_000;
/** Ids per query (well under every database's limit on bound parameters). */
const BATCH_LIMIT = 1_000;

export interface KnownUsers {
  /** Whether the user exists; a user found once is remembered. */
  exists(id: string): Promise<boolean>;
  /** Records a user that exists (signed in, created, upserted). */
  remember(id: string): void;
}

type Waiter = { resolve: (found: boolean) => void; reject: (error: unknown) => void };

export function createKnownUsers(lookup: (ids: readonly string[]) => Promise<string[]>, limit = KNOWN_LIMIT): KnownUsers {
  const known = new Set<string>();
  let queued: Map<string, Waiter[]> | undefined;

  const remember = (id: string) => {
    if (known.size >= limit) known.clear();
    known.add(id);
  };

  async function lookUp(batch: Map<string, Waiter[]>) {
    const ids = [...batch.keys()];
    for (let i = 0; i < ids.length; i += BATCH_LIMIT) {
      const chunk = ids.slice(i, i + BATCH_LIMIT);
      try {
        const found = new Set(await lookup(chunk));
        for (const id of chunk) {
          if (found.has(id)) remember(id);
          for (const w of batch.get(id)!) w.resolve(found.has(id));
        }
      } catch (error) {
        for (const id of chunk) for (const w of batch.get(id)!) w.reject(error);
      }
    }
  }

  return {
    remember,
    exists(id) {
      if (known.has(id)) return Promise.resolve(true);
      return new Promise((resolve, reject) => {
        if (!queued) {
          const batch = new Map<string, Waiter[]>();
          queued = batch;
          setImmediate(() => {
            queued = undefined;
            void lookUp(batch);
          });
        }
        const waiters = queued.get(id);
        if (waiters) waiters.push({ resolve, reject });
        else queued.set(id, [{ resolve, reject }]);
      });
    },
  };
}
