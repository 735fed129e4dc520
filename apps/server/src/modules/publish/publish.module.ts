// The publish API (SPEC §6): POST /internal/v1/publish for other services, and `publish` in process.
import { domains } from '@bidwire/contract';
import type { EventEmitterPort } from '../../core/events.js';
import { defineModule } from '../../core/module.js';
import type { Db } from '../../db/client.js';
import type { Commit } from '../rooms/commit.js';
import { createPublisher } from './publish.service.js';

export function createPublishModule(d: { db: Db; commit: Commit; emitter: EventEmitterPort }) {
  const publisher = createPublisher(d);
  const module = defineModule(domains.publish, {
    commands: {},
    // The body is validated by the contract; the payload against its event inside publish().
    routes: { publish: ({ body }) => publisher.deliver(body) },
  });
  return { module, publish: publisher.publish };
}
