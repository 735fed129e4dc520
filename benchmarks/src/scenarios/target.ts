// A system under test, ready for load: Bidwire (fresh database, users inserted, a live lot open) or
// the bare Socket.IO baseline (nothing to prepare).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, type ServerHandle } from '../children.js';
import { BASELINE_LOT, openLiveLot, type LiveLot } from '../live-auction.js';
import { insertUsers, JWT_SECRET, mintUsers, type BenchUser } from '../users.js';

export type TargetKind = 'bidwire' | 'baseline';

export interface TargetOptions {
  kind: TargetKind;
  /** `file:` (default: a fresh temporary SQLite file) or a postgresql:// URL. */
  databaseUrl?: string;
  viewers: number;
  bidders: number;
  cpuProfDir?: string | undefined;
  /** Bidwire: environment on top of `bidwireEnv` (e.g. resync page caps); the bare server: its environment. */
  env?: Record<string, string>;
}

export interface Target {
  kind: TargetKind;
  server: ServerHandle;
  lot: LiveLot;
  viewers: BenchUser[];
  bidders: BenchUser[];
  close(): Promise<void>;
}

/** Environment of the Bidwire child: quiet logs, and rate limits out of the way of the load. */
export function bidwireEnv(databaseUrl: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    JWT_SECRET,
    // Production refuses to start without a way to send sign-in codes; the benchmark signs in by minted
    // tokens only, so the hook points at a closed port and is never called.
    OTP_WEBHOOK_URL: 'http://127.0.0.1:9/otp',
    OTP_WEBHOOK_SECRET: 'bench-unused-otp-webhook-secret',
    LOG_LEVEL: 'warn',
    ACCESS_TOKEN_TTL_SECONDS: '7200',
    // The benchmark measures the pipeline, not the per-user limiter (which still runs on every command).
    RATE_LIMITS: 'placeBid=1000000,joinAuction=1000000,*=1000000',
  };
}

export async function prepareTarget(opts: TargetOptions): Promise<Target> {
  const [owner] = await mintUsers(1, 'o');
  const bidders = await mintUsers(opts.bidders, 'b');
  const viewers = await mintUsers(opts.viewers, 'v');
  if (opts.kind === 'baseline') {
    const server = await startServer({ kind: 'baseline', cpuProfDir: opts.cpuProfDir, ...(opts.env ? { env: opts.env } : {}) });
    return { kind: 'baseline', server, lot: BASELINE_LOT, viewers, bidders, close: () => server.stop() };
  }
  let dir: string | undefined;
  let databaseUrl = opts.databaseUrl;
  if (!databaseUrl) {
    dir = mkdtempSync(path.join(tmpdir(), 'bidwire-bench-'));
    databaseUrl = `file:${path.join(dir, 'bench.db')}`;
  }
  const server = await startServer({ kind: 'bidwire', env: { ...bidwireEnv(databaseUrl), ...opts.env }, cpuProfDir: opts.cpuProfDir });
  try {
    await insertUsers(server, [owner!, ...bidders, ...viewers]);
    const lot = await openLiveLot(server.url, owner!);
    return {
      kind: 'bidwire',
      server,
      lot,
      viewers,
      bidders,
      async close() {
        await server.stop();
        if (dir) rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
