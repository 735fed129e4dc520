// The REST routes (SPEC §1–3): one table of method, path, inputs and result, used by the server and the SDK.
import * as z from 'zod';
import { Id, Timestamp, page } from './shared.js';
import { Auction, AuctionStatus, Bid, Category, Lot, Winning } from './auction.entities.js';
import { route } from './define.js';
import { Cursor, Limit } from './paging.js';
import { chatRoutes } from './chat.routes.js';
import { notificationRoutes } from './notifications.js';
import { gameRoutes } from './game.routes.js';

export const Phone = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, 'Phone must be in E.164 format, e.g. +15551234567')
  .meta({ examples: ['+15551234567'] });
export const Role = z.enum(['buyer', 'seller', 'admin']);
export type Role = z.infer<typeof Role>;

/** The signed-in user as the user sees themselves (REST only; never broadcast). */
export const Me = z.object({ id: Id, name: z.string(), avatarUrl: z.string().optional(), roles: z.array(Role) });
export type Me = z.infer<typeof Me>;

export const TokenPair = z.object({ accessToken: z.string(), refreshToken: z.string(), user: Me });
export type TokenPair = z.infer<typeof TokenPair>;

const RefreshBody = z.object({ refreshToken: z.string().min(1).max(512) });
const Url = z.url().max(2000);
const IsoTime = z.iso.datetime({ offset: true });

export const CreateAuctionInput = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(5000).optional(),
  categoryId: Id.optional(),
  imageUrl: Url.optional(),
  startsAt: IsoTime.optional(),
  expiresAt: IsoTime.optional(),
});
export const UpdateAuctionInput = CreateAuctionInput.partial();

/** Sign-in (SPEC §2): open routes. */
export const authRoutes = {
  requestOtp: route({
    method: 'POST', path: '/auth/otp/request', auth: false, status: 200,
    description: 'Send a 6-digit sign-in code to a phone (valid 5 minutes).',
    body: z.object({ phone: Phone }),
    response: z.object({ sent: z.literal(true), devCode: z.string().optional() }),
  }),
  verifyOtp: route({
    method: 'POST', path: '/auth/otp/verify', auth: false, status: 200,
    description: 'Exchange the code for tokens; the user is created on first sign-in.',
    body: z.object({ phone: Phone, code: z.string().regex(/^\d{6}$/, 'Code must be 6 digits').meta({ examples: ['123456'] }), name: z.string().trim().min(1).max(80).optional() }),
    response: TokenPair,
  }),
  refresh: route({
    method: 'POST', path: '/auth/refresh', auth: false, status: 200,
    description: 'Rotate a refresh token for a new pair; reusing a rotated one revokes its family.',
    body: RefreshBody,
    response: TokenPair,
  }),
  logout: route({
    method: 'POST', path: '/auth/logout', auth: false, status: 204,
    description: "Revoke the refresh token's family.",
    body: RefreshBody,
    response: z.null(),
  }),
} as const;

/** Live auctions (SPEC §3). */
export const auctionRoutes = {
  createAuction: route({
    method: 'POST', path: '/auctions', auth: true, status: 201,
    description: 'Create a scheduled auction; the caller becomes its owner.',
    body: CreateAuctionInput,
    response: Auction,
  }),
  updateAuction: route({
    method: 'PATCH', path: '/auctions/:id', auth: true, status: 200,
    description: 'Owner edits an auction while it is scheduled.',
    params: z.object({ id: Id }),
    body: UpdateAuctionInput,
    response: Auction,
  }),
  listAuctions: route({
    method: 'GET', path: '/auctions', auth: true, status: 200,
    description: 'Auctions, newest first, optionally by status.',
    query: z.object({ status: AuctionStatus.optional(), cursor: Cursor.optional(), limit: Limit }),
    response: page(Auction),
  }),
  getAuction: route({
    method: 'GET', path: '/auctions/:id', auth: true, status: 200,
    description: 'One auction.',
    params: z.object({ id: Id }),
    response: Auction,
  }),
  listLots: route({
    method: 'GET', path: '/auctions/:id/lots', auth: true, status: 200,
    description: "An auction's lots, oldest first.",
    params: z.object({ id: Id }),
    query: z.object({ cursor: Cursor.optional(), limit: Limit }),
    response: page(Lot),
  }),
  listBids: route({
    method: 'GET', path: '/auctions/:id/lots/:lotId/bids', auth: true, status: 200,
    description: "A lot's bids, newest first (kept after the lot closes).",
    params: z.object({ id: Id, lotId: Id }),
    query: z.object({ cursor: Cursor.optional(), limit: Limit }),
    response: page(Bid),
  }),
  myWinnings: route({
    method: 'GET', path: '/me/winnings', auth: true, status: 200,
    description: "The caller's won lots, newest first.",
    query: z.object({ cursor: Cursor.optional(), limit: Limit }),
    response: page(Winning),
  }),
} as const;

export const categoryRoutes = {
  listCategories: route({
    method: 'GET', path: '/categories', auth: true, status: 200,
    description: 'All categories by name.',
    response: z.object({ items: z.array(Category), nextCursor: z.null() }),
  }),
  createCategory: route({
    method: 'POST', path: '/categories', auth: true, status: 201,
    description: 'Create a category (admin).',
    body: z.object({ name: z.string().trim().min(1).max(80) }),
    response: Category,
  }),
} as const;

export const ReadinessCheck = z.object({ status: z.enum(['ok', 'down', 'starting', 'disabled']), error: z.string().optional() });
export const Readiness = z.object({
  status: z.enum(['ready', 'unavailable']),
  mode: z.enum(['single-node', 'redis']),
  checks: z.record(z.string(), ReadinessCheck),
});

/** Liveness and readiness probes (SPEC §9): open routes. */
export const healthRoutes = {
  healthz: route({
    method: 'GET', path: '/healthz', auth: false, status: 200,
    description: 'Liveness.',
    response: z.object({ status: z.literal('ok'), time: Timestamp }),
  }),
  readyz: route({
    method: 'GET', path: '/readyz', auth: false, status: 200,
    description: 'Readiness: 200 when the database (and Redis in multi-node mode) answer, 503 with the same body otherwise.',
    response: Readiness,
  }),
} as const;

/** Every route an app calls (the SDK's REST client is derived from it); the service API is apart. */
export const restRoutes = {
  ...authRoutes,
  ...auctionRoutes,
  ...categoryRoutes,
  ...healthRoutes,
  ...chatRoutes,
  ...notificationRoutes,
  ...gameRoutes,
} as const;

export type RestRoutes = typeof restRoutes;
export type RestRouteName = keyof RestRoutes;
