// createRestClient(): one typed method per contract REST route, over the global fetch
// (or an injected one), failing with the same BidwireError as socket commands.
import type { ErrorCode } from '@bidwire/contract';
import { contractMeta } from './contract-meta.js';
import type { TokenSource } from './client-options.js';
import { BidwireError } from './errors.js';
import type { FetchLike, RestCallOptions, RestClient } from './rest-types.js';
import { buildUrl } from './rest-url.js';

export type RestClientOptions = TokenSource & {
  /** Server origin, e.g. `https://api.example.com`. */
  baseUrl: string;
  /** Defaults to the global `fetch`. */
  fetch?: FetchLike;
};

type RouteShape = { method: string; path: string; auth: boolean | 'service' };
type RouteInput = { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };

export function createRestClient(options: RestClientOptions): RestClient {
  const client: Record<string, (input?: RouteInput, callOptions?: RestCallOptions) => Promise<unknown>> = {};
  for (const [name, route] of Object.entries(contractMeta.routes)) {
    client[name] = (input = {}, callOptions = {}) => call(options, name, route, input, callOptions);
  }
  return client as unknown as RestClient;
}

async function call(
  options: RestClientOptions,
  name: string,
  route: RouteShape,
  input: RouteInput,
  callOptions: RestCallOptions,
): Promise<unknown> {
  const url = buildUrl(options.baseUrl, route.path, input.params, input.query);
  const headers: Record<string, string> = { accept: 'application/json', ...callOptions.headers };
  const init: Parameters<FetchLike>[1] = { method: route.method, headers };
  if (input.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(input.body);
  }
  if (route.auth) {
    const token = options.getToken ? await options.getToken() : options.token;
    if (token) headers.authorization = `Bearer ${token}`;
  }
  if (callOptions.signal) init.signal = callOptions.signal;

  // Called through globalThis: browsers throw "Illegal invocation" on a detached fetch.
  const doFetch: FetchLike = options.fetch ?? ((u, i) => globalThis.fetch(u, i));
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    response = await doFetch(url, init);
  } catch (cause) {
    // An abort is the caller's own doing: hand it back untouched.
    if (callOptions.signal?.aborted) throw cause;
    throw new BidwireError({ code: 'DISCONNECTED', command: name, message: `Could not reach the server for ${name}.`, cause });
  }

  const text = await response.text();
  const json = parseJson(text);
  if (response.ok) {
    if (json === INVALID) {
      throw new BidwireError({ code: 'INTERNAL', command: name, status: response.status, message: `The answer to ${name} is not JSON.` });
    }
    return json;
  }
  const error = json !== INVALID ? (json as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error : undefined;
  throw new BidwireError({
    code: isErrorCode(error?.code) ? error.code : codeForStatus(response.status),
    message: typeof error?.message === 'string' ? error.message : `${route.method} ${route.path} failed with HTTP ${response.status}.`,
    details: error?.details,
    command: name,
    status: response.status,
  });
}

const INVALID = Symbol('invalid JSON');

/** An empty body (204, or a bare 200) reads as null. */
function parseJson(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID;
  }
}

function isErrorCode(value: unknown): value is ErrorCode {
  return (contractMeta.errorCodes as readonly unknown[]).includes(value);
}

/** For error answers without our JSON body, e.g. from a proxy. */
function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400: return 'VALIDATION_FAILED';
    case 401: return 'UNAUTHENTICATED';
    case 403: return 'FORBIDDEN';
    case 404: return 'NOT_FOUND';
    case 409: return 'CONFLICT';
    case 429: return 'RATE_LIMITED';
    default: return 'INTERNAL';
  }
}
