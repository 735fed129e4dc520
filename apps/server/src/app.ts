// buildApp(config): the whole server — Fastify, Socket.IO, database, modules — ready to listen.
// Tests use it on port 0; main.ts only starts it. It never listens by itself.
import Fastify, { type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import path from 'node:path';
import type { Config } from './config.js';
import { applyMigrations, createPrismaClient, parseDatabaseUrl, findServerPackageRoot, type Db } from './db/index.js';
import { createRouteBinder } from './http/bind-route.js';
import { originChecker } from './http/cors.js';
import { createAccessTokens } from './modules/auth/access-tokens.js';
import { registerAuthRoutes } from './modules/auth/auth.routes.js';
import { createAuthRepository } from './modules/auth/auth.repository.js';
import { createAuthService } from './modules/auth/auth.service.js';
import { resolveJwtSecret } from './modules/auth/jwt-secret.js';
import { createLogOtpSender, type OtpSender } from './modules/auth/otp-sender.js';
import { auctionHandlers } from './modules/auction/auction.handlers.js';
import { auctionLifecycle } from './modules/auction/auction.lifecycle.js';
import { registerAuctionRoutes } from './modules/auction/auction.routes.js';
import { createAuctionService } from './modules/auction/auction.service.js';
import { createLocalBroadcasterRegistry } from './modules/auction/broadcaster-registry.js';
import { createViewerCountNotifier } from './modules/auction/viewer-count-notifier.js';
import { createLocalViewerRegistry } from './modules/auction/viewer-registry.js';
import { registerCategoryRoutes } from './modules/categories/categories.routes.js';
import { createIdempotency } from './modules/idempotency/idempotency.js';
import { auctionRoom } from './modules/rooms/room-names.js';
import { timeHandlers } from './modules/time/time.handlers.js';
import { createSocketEmitter } from './realtime/emitter.js';
import type { Handlers } from './realtime/handlers.js';
import { createLocalRateLimiter } from './realtime/rate-limiter.js';
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
  const migrated = await applyMigrations(config.databaseUrl);
  if (migrated.applied.length > 0) app.log.info({ applied: migrated.applied }, 'database migrations applied');
  const db = createPrismaClient(config.databaseUrl);

  const dataDir = database.provider === 'sqlite' ? path.dirname(database.filePath) : path.join(findServerPackageRoot(), 'data');
  const secret = resolveJwtSecret(config.jwtSecret, dataDir);
  const tokens = createAccessTokens(secret, config.accessTokenTtlSeconds);

  const isAllowedOrigin = originChecker(config.corsOrigins);
  await app.register(cors, { origin: (origin, cb) => cb(null, !origin || isAllowedOrigin(origin)) });

  // REST
  const bind = createRouteBinder(app, tokens.verify);
  const auth = createAuthService({
    repo: createAuthRepository(db),
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
  app.get('/healthz', async () => ({ status: 'ok', time: new Date().toISOString() }));

  // Real time
  const io = createSocketServer(app.server, isAllowedOrigin);
  const emitter = createSocketEmitter(io);
  const viewerCounts = createViewerCountNotifier((auctionId, viewerCount) =>
    emitter.toRoom(auctionRoom(auctionId), 'viewerCountChanged', { auctionId, viewerCount }),
  );
  const auctions = createAuctionService({
    db,
    emitter,
    idempotency: createIdempotency(db),
    viewers: createLocalViewerRegistry(),
    broadcasters: createLocalBroadcasterRegistry(),
    viewerCounts,
  });
  const handlers: Handlers = { ...auctionHandlers(auctions), ...timeHandlers() };
  attachRealtime(io, {
    verify: tokens.verify,
    handlers,
    lifecycles: [auctionLifecycle(auctions, db)],
    rateLimiter: createLocalRateLimiter(config.rateLimits),
    log: app.log,
  });

  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      viewerCounts.close();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await app.close();
      await db.$disconnect();
    })());

  return { app, io, db, config, close };
}
