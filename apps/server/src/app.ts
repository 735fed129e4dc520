// buildApp(config): the whole server — Fastify, Socket.IO, database, modules — ready to listen.
// Tests use it on port 0; main.ts only starts it. It never listens by itself.
import Fastify, { type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import path from 'node:path';
import type { Config } from './config.js';
import { applyMigrations, createPrismaClient, parseDatabaseUrl, findServerPackageRoot, type Db } from './db/index.js';
import { createRouteBinder } from './http/bind-route.js';
import { createServiceKeyCheck } from './http/service-keys.js';
import { originChecker } from './http/cors.js';
import { createAccessTokens } from './modules/auth/access-tokens.js';
import { registerAuthRoutes } from './modules/auth/auth.routes.js';
import { createAuthRepository } from './modules/auth/auth.repository.js';
import { createAuthService } from './modules/auth/auth.service.js';
import { resolveJwtSecret } from './modules/auth/jwt-secret.js';
import { accessTokenVerifier } from './modules/auth/external-tokens.js';
import { installMessaging } from './modules/messaging/messaging.module.js';
import type { Publish } from './modules/publish/publish.service.js';
import { createLogOtpSender, type OtpSender } from './modules/auth/otp-sender.js';
import { auctionHandlers } from './modules/auction/auction.handlers.js';
import { auctionLifecycle } from './modules/auction/auction.lifecycle.js';
import { registerAuctionRoutes } from './modules/auction/auction.routes.js';
import { createAuctionService } from './modules/auction/auction.service.js';
import { createLotCloser } from './modules/auction/lot-closer.js';
import { createLocalLotTimers } from './modules/auction/lot-timers.js';
import { auctionRoomAccess } from './modules/resync/auction-room-access.js';
import { resyncHandlers } from './modules/resync/resync.handlers.js';
import { createResyncService } from './modules/resync/resync.service.js';
import { userRoomAccess } from './modules/resync/user-room-access.js';
import { createRoomLogPruner } from './modules/rooms/room-log-pruner.js';
import { withDroppedEmit } from './realtime/drop-emit.js';
import { createViewerCountNotifier } from './modules/auction/viewer-count-notifier.js';
import { registerCategoryRoutes } from './modules/categories/categories.routes.js';
import { createIdempotency } from './modules/idempotency/idempotency.js';
import { auctionRoom } from './modules/rooms/room-names.js';
import { timeHandlers } from './modules/time/time.handlers.js';
import { createSocketEmitter } from './realtime/emitter.js';
import type { Handlers } from './realtime/handlers.js';
import { createClusterPorts } from './cluster/cluster-ports.js';
import { registerHealthRoutes } from './modules/health/health.routes.js';
import { retryUntilReady } from './modules/health/retry-until-ready.js';
import { MAX_PAYLOAD_BYTES, attachRealtime, createSocketServer } from './realtime/socket-server.js';
import type { BidwireServer } from './realtime/types.js';

export interface BuildOptions {
  /** Replace the development OTP sender (tests capture codes with it). */
  otpSender?: OtpSender;
}

export interface BidwireApp {
  app: FastifyInstance;
  io: BidwireServer;
  db: Db;
  config: Config;
  /** The publish API in process (SPEC §6), typed from the contract's domain events. */
  publish: Publish;
  /** Background jobs, callable on demand (tests): room log pruning and the timed-lot sweep. */
  maintenance: { pruneRoomLog(): Promise<number>; sweepTimedLots(): Promise<number> };
  /** Stops accepting, closes sockets, the HTTP server and the database. */
  close(): Promise<void>;
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<BidwireApp> {
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: MAX_PAYLOAD_BYTES,
    // Seconds matter to real-time clients: answer a slow client instead of waiting forever.
    connectionTimeout: 30_000,
  });

  const database = parseDatabaseUrl(config.databaseUrl);
  const starting = new Set(['database']);
  const migrate = async () => {
    const migrated = await applyMigrations(config.databaseUrl);
    if (migrated.applied.length > 0) app.log.info({ applied: migrated.applied }, 'database migrations applied');
  };
  // SQLite is a local file: a failure there is fatal. A database server may be down at start: the server
  // comes up anyway (/readyz answers 503) and migrates as soon as the database answers.
  const migrations =
    database.provider === 'sqlite'
      ? await migrate().then(() => undefined)
      : retryUntilReady(migrate, (err, attempt, nextInMs) =>
          app.log.warn({ err, attempt, nextInMs }, 'database not ready for migrations; retrying'),
        );
  const db = createPrismaClient(config.databaseUrl, (err) => app.log.warn({ err }, 'database connection error'));

  const dataDir = database.provider === 'sqlite' ? path.dirname(database.filePath) : path.join(findServerPackageRoot(), 'data');
  const secret = resolveJwtSecret(config.jwtSecret, dataDir);
  const tokens = createAccessTokens(secret, config.accessTokenTtlSeconds);

  const isAllowedOrigin = originChecker(config.corsOrigins);
  await app.register(cors, { origin: (origin, cb) => cb(null, !origin || isAllowedOrigin(origin)) });

  // REST
  const authRepo = createAuthRepository(db);
  // External identity provider mode (AUTH_JWKS_URL) plugs in here; sockets and routes only see `verify`.
  const verify = accessTokenVerifier(tokens.verify, config.externalAuth, authRepo);
  const bind = createRouteBinder(app, verify, createServiceKeyCheck(config.serviceApiKeys));
  const auth = createAuthService({
    repo: authRepo,
    tokens,
    sender: options.otpSender ?? createLogOtpSender(app.log),
    hashKey: secret,
    devEcho: config.otpDevEcho,
    adminPhones: config.adminPhones,
    refreshTtlSeconds: config.refreshTokenTtlSeconds,
  });
  registerAuthRoutes(bind, auth);
  registerAuctionRoutes(bind, db);
  registerCategoryRoutes(bind, db);

  // Real time
  const io = createSocketServer(app.server, isAllowedOrigin, config.connectionRecoveryMs);
  // Viewer counts, broadcaster presence, presence, rate limits and the Socket.IO adapter: in process, or
  // shared through Redis when REDIS_URL is set.
  const cluster = createClusterPorts(config, io, app.log);
  registerHealthRoutes(app, { db, checks: cluster.checks, mode: cluster.mode, starting });
  const emitter = withDroppedEmit(createSocketEmitter(io), config.testDropEmit);
  const viewerCounts = createViewerCountNotifier((auctionId, viewerCount) =>
    emitter.toRoom(auctionRoom(auctionId), 'viewerCountChanged', { auctionId, viewerCount }),
  );
  // Timed lots: timers wake the closer, which awards the lot once (the close is conditional).
  const lotTimers = createLocalLotTimers((lotId) => void lotCloser.onDue(lotId));
  const auctions = createAuctionService({
    db,
    emitter,
    idempotency: createIdempotency(db),
    viewers: cluster.viewers,
    broadcasters: cluster.broadcasters,
    viewerCounts,
    lotTimers,
  });
  const lotCloser = createLotCloser({ db, closer: auctions, timers: lotTimers, log: app.log });
  const messaging = installMessaging({ db, io, emitter, bind, config, log: app.log, presenceRegistry: cluster.presence });
  const resync = createResyncService({
    db,
    rooms: {
      auction: auctionRoomAccess(db, auctions),
      user: userRoomAccess(db),
      conversation: messaging.roomAccess.conversation,
      topic: messaging.roomAccess.topic,
    },
  });
  const roomLogPruner = createRoomLogPruner(db, config.roomLog, { log: app.log });
  const handlers: Handlers = { ...auctionHandlers(auctions), ...timeHandlers(), ...resyncHandlers(resync), ...messaging.handlers };
  attachRealtime(io, {
    verify,
    handlers,
    lifecycles: [auctionLifecycle(auctions, db), ...messaging.lifecycles],
    rateLimiter: cluster.rateLimiter,
    log: app.log,
  });

  // A restarted server awards the lots that ended while it was down and re-arms the others — once the
  // database is migrated (at once, or in the background when it was down at start).
  const ready = async () => {
    starting.delete('database');
    await lotCloser.start();
  };
  if (!migrations || (await migrations.firstAttempt)) await ready();
  else void migrations.done.then(ready).catch((err: unknown) => app.log.error({ err }, 'start-up after migrations failed'));

  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      migrations?.stop();
      lotCloser.close();
      roomLogPruner.close();
      viewerCounts.close();
      messaging.close();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await app.close();
      await cluster.close();
      await db.$disconnect();
    })());

  const maintenance = { pruneRoomLog: roomLogPruner.prune, sweepTimedLots: lotCloser.sweep };
  return { app, io, db, config, publish: messaging.publish, maintenance, close };
}
