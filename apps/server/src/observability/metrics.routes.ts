// GET /metrics: this node's Prometheus text exposition. No token (SPEC §1): keep the port off the public
// internet or let the load balancer refuse /metrics from outside (see README, Operating Bidwire).
import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics.js';

export function registerMetricsRoute(app: FastifyInstance, metrics: Metrics) {
  app.get('/metrics', async (_req, reply) => reply.header('content-type', metrics.contentType).send(await metrics.render()));
}
