// @bidwire/sdk/testing: an in-memory fake of the Bidwire server, derived from the contract, for app
// tests (Vitest, Jest, jsdom or node). No network: the real client talks to it through a fake transport.
export { createFakeServer, createTestClient } from './test-client.js';
export type { TestClient, TestClientOptions } from './test-client.js';
export { FakeServer } from './fake-server.js';
export type { Authenticate, EmitOptions, FakeServerOptions } from './fake-server.js';
export { whenConnected } from './when-connected.js';
export { ContractViolation } from './contract-check.js';
export type { FieldIssue } from './contract-check.js';
export type { CommandHandler, CommandReply, EmitPayload, FakeConnection, HandlerContext, HandshakeAuth, ReceivedCommand } from './fake-types.js';
export {
  auctionFixture,
  bidFixture,
  commentFixture,
  conversationFixture,
  lotFixture,
  messageFixture,
  snapshotFixture,
  userFixture,
} from './fixtures.js';
export { gameFixture, gamePlayerFixture, gameSnapshotFixture, holdingsFixture } from './game-fixtures.js';
export { createFakeRest, FakeRest } from './fake-rest.js';
export type { ReceivedRequest, RestHandler, RestReply, RestRequest } from './fake-rest.js';
