// Type tests (checked by `pnpm typecheck`): a module must implement every command and route of its slice,
// the app must list a module for every domain, and handlers get the contract's types.
import { domains } from '@bidwire/contract';
import { expectTypeOf } from 'vitest';
import { defineModule, type ServerModules } from './module.js';

// Every command of the slice needs a handler: timeSync is missing.
// @ts-expect-error Property 'timeSync' is missing
defineModule(domains.time, { commands: {}, routes: {} });

// Every route of the slice needs a handler: readyz is missing.
defineModule(domains.health, {
  commands: {},
  // @ts-expect-error Property 'readyz' is missing
  routes: { healthz: async () => ({ status: 'ok', time: '' }) },
});

// A handler answering the wrong shape does not compile.
defineModule(domains.time, {
  // @ts-expect-error serverTime must be a number
  commands: { timeSync: () => ({ serverTime: 'now' }) },
  routes: {},
});

// Handlers are typed from the contract: the parsed payload in, the ack's data out.
defineModule(domains.presence, {
  commands: {
    getPresence: (input, ctx) => {
      expectTypeOf(input.userIds).toEqualTypeOf<string[]>();
      expectTypeOf(ctx.user.id).toEqualTypeOf<string>();
      return { presence: [] };
    },
  },
  routes: {},
});

// REST handlers get the route's parsed parts, and the user on routes that need a token.
defineModule(domains.categories, {
  commands: {},
  routes: {
    listCategories: async () => ({ items: [], nextCursor: null }),
    createCategory: async ({ body, user }) => {
      expectTypeOf(body.name).toEqualTypeOf<string>();
      expectTypeOf(user.roles).toEqualTypeOf<('buyer' | 'seller' | 'admin')[]>();
      return { id: 'c1', name: body.name };
    },
  },
});

// The app lists one module per domain: leaving one out does not compile.
declare const all: ServerModules;
const { chat: _chat, ...withoutChat } = all;
// @ts-expect-error Property 'chat' is missing
const incomplete: ServerModules = withoutChat;
export { incomplete };
