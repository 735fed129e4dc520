// REST during a graceful shutdown (SPEC §9 "SIGTERM"): requests that arrive once the drain has begun are
// answered 503 UNAVAILABLE in the API's shape (with `connection: close`, so a client's next request opens a
// connection the load balancer can send elsewhere); the ones already admitted are counted until their
// response is sent, so their work (and the events it broadcasts) is done before the connections close.
// The probes stay open: /readyz says the node is draining, /healthz that it is still up, /metrics keeps counting.
import type { FastifyInstance } from 'fastify';
import type { Drain } from '../core/drain.js';

const OPEN_DURING_DRAIN = new Set(['/healthz', '/readyz', '/metrics']);

/** Register before the routes. */
export function refuseWhileDraining(app: FastifyInstance, drain: Drain): void {
  app.addHook('onRequest', async (req, reply) => {
    if (drain.draining && !OPEN_DURING_DRAIN.has(req.routeOptions.url ?? '')) {
      reply.header('connection', 'close');
      throw drain.refusal(); // answered by the REST error handler (bind-routes.ts): 503 UNAVAILABLE
    }
    // 'close' is emitted once the response is sent, or when the client went away first.
    reply.raw.once('close', drain.enter());
  });
}
