// timeSync: the server's clock, so every client can show the same countdown.
import { domains } from '@bidwire/contract';
import { defineModule } from '../../core/module.js';

export const createTimeModule = () =>
  defineModule(domains.time, {
    commands: { timeSync: () => ({ serverTime: Date.now() }) },
    routes: {},
  });
