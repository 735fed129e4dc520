// @bidwire/sdk: the typed client apps use. It re-exports the contract's types, so an app depends on
// this package alone; the contract's zod schemas (values) stay in @bidwire/contract, so the client
// ships without zod.
import type { ERROR_CODES as ContractErrorCodes } from '@bidwire/contract';
import { contractMeta } from './contract-meta.js';

export { createClient } from './client.js';
export type { BidwireClient, BidwireSocket, ClientCore, ConnectErrorInfo } from './client.js';
export type { ClientOptions, TokenGetter, TokenSource } from './client-options.js';
export type { ClockSample } from './clock.js';
export type { CommandArgs, CommandMethod, CommandMethods, CommandPromise } from './command-methods.js';
export type { CommandOptions } from './command-sender.js';
export type { ConnectionState } from './connection-state.js';
export type { EventHandler } from './event-hub.js';
export { BidwireError, isBidwireError, isCommandError } from './errors.js';
export type { BidwireErrorInit, ClientErrorCode, CommandFailureCode } from './errors.js';
export { settle } from './bidwire-promise.js';
export type { BidwirePromise, Settled } from './bidwire-promise.js';
export { createRestClient } from './rest-client.js';
export type { RestClientOptions } from './rest-client.js';
export type { FetchLike, RestArgs, RestCallOptions, RestClient, RestInput, RestOutput } from './rest-types.js';

/** Every error code the server can answer with (the contract's list). */
export const ERROR_CODES = contractMeta.errorCodes as typeof ContractErrorCodes;
/** The contract version this SDK was built with; sent in every handshake (SPEC §1). */
export const CONTRACT_VERSION: string = contractMeta.contractVersion;

// Types only: the build's .d.ts gets `export type *` back (tsup.config.ts), so importing a schema
// from here is a compile error rather than `undefined` at run time.
export type * from '@bidwire/contract';
