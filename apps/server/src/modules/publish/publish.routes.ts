// POST /internal/v1/publish: the publish API over HTTP for other services (service key).
import { serviceRoutes } from '@bidwire/contract';
import type { RouteBinder } from '../../http/bind-route.js';
import type { Publish, PublishInput } from './publish.service.js';

export function registerPublishRoutes(bind: RouteBinder, publish: Publish) {
  // The body is validated by the contract; the payload against its event inside publish().
  bind(serviceRoutes.publish, ({ body }) => publish(body as PublishInput));
}
