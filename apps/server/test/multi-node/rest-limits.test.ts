// REST limits held cluster-wide (Redis store of @fastify/rate-limit): requests spread over two server
// processes share one budget per address and per user. Each node's /metrics labels itself.
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { scrape } from '../support/scrape.js';
import { startCluster } from './cluster-fixture.js';

const json = { 'content-type': 'application/json' };

describe('REST limits across nodes (two processes, Redis)', () => {
  it('counts sign-in requests per address and creations per user on both nodes together', async () => {
    const cluster = await startCluster(2, { REST_AUTH_RATE_LIMIT: '12/minute', REST_CREATE_RATE_LIMIT: '10/minute' });
    const [a, b] = cluster.nodes.map((n) => n.url) as [string, string];
    const owner = await cluster.signIn('Owner'); // 2 sign-in requests on node a

    const auth: number[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${i % 2 ? b : a}/auth/otp/request`, { method: 'POST', headers: json, body: JSON.stringify({ phone: `+1555720${String(i).padStart(4, '0')}` }) });
      auth.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      await res.body?.cancel();
    }
    expect(auth.filter((s) => s === 200)).toHaveLength(10);
    expect(auth.slice(10).every((s) => s === 429)).toBe(true);

    const created: number[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${i % 2 ? b : a}/auctions`, {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${owner.token}` },
        body: JSON.stringify({ title: `Across nodes ${i}` }),
      });
      created.push(res.status);
      const body = (await res.json()) as { error?: { code: string } };
      if (res.status === 429) expect(body.error?.code).toBe('RATE_LIMITED');
    }
    expect(created.filter((s) => s === 201)).toHaveLength(10);
    expect(created.slice(10).every((s) => s === 429)).toBe(true);

    // Each node reports its own series under its own `node` label (hostname:pid of its process).
    const labels = await Promise.all([a, b].map(async (url) => new Set((await scrape(url)).labelSets('process_cpu_seconds_total').map((l) => l.node))));
    for (const set of labels) {
      expect(set.size).toBe(1);
      expect([...set][0]).toMatch(new RegExp(`^${hostname().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+$`));
    }
    expect([...labels[0]!][0]).not.toBe([...labels[1]!][0]);
  });
});
