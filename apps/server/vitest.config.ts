// Vitest runs the TypeScript sources directly (no build step): workspace packages resolve to their src.
// The integration suite runs once per database provider (projects sqlite, postgresql, mysql) and once in
// multi-node mode (project redis: PostgreSQL + Redis). Outside CI a
// provider whose server does not answer is left out with a printed notice; in CI (CI=true) it always runs,
// so a missing service fails the build instead of passing silently.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { isReachable, MYSQL_ADMIN_URL, POSTGRES_ADMIN_URL, type TestDbProvider } from './test/support/test-database.js';

const src = (pkg: string, entry = 'index.ts') => fileURLToPath(new URL(`../../packages/${pkg}/src/${entry}`, import.meta.url));
// Exact names: a prefix alias would turn '@bidwire/sdk/testing' into a path inside sdk/src/index.ts.
const alias = [
  { find: /^@bidwire\/contract$/, replacement: src('contract') },
  { find: /^@bidwire\/sdk$/, replacement: src('sdk') },
  { find: /^@bidwire\/sdk\/testing$/, replacement: src('sdk', 'testing/index.ts') },
];
const common = { environment: 'node', testTimeout: 30_000, hookTimeout: 30_000 } as const;

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
type Project = TestDbProvider | 'redis';
const requested = (process.env.BIDWIRE_TEST_DBS ?? 'sqlite,postgresql,mysql,redis').split(',').map((s) => s.trim());
const where: Record<Project, string> = { sqlite: 'a temp file', postgresql: POSTGRES_ADMIN_URL, mysql: MYSQL_ADMIN_URL, redis: `${REDIS_URL} (with ${POSTGRES_ADMIN_URL})` };

async function redisAnswers(): Promise<boolean> {
  const { createClient } = await import('redis');
  const client = createClient({ url: REDIS_URL, socket: { reconnectStrategy: false, connectTimeout: 1_000 } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    await client.quit().catch(() => undefined);
  }
}
/**
 * Files whose subject never reaches the database (the docs, the web app's static files, validation before any
 * handler, the socket protocol, CORS, the clock, transport back-pressure): run once, in the sqlite project,
 * instead of once per provider. Everything that stores or reads data runs on every provider.
 */
const PROVIDER_NEUTRAL = ['docs', 'docs.browser', 'web-app', 'validation', 'validation-rest', 'protocol', 'origins', 'contract-version', 'clock', 'slow-consumer', 'production-modules'].map(
  (name) => `test/${name}.test.ts`,
);

const reachable = async (p: Project) => (p === 'redis' ? (await redisAnswers()) && (await isReachable('postgresql')) : isReachable(p));

export default defineConfig(async () => {
  const projects: Project[] = [];
  for (const project of ['sqlite', 'postgresql', 'mysql', 'redis'] as const) {
    if (!requested.includes(project)) continue;
    if (process.env.CI || (await reachable(project))) projects.push(project);
    else console.warn(`\n*** SKIPPING the ${project} test project: no server answers at ${where[project]} (CI would fail) ***\n`);
  }
  return {
    resolve: { alias },
    test: {
      // Two test files at a time (Vitest's default is one less than the cores: one on a 2-core machine); each file
      // has its own databases, Redis key prefix and ports. Safe only with nothing else loading the machine, so
      // `pnpm test` starts this suite after the web, react and sdk suites (turbo.json). Why, with the figures:
      // DEVELOPERS.md, "Test projects".
      maxWorkers: Math.max(2, availableParallelism() - 1),
      projects: projects.map((project) => ({
        resolve: { alias },
        test: {
          ...common,
          name: project,
          // Unit tests of the sources and the SQLite-specific database tests run once, in the sqlite project.
          include: project === 'sqlite' ? ['src/**/*.test.ts', 'test/**/*.test.ts'] : ['test/**/*.test.ts'],
          // Several server processes on PostgreSQL + Redis: only in the redis project.
          exclude: [...(project === 'redis' ? [] : ['test/multi-node/**']), ...(project === 'sqlite' ? [] : PROVIDER_NEUTRAL)],
          // The redis project: the whole suite in multi-node mode (Redis adapter and shared state) on PostgreSQL.
          env:
            project === 'redis'
              ? { BIDWIRE_TEST_DB: 'postgresql', BIDWIRE_TEST_REDIS_URL: REDIS_URL }
              : { BIDWIRE_TEST_DB: project },
        },
      })),
    },
  };
});
