// @bidwire/sdk: the typed client apps use; it re-exports the contract's types so an app
// depends on this package alone.
export { createClient } from './client.js';
export type { BidwireClient, BidwireSocket, ClientCore, ConnectErrorInfo } from './client.js';
export type { ClientOptions, TokenGetter, TokenSource } from './client-options.js';
export type { ClockSample } from './clock.js';
export type { CommandArgs, CommandMethod, CommandMethods } from './command-methods.js';
export type { CommandOptions } from './command-sender.js';
export type { ConnectionState } from './connection-state.js';
export type { EventHandler } from './event-hub.js';
export { BidwireError, isCommandError } from './errors.js';
export type { BidwireErrorInit, ClientErrorCode, CommandFailureCode } from './errors.js';
export { createRestClient } from './rest-client.js';
export type { RestClientOptions } from './rest-client.js';
export type { FetchLike, RestArgs, RestCallOptions, RestClient, RestInput, RestOutput } from './rest-types.js';
// A value re-export, not `export type *`: tsup's bundled .d.ts turns the latter into a plain
// `export *`, which would promise schemas at run time that the bundle does not export.
export * from '@bidwire/contract';
