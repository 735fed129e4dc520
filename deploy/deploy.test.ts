// Keeps deploy/ valid without Docker (CI has none): the compose file against the Compose Specification's
// JSON schema (vendored in schema/), the Dockerfile through dockerfile-utils' linter plus the rules this image promises, HAProxy and
// Prometheus pointing at services that exist, the Grafana dashboard querying only metrics the server exports,
// and the OTP stand-in receiver checking signatures as README documents.
import { spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import draft7 from 'ajv/dist/refs/json-schema-draft-07.json' with { type: 'json' };
import { validate as lintDockerfile } from 'dockerfile-utils';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parse as parseYaml } from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const read = (file: string) => readFileSync(path.join(here, file), 'utf8');

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown> | string[];
  volumes?: string[];
  ports?: string[];
  hostname?: string;
  user?: string;
}
// Compose files use YAML merge keys (`<<: *anchor`), a YAML 1.1 feature the parser must be told about.
const compose = parseYaml(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> };
const services = compose.services;
const bidwireNodes = Object.entries(services).filter(([, s]) => s.build?.dockerfile === 'deploy/Dockerfile');

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema', () => {
    // The schema (draft-07, vendored in schema/) uses annotations Ajv's strict mode does not know (deprecated…).
    const ajv = new Ajv.default({ strict: false, allErrors: true });
    // It names draft-07 by its https address; Ajv knows the same meta-schema by the http one.
    ajv.addMetaSchema({ ...draft7, $id: 'https://json-schema.org/draft-07/schema' });
    const check = ajv.compile(JSON.parse(read('schema/compose-spec.json')) as object);
    expect(check(compose) ? 'valid' : ajv.errorsText(check.errors, { separator: '\n' })).toBe('valid');
    // The check has teeth: a misspelt key or a wrong type is refused.
    expect(check({ ...compose, servics: {} })).toBe(false);
    expect(check({ services: { x: { image: 'a', restart: 1, depends_on: 'db' } } })).toBe(false);
  });

  it('runs two Bidwire nodes from deploy/Dockerfile on PostgreSQL and Redis behind a load balancer', () => {
    expect(bidwireNodes.map(([name]) => name)).toEqual(['bidwire-1', 'bidwire-2']);
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['lb', 'postgres', 'redis']));
    for (const [name, node] of bidwireNodes) {
      expect(node.build?.context, name).toBe('..');
      expect(node.hostname, name).toBe(name);
      const env = node.environment ?? {};
      expect(env.NODE_ENV).toBe('production');
      expect(env.DATABASE_URL).toMatch(/^postgresql:\/\/[^@]+@postgres:5432\//);
      expect(env.REDIS_URL).toBe('redis://redis:6379');
      expect(env.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/); // required from the environment, never a default
      expect(env.OTP_WEBHOOK_URL).toMatch(/^http:\/\/otp-receiver:8025\//);
      expect(node.ports, `${name} is reached through the load balancer only`).toBeUndefined();
    }
    expect(services.lb?.ports).toEqual(['8080:80']);
  });

  it('names only variables the server reads, services that exist, and files that exist', () => {
    const config = readFileSync(path.join(repo, 'apps/server/src/config.ts'), 'utf8');
    const known = new Set([...config.matchAll(/^ {4}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]));
    expect(known.size).toBeGreaterThan(20);
    for (const [name, node] of bidwireNodes) {
      for (const variable of Object.keys(node.environment ?? {})) expect(known, `${name}: ${variable}`).toContain(variable);
    }
    for (const [name, service] of Object.entries(services)) {
      const deps = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
      for (const dep of deps) expect(Object.keys(services), `${name} depends on ${dep}`).toContain(dep);
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (source.startsWith('.')) expect(existsSync(path.join(here, source)), `${name} mounts ${source}`).toBe(true);
      }
    }
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const froms = instructions.filter((l) => /^FROM /i.test(l));
  const finalStage = instructions.slice(instructions.lastIndexOf(froms.at(-1)!));

  it('passes the Dockerfile linter', () => {
    const problems = lintDockerfile(dockerfile).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
    expect(problems).toEqual([]);
  });

  it('is multi-stage on node:20-slim, builds with pnpm, and runs the server as a non-root user', () => {
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const from of froms) expect(from).toMatch(/^FROM node:20-slim( AS \w+)?$/);
    expect(dockerfile).toMatch(/pnpm install --frozen-lockfile/);
    expect(dockerfile).toMatch(/pnpm build/);
    expect(finalStage.some((l) => /^COPY --from=build /.test(l))).toBe(true);
    const user = finalStage.filter((l) => /^USER /.test(l)).at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER (root|0)(:|$)/);
    // The image runs the server as `pnpm start` does: the same node flags as the server's start script.
    const server = JSON.parse(readFileSync(path.join(repo, 'apps/server/package.json'), 'utf8')) as { main: string; scripts: { start: string } };
    expect(server.main).toBe('./dist/main.js');
    const start = server.scripts.start.split(/\s+/);
    expect(start[0]).toBe('node');
    expect(start.at(-1)).toBe('dist/main.js');
    const cmd = ['node', ...start.slice(1, -1), 'apps/server/dist/main.js'];
    expect(finalStage.filter((l) => /^CMD /.test(l)).at(-1)).toBe(`CMD ${JSON.stringify(cmd).replace(/","/g, '", "')}`);
  });

  it('leaves host builds out of the context (.dockerignore)', () => {
    const ignore = readFileSync(path.join(repo, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['**/node_modules', '**/dist', '.git', 'apps/server/data']) expect(ignore).toContain(entry);
  });
});

describe('HAProxy and Prometheus', () => {
  it('HAProxy balances the Bidwire nodes with sticky sessions, checks /readyz and keeps /metrics inside', () => {
    const cfg = read('haproxy.cfg');
    const servers = [...cfg.matchAll(/^\s*server (\S+) (\S+):(\d+) cookie (\S+)$/gm)].map((m) => ({ host: m[2], port: m[3], cookie: m[4] }));
    expect(servers.map((s) => s.host)).toEqual(bidwireNodes.map(([name]) => name));
    expect(servers.every((s) => s.port === '3000')).toBe(true);
    expect(cfg).toMatch(/^\s*cookie BIDWIRE_NODE insert/m);
    expect(cfg).toMatch(/^\s*balance source$/m);
    expect(cfg).toMatch(/^\s*option httpchk GET \/readyz$/m);
    expect(cfg).toMatch(/^\s*timeout tunnel \d+h$/m);
    expect(cfg).toMatch(/http-request deny .* if \{ path \/metrics \}/);
  });

  it('Prometheus scrapes each node', () => {
    const prom = parseYaml(read('prometheus.yml')) as { scrape_configs: { metrics_path: string; static_configs: { targets: string[] }[] }[] };
    const targets = prom.scrape_configs.flatMap((c) => c.static_configs.flatMap((s) => s.targets));
    expect(targets).toEqual(bidwireNodes.map(([name]) => `${name}:3000`));
    expect(prom.scrape_configs[0]?.metrics_path).toBe('/metrics');
  });
});

/** Every metric name a Bidwire node exports: ours (from metrics.ts) and prom-client's process metrics. */
async function exportedMetrics() {
  const source = readFileSync(path.join(repo, 'apps/server/src/observability/metrics.ts'), 'utf8');
  const ours = [...source.matchAll(/name: '(bidwire_[a-z_]+)'/g)].map((m) => m[1]!);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const defaults = (await registry.getMetricsAsJSON()).map((m) => m.name);
  return { ours, all: new Set([...ours, ...defaults]) };
}

/** The metric names a PromQL expression reads (histogram series folded to their metric). */
const metricsIn = (expr: string) =>
  [...expr.matchAll(/\b((?:bidwire|nodejs|process)_[a-z0-9_]+)\b/g)].map((m) => m[1]!.replace(/_(bucket|sum|count)$/, ''));

describe('Grafana dashboard', () => {
  interface Panel {
    type: string;
    title: string;
    id: number;
    targets?: { expr: string }[];
  }
  const dashboard = JSON.parse(read('grafana/bidwire-dashboard.json')) as { uid: string; title: string; panels: Panel[] };

  it('queries only metrics the server exports (SPEC §9 names and the Node.js process metrics)', async () => {
    const { ours, all: exported } = await exportedMetrics();
    expect(ours).toEqual(expect.arrayContaining(['bidwire_connected_sockets', 'bidwire_commands_total', 'bidwire_command_duration_seconds', 'bidwire_bids_total', 'bidwire_events_broadcast_total']));

    const queries = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));
    expect(queries.length).toBeGreaterThan(15);
    const used = new Set<string>();
    for (const { panel, expr } of queries) {
      const names = metricsIn(expr);
      expect(names.length, panel).toBeGreaterThan(0);
      for (const name of names) {
        expect(exported, `${panel}: ${name}`).toContain(name);
        used.add(name);
      }
    }
    // Every Bidwire metric has a panel.
    for (const name of ours) expect(used, name).toContain(name);
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
    expect(dashboard.uid).toBe('bidwire-overview');
  });
});

describe('Prometheus alerting rules', () => {
  it('each rule reads exported metrics and says what it means', async () => {
    const { all: exported } = await exportedMetrics();
    const rules = (parseYaml(read('prometheus-alerts.yml')) as { groups: { rules: { alert: string; expr: string; for: string; labels: { severity: string }; annotations: { summary: string; description: string } }[] }[] }).groups.flatMap((g) => g.rules);
    expect(rules.length).toBeGreaterThanOrEqual(6);
    expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);
    for (const r of rules) {
      expect(r.alert).toMatch(/^Bidwire[A-Za-z]+$/);
      expect(r.for, r.alert).toMatch(/^\d+[smh]$/);
      expect(['page', 'warn'], r.alert).toContain(r.labels.severity);
      expect(r.annotations.summary && r.annotations.description, r.alert).toBeTruthy();
      for (const name of metricsIn(r.expr).filter((n) => n !== 'up')) expect(exported, `${r.alert}: ${name}`).toContain(name);
    }
    const prom = parseYaml(read('prometheus.yml')) as { rule_files: string[] };
    expect(prom.rule_files).toEqual(['/etc/prometheus/alerts.yml']);
    expect(services.prometheus?.volumes).toContain('./prometheus-alerts.yml:/etc/prometheus/alerts.yml:ro');
  });
});

// The tools themselves, where the machine has them (Debian: `apt-get install haproxy prometheus`): stricter
// than the checks above (HAProxy's parser, PromQL syntax of every rule and dashboard query).
const onPath = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
};

describe('native checks (when installed)', () => {
  it.skipIf(!onPath('haproxy'))('haproxy -c accepts haproxy.cfg', () => {
    const r = run('haproxy', ['-c', '-f', path.join(here, 'haproxy.cfg')]);
    expect(r.output).toContain('Configuration file is valid');
    expect(r.status).toBe(0);
  });

  it.skipIf(!onPath('promtool'))('promtool accepts the Prometheus config, the alert rules and every dashboard query', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bidwire-promtool-'));
    writeFileSync(path.join(dir, 'alerts.yml'), read('prometheus-alerts.yml'));
    writeFileSync(path.join(dir, 'prometheus.yml'), read('prometheus.yml').replace('/etc/prometheus/alerts.yml', 'alerts.yml'));
    const config = run('promtool', ['check', 'config', path.join(dir, 'prometheus.yml')]);
    expect(config.output).toContain('SUCCESS: 8 rules found');
    expect(config.status).toBe(0);
    // Dashboard queries as recording rules, Grafana's variables replaced by what they expand to.
    const dashboard = JSON.parse(read('grafana/bidwire-dashboard.json')) as { panels: { targets?: { expr: string }[] }[] };
    const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr.replaceAll('$__rate_interval', '5m').replaceAll('$instance', '.*')));
    const rules = ['groups:', '  - name: dashboard', '    rules:', ...exprs.flatMap((e, i) => [`      - record: dashboard:query${i}`, `        expr: ${JSON.stringify(e)}`])];
    writeFileSync(path.join(dir, 'dashboard.yml'), `${rules.join('\n')}\n`);
    const queries = run('promtool', ['check', 'rules', path.join(dir, 'dashboard.yml')]);
    expect(queries.output).toContain(`SUCCESS: ${exprs.length} rules found`);
    expect(queries.status).toBe(0);
  });
});

describe('OTP stand-in receiver (deploy/otp-log-receiver.mjs)', () => {
  it('accepts a delivery signed as documented, prints the code once, and refuses bad or stale signatures', async () => {
    const secret = 'deploy-test-secret-0123456789';
    const port = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = srv.address() as { port: number };
        srv.close(() => resolve(p));
      });
    });
    const child = spawn(process.execPath, [path.join(here, 'otp-log-receiver.mjs')], { env: { ...process.env, OTP_WEBHOOK_SECRET: secret, PORT: String(port) } });
    onTestFinished(() => void child.kill());
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    for (let i = 0; i < 100 && !output.includes('listening'); i++) await new Promise((r) => setTimeout(r, 50));

    const body = JSON.stringify({ phone: '+15551230000', code: '424242', expiresAt: '2030-01-01T00:00:00.000Z' });
    const post = (t: number, key: string, delivery = 'd-1') =>
      fetch(`http://127.0.0.1:${port}/otp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-bidwire-delivery': delivery,
          'x-bidwire-signature': `t=${t},v1=${createHmac('sha256', key).update(`${t}.${body}`).digest('hex')}`,
        },
        body,
      }).then((r) => r.status);
    const now = Math.floor(Date.now() / 1000);
    expect(await post(now, secret)).toBe(204);
    expect(await post(now, secret)).toBe(204); // a retry of the same delivery
    expect(await post(now, 'not-the-secret-0123456789')).toBe(401);
    expect(await post(now - 3600, secret, 'd-2')).toBe(401);
    expect(output.match(/sign-in code for \+15551230000: 424242/g)).toHaveLength(1);
  });
});
