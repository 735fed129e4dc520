// Types of the REST client, derived from the contract's `restRoutes`: each route's input
// holds only the parts (params, query, body) that route defines.
import type { RestRouteName, RestRoutes } from '@bidwire/contract';
import type { z } from 'zod';

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type ParamsPart<R> = R extends { params: infer P extends z.ZodType } ? { params: z.input<P> } : {};
/** A query whose fields are all optional (paging, filters) may be left out. */
type QueryPart<R> = R extends { query: infer Q extends z.ZodType }
  ? {} extends z.input<Q>
    ? { query?: z.input<Q> }
    : { query: z.input<Q> }
  : {};
type BodyPart<R> = R extends { body: infer B extends z.ZodType } ? { body: z.input<B> } : {};

export type RestInput<K extends RestRouteName> = Simplify<
  ParamsPart<RestRoutes[K]> & QueryPart<RestRoutes[K]> & BodyPart<RestRoutes[K]>
>;
/** The parsed JSON of a success (`null` for 204). */
export type RestOutput<K extends RestRouteName> = z.output<RestRoutes[K]['response']>;

export interface RestCallOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** A route without required input (e.g. `healthz`) may be called with no argument. */
export type RestArgs<K extends RestRouteName> = {} extends RestInput<K>
  ? [input?: RestInput<K>, options?: RestCallOptions]
  : [input: RestInput<K>, options?: RestCallOptions];

export type RestClient = { [K in RestRouteName]: (...args: RestArgs<K>) => Promise<RestOutput<K>> };

/** The part of `fetch` the client uses, so any compatible implementation can be injected. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;
