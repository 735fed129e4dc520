// GET /healthz (the process is up) and GET /readyz (the database and Redis answer; 503 otherwise, with
// each dependency's state) — what a load balancer or orchestrator polls.
import { domains } from '@bidwire/contract';
import { readiness, type DependencyCheck } from '../../core/ports/dependency-checks.js';
import { defineModule, WithStatus } from '../../core/module.js';

export interface HealthDeps {
  /** The database and, in multi-node mode, Redis. */
  checks: DependencyCheck[];
  mode: 'single-node' | 'redis';
  /** Dependencies whose start-up work (migrations) is still running or retrying. */
  starting: ReadonlySet<string>;
}

export function createHealthModule(deps: HealthDeps) {
  return defineModule(domains.health, {
    commands: {},
    routes: {
      healthz: async () => ({ status: 'ok', time: new Date().toISOString() }),
      readyz: async () => {
        const result = await readiness(deps.checks, deps.starting);
        const checks = deps.mode === 'single-node' ? { ...result.checks, redis: { status: 'disabled' as const } } : result.checks;
        const body = { status: result.ready ? ('ready' as const) : ('unavailable' as const), mode: deps.mode, checks };
        return result.ready ? body : new WithStatus(503, body);
      },
    },
  });
}
