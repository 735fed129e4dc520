// What /readyz reports: each dependency answers a cheap ping within a deadline, or is "down" with why.
export type CheckState = 'ok' | 'down' | 'disabled' | 'starting';

export interface DependencyCheck {
  name: string;
  check(): Promise<void>;
}

export interface Readiness {
  ready: boolean;
  checks: Record<string, { status: CheckState; error?: string }>;
}

const withDeadline = <T>(work: Promise<T>, ms: number) =>
  Promise.race([
    work,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);

/** Runs every check; `starting` marks dependencies whose start-up work (e.g. migrations) has not finished. */
export async function readiness(checks: DependencyCheck[], starting: ReadonlySet<string>, timeoutMs = 1_500): Promise<Readiness> {
  const results = await Promise.all(
    checks.map(async (c) => {
      if (starting.has(c.name)) return [c.name, { status: 'starting' as const }] as const;
      try {
        await withDeadline(c.check(), timeoutMs);
        return [c.name, { status: 'ok' as const }] as const;
      } catch (error) {
        return [c.name, { status: 'down' as const, error: error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error) }] as const;
      }
    }),
  );
  const entries = Object.fromEntries(results) as Readiness['checks'];
  return { ready: Object.values(entries).every((e) => e.status === 'ok' || e.status === 'disabled'), checks: entries };
}
