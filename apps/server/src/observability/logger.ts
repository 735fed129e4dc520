// The server's logger: human-readable lines on a terminal (pino-pretty), JSON lines otherwise (a log
// collector's input); the start line that says where everything is; migration progress.
import type { FastifyBaseLogger } from 'fastify';
import { createRequire } from 'node:module';
import pino from 'pino';
import type PinoPretty from 'pino-pretty';
import type { Config } from '../config.js';
import { parseDatabaseUrl } from '../db/database-url.js';

/**
 * Typed as Fastify's logger (a pino logger is one), so Fastify's instance type stays the default one.
 * `out` replaces stdout (tests); JSON lines go through pino's own fast destination otherwise.
 */
export function createLogger(config: Pick<Config, 'logLevel' | 'logFormat'>, out?: { stream: NodeJS.WritableStream; isTTY: boolean }): FastifyBaseLogger {
  const isTTY = out ? out.isTTY : process.stdout.isTTY === true;
  const human = config.logFormat === 'pretty' || (config.logFormat === 'auto' && isTTY);
  if (!human) return out ? pino({ level: config.logLevel }, out.stream) : pino({ level: config.logLevel });
  // Loaded only for human-readable logs: a server writing JSON lines (production) never holds pino-pretty and
  // its dependencies (about 1.3 MB of heap). require, not import(), keeps createLogger synchronous.
  const pretty = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
  // In the main thread (not a pino transport worker): works the same from the sources and from the bundle.
  return pino(
    { level: config.logLevel },
    pretty({
      destination: out?.stream ?? process.stdout,
      colorize: isTTY,
      translateTime: 'SYS:HH:MM:ss.l',
      // Fastify's request lines on one line each ("incoming request: GET /auctions", "request completed: 201 in 4 ms").
      ignore: 'pid,hostname,start,req,res,reqId,responseTime',
      messageFormat: (log, messageKey) => {
        const msg = String(log[messageKey] ?? '');
        const req = log.req as { method?: string; url?: string } | undefined;
        const res = log.res as { statusCode?: number } | undefined;
        if (req?.method) return `${msg}: ${req.method} ${req.url ?? ''}`;
        if (res?.statusCode !== undefined) return `${msg}: ${res.statusCode} in ${Math.round(Number(log.responseTime ?? 0))} ms`;
        return msg;
      },
    }),
  );
}

/** The database as an operator may read it in a log: provider and place, never the password. */
export function describeDatabase(databaseUrl: string): string {
  const db = parseDatabaseUrl(databaseUrl);
  if (db.provider === 'sqlite') return `SQLite ${db.filePath}`;
  const name = db.provider === 'postgresql' ? 'PostgreSQL' : 'MySQL/MariaDB';
  try {
    const u = new URL(db.url);
    return `${name} ${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.host}${u.pathname}`;
  } catch {
    return name;
  }
}

/** The one line at start: where to point a browser, which database, which mode, where docs and metrics are. */
export function startLine(config: Pick<Config, 'databaseUrl' | 'redisUrl'>, url: string) {
  const mode = config.redisUrl ? `multi-node (Redis ${redactedRedis(config.redisUrl)})` : 'single-node';
  const database = describeDatabase(config.databaseUrl);
  return {
    // For JSON logs; the terminal shows the sentence alone (pino-pretty ignores `start`).
    fields: { start: { url, database, mode: config.redisUrl ? 'redis' : 'single-node' } },
    msg: `Bidwire is listening on ${url} — database: ${database}; mode: ${mode}; web app: ${url}/ · REST docs: ${url}/docs · metrics: ${url}/metrics`,
  };
}

function redactedRedis(redisUrl: string): string {
  try {
    return new URL(redisUrl).host;
  } catch {
    return 'configured';
  }
}

/**
 * The callback of applyMigrations (verbose): each migration is announced as the engine starts it, the rest
 * of the engine's chatter goes to `trace`. MySQL's runner reports only after the fact ("applied …").
 */
export function migrationLog(log: Pick<FastifyBaseLogger, 'info' | 'trace'>): (msg: string) => void {
  const announced = new Set<string>();
  return (msg) => {
    const applying = /Applying `([^`]+)`/.exec(msg)?.[1];
    if (applying) {
      announced.add(applying);
      return log.info(`applying migration ${applying}…`);
    }
    const applied = /^applied migration (.+)$/.exec(msg)?.[1];
    if (applied) return announced.has(applied) ? log.trace(msg) : log.info(msg);
    if (msg === 'database schema is up to date') return log.info(msg);
    log.trace(msg);
  };
}
