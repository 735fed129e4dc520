// buildApp(config): the whole server — Fastify, Socket.IO, database, modules — ready to listen.
// Tests use it on port 0; main.ts only starts it. It never listens by itself.
//
// The app lists one module per domain of the contract (ServerModules: a missing one, or a module missing a
// command or route, does not compile), then binds them to the two transports: bindRoutes (REST) and
// attachRealtime (Socket.IO).
import Fastify, { type FastifyInstance } from 'fastify';
import path from 'node:path';
import type { Config } from './config.js';
import { assemble, collectRooms } from './core/assemble.js';
import type { ServerModules } from './core/module.js';
import { applyMigrations, createPrismaClient, parseDatabaseUrl, findServerPackageRoot, type Db } from './db/index.js';
import { pingDatabase } from './db/ping.js';
import { bindRoutes } from './http/bind-routes.js';
import { createServiceKeyCheck } from './http/service-keys.js';
import { originChecker, registerCors } from './http/cors.js';
import { refuseWhileDraining } from './http/drain-hook.js';
import { httpErrorOptions } from './http/http-errors.js';
import { createDrain, drainCheck } from './core/drain.js';
import { shutDown, trackConnections } from './shutdown.js';
import { registerDocsRoutes } from './http/docs-routes.js';
import { registerWebApp } from './http/web-app.js';
import { createClusterPorts } from './cluster/cluster-ports.js';
import { createAuctionModule } from './modules/auction/auction.module.js';
import { createAuthModule } from './modules/auth/auth.module.js';
import { resolveJwtSecret } from './modules/auth/jwt-secret.js';
import type { OtpSender } from './modules/auth/otp-sender.js';
import { createCategoriesModule } from './modules/categories/categories.module.js';
import { createChatModule } from './modules/chat/chat.module.js';
import { createDeliveryModule } from './modules/delivery/delivery.module.js';
import { createHealthModule } from './modules/health/health.module.js';
import { createGameModule } from './modules/game/game.module.js';
import { retryUntilReady } from './modules/health/retry-until-ready.js';
import { createNotificationsModule } from './modules/notifications/notifications.module.js';
import { createPresenceModule } from './modules/presence/presence.module.js';
import { createPublishModule } from './modules/publish/publish.module.js';
import type { Publish } from './modules/publish/publish.service.js';
import { createCommit } from './modules/rooms/commit.js';
import { createTimeModule } from './modules/time/time.module.js';
import { createTopicsModule } from './modules/topics/topics.module.js';
import { withCheckedEmit } from './realtime/checked-emit.js';
import { withDroppedEmit } from './realtime/drop-emit.js';
import { createSocketEmitter } from './realtime/emitter.js';
import { withRepliesFirst } from './realtime/replies-first.js';
import { createRoomControl } from './realtime/room-control.js';
import { MAX_PAYLOAD_BYTES, attachRealtime, createSocketServer } from './realtime/socket-server.js';
import type { BidwireServer } from './realtime/types.js';
import { registerProtection, trustProxyOption } from './http/protection.js';
import { commandObserver } from './observability/command-observer.js';
import { createLogger, migrationLog } from './observability/logger.js';
import { createMetrics, nodeLabel } from './observability/metrics.js';
import { registerMetricsRoute } from './observability/metrics.routes.js';
import { withEmitMetrics } from './observability/observed-emitter.js';

export interface BuildOptions {
  /** Replace the development OTP sender (tests capture codes with it). */
  otpSender?: OtpSender;
  /** Test hook: the games' clock (a test moves it forward and runs `maintenance.sweepGames`). */
  gameClock?: () => Date;
  /** Where a pending migration's schema engine runs (db/migrate.ts): main.ts asks for a child process. */
  migrationEngineIn?: 'this-process' | 'child-process';
}

export interface BidwireApp {
  app: FastifyInstance;
  io: BidwireServer;
  db: Db;
  config: Config;
  /** The publish API in process (SPEC §6), typed from the contract's domain events. */
  publish: Publish;
  /** Background jobs, callable on demand (tests): room log pruning and the timed-lot sweep. */
  maintenance: { pruneRoomLog(): Promise<number>; sweepTimedLots(): Promise<number>; sweepGames(): Promise<number> };
  /** The graceful shutdown (shutdown.ts): drains, closes connections so clients reconnect, then the server and the database. */
  close(): Promise<void>;
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<BidwireApp> {
  const app = Fastify({
    loggerInstance: createLogger(config),
    trustProxy: trustProxyOption(config.trustProxy),
    bodyLimit: MAX_PAYLOAD_BYTES,
    // Seconds matter to real-time clients: answer a slow client instead of waiting forever.
    connectionTimeout: 30_000,
    ...httpErrorOptions,
  });
  // SIGTERM's drain (shutdown.ts): refuses new work, counts what runs.
  const drain = createDrain();
  const connections = trackConnections(app.server);
  const log = app.log;

  // The database: migrated at start (SQLite), or as soon as the database server answers.
  const database = parseDatabaseUrl(config.databaseUrl);
  const starting = new Set(['database']);
  const migrate = async () =>
    void (await applyMigrations(config.databaseUrl, migrationLog(log), { verbose: true, engineIn: options.migrationEngineIn }));
  // SQLite is a local file: a failure there is fatal. A database server may be down at start: the server
  // comes up anyway (/readyz answers 503) and migrates as soon as the database answers.
  const migrations =
    database.provider === 'sqlite'
      ? await migrate().then(() => undefined)
      : retryUntilReady(migrate, (err, attempt, nextInMs) =>
          log.warn({ err, attempt, nextInMs }, 'database not ready for migrations; retrying'),
        );
  const db = await createPrismaClient(config.databaseUrl, (err) => log.warn({ err }, 'database connection error'));
  const dataDir = database.provider === 'sqlite' ? path.dirname(database.filePath) : path.join(findServerPackageRoot(), 'data');

  const isAllowedOrigin = originChecker(config.corsOrigins);
  await registerCors(app, isAllowedOrigin);
  refuseWhileDraining(app, drain);

  // Transports and the ports shared between nodes (viewer counts, broadcaster presence, presence, rate
  // limits and the Socket.IO adapter: in process, or through Redis when REDIS_URL is set).
  const io = createSocketServer(app.server, { isAllowedOrigin, recoveryMs: config.connectionRecoveryMs, drain });
  const cluster = await createClusterPorts(config, io, log);
  const metrics = createMetrics();
  if (cluster.mode === 'redis') metrics.labelNode(nodeLabel());
  metrics.countSocketsWith(() => io.of('/').sockets.size);
  const emitter = withCheckedEmit(
    withRepliesFirst(withDroppedEmit(withEmitMetrics(createSocketEmitter(io), metrics), config.testDropEmit)),
    config.contractChecks,
  );
  const commit = createCommit(db, emitter);
  const roomControl = createRoomControl(io);

  // The modules, one per domain of the contract.
  const auth = createAuthModule({ db, config, secret: resolveJwtSecret(config.jwtSecret, dataDir), otpSender: options.otpSender, log });
  const auction = createAuctionModule({ db, commit, emitter, viewers: cluster.viewers, broadcasters: cluster.broadcasters, log });
  const publish = createPublishModule({ db, commit, emitter });
  const game = createGameModule({
    db,
    emitter,
    connections: cluster.gameConnections,
    multiNode: cluster.mode === 'redis',
    removeAfterMs: config.gameRemoveAfterMs,
    log,
    observer: metrics,
    ...(options.gameClock ? { clock: options.gameClock } : {}),
  });

  // Before any route: REST rate limits and security headers; then the infrastructure endpoints (metrics and
  // the API documentation generated from the contract: /docs, /docs/events, /asyncapi.json).
  await registerProtection(app, { limits: config.restLimits, redisUrl: config.redisUrl, redisKeyPrefix: config.redisKeyPrefix, verify: auth.verify });
  registerMetricsRoute(app, metrics);
  await registerDocsRoutes(app);

  const domains = {
    auth: auth.module,
    auction: auction.module,
    categories: createCategoriesModule(db),
    chat: createChatModule({ db, commit, emitter, rooms: roomControl, typingTimeoutMs: config.typingTimeoutMs }),
    presence: createPresenceModule({ db, emitter, registry: cluster.presence, log }),
    notifications: createNotificationsModule({ db, commit }),
    topics: createTopicsModule({ db, rooms: roomControl }),
    publish: publish.module,
    time: createTimeModule(),
    game: game.module,
    health: createHealthModule({
      checks: [{ name: 'database', check: () => pingDatabase(db) }, ...cluster.checks, drainCheck(drain)],
      mode: cluster.mode,
      starting,
    }),
  };
  const rooms = collectRooms(Object.values(domains));
  const delivery = createDeliveryModule({ db, rooms, retention: config.roomLog, page: config.resyncPage, log, observer: metrics });
  const modules: ServerModules = { ...domains, delivery: delivery.module };
  const bound = assemble(modules);

  bindRoutes(app, bound.routes, {
    verify: auth.verify,
    serviceKey: createServiceKeyCheck(config.serviceApiKeys),
    checkResponses: config.contractChecks,
  });
  await registerWebApp(app, { root: path.resolve(findServerPackageRoot(), '../web/dist') });
  attachRealtime(io, {
    verify: auth.verify,
    handlers: bound.commands,
    hooks: bound.hooks,
    rooms,
    rateLimiter: cluster.rateLimiter,
    log,
    checkResponses: config.contractChecks,
    observe: commandObserver(metrics),
    drain,
    maxPendingBytes: config.socketMaxPendingBytes,
    flushBroadcasts: emitter.flush,
  });

  // Once the database is migrated (at once, or in the background when it was down at start), the modules
  // start: a restarted server awards the lots that ended while it was down and re-arms the others.
  const ready = async () => {
    starting.delete('database');
    await bound.start();
  };
  if (!migrations || (await migrations.firstAttempt)) await ready();
  else void migrations.done.then(ready).catch((err: unknown) => log.error({ err }, 'start-up after migrations failed'));

  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= shutDown(
      {
        drain,
        io,
        app,
        graceMs: config.shutdownGraceMs,
        broadcastLagMs: cluster.mode === 'redis' && config.connectionRecoveryMs > 0 ? 250 : 0,
        flushBroadcasts: emitter.flush,
        log,
        stopModules: async () => {
          migrations?.stop();
          await bound.stop();
        },
        release: async () => {
          await cluster.close();
          await db.$disconnect();
        },
      },
      connections,
    ));

  const maintenance = { pruneRoomLog: delivery.pruneRoomLog, sweepTimedLots: auction.sweepTimedLots, sweepGames: game.sweep };
  return { app, io, db, config, publish: publish.publish, maintenance, close };
}
