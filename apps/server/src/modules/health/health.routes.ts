// GET /healthz (the process is up) and GET /readyz (the database and Redis answer; 503 otherwise, with
// each dependency's state) — what a load balancer or orchestrator polls.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import { readiness, type DependencyCheck } from './dependency-checks.js';

export interface HealthDeps {
  db: Db;
  checks: DependencyCheck[];
  mode: 'single-node' | 'redis';
  /** Dependencies whose start-up work (migrations) is still running or retrying. */
  starting?: ReadonlySet<string>;
}

export function registerHealthRoutes(app: FastifyInstance, deps: HealthDeps) {
  const database: DependencyCheck = { name: 'database', check: async () => void (await deps.db.$queryRawUnsafe('SELECT 1')) };
  app.get('/healthz', async () => ({ status: 'ok', time: new Date().toISOString() }));
  app.get('/readyz', async (_req, reply) => {
    const result = await readiness([database, ...deps.checks], deps.starting ?? new Set());
    const checks = deps.mode === 'single-node' ? { ...result.checks, redis: { status: 'disabled' as const } } : result.checks;
    return reply.status(result.ready ? 200 : 503).send({ status: result.ready ? 'ready' : 'unavailable', mode: deps.mode, checks });
  });
}
