// The logger's format follows the terminal, the start line names the database without its password, and
// migration progress is announced as the engine applies each migration.
import { PassThrough } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createLogger, describeDatabase, migrationLog, startLine } from './logger.js';

async function logOnce(isTTY: boolean, format: 'auto' | 'pretty' | 'json' = 'auto') {
  const stream = new PassThrough();
  let out = '';
  stream.on('data', (d: Buffer) => (out += d.toString()));
  const log = createLogger({ logLevel: 'info', logFormat: format }, { stream, isTTY });
  log.info({ start: { url: 'http://localhost:3000' } }, 'Bidwire is listening');
  log.info({ req: { method: 'GET', url: '/auctions' }, reqId: 'req-1' }, 'incoming request');
  await new Promise((r) => setTimeout(r, 50));
  return out;
}

describe('logger', () => {
  it('writes JSON lines when stdout is not a terminal, readable lines when it is', async () => {
    const json = (await logOnce(false)).trim().split('\n');
    expect(json.map((l) => JSON.parse(l) as { msg: string }).map((l) => l.msg)).toEqual(['Bidwire is listening', 'incoming request']);
    expect(JSON.parse(json[0]!)).toMatchObject({ level: 30, start: { url: 'http://localhost:3000' } });

    const colored = await logOnce(true);
    expect(colored).toContain('\u001b['); // a terminal gets colours
    const human = stripVTControlCharacters(colored).trim().split('\n');
    expect(human).toHaveLength(2);
    expect(human[0]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] .*INFO.*: Bidwire is listening/);
    expect(human[1]).toMatch(/incoming request: GET \/auctions$/);
    // LOG_FORMAT forces either way.
    const forcedJson = await logOnce(true, 'json');
    expect(() => JSON.parse(forcedJson.split('\n')[0]!)).not.toThrow();
    expect(await logOnce(false, 'pretty')).toContain('INFO: Bidwire is listening');
  });

  it('describes the database without its password', () => {
    expect(describeDatabase('postgresql://bidwire:s3cret@db.internal:5432/bidwire?sslmode=require')).toBe('PostgreSQL bidwire@db.internal:5432/bidwire');
    expect(describeDatabase('mysql://root:hunter2@127.0.0.1:3306/test')).toBe('MySQL/MariaDB root@127.0.0.1:3306/test');
    expect(describeDatabase('file:/var/lib/bidwire/bidwire.db')).toBe('SQLite /var/lib/bidwire/bidwire.db');
    const line = startLine({ databaseUrl: 'postgres://u:pw@h:5432/d', redisUrl: 'redis://:redispw@cache:6379' }, 'http://localhost:3000');
    expect(line.msg).toBe(
      'Bidwire is listening on http://localhost:3000 — database: PostgreSQL u@h:5432/d; mode: multi-node (Redis cache:6379); ' +
        'web app: http://localhost:3000/ · REST docs: http://localhost:3000/docs · metrics: http://localhost:3000/metrics',
    );
    expect(line.fields).toEqual({ start: { url: 'http://localhost:3000', database: 'PostgreSQL u@h:5432/d', mode: 'redis' } });
    expect(JSON.stringify(line)).not.toMatch(/pw/);
  });

  it('announces each migration as the engine starts it and keeps the engine chatter at trace', () => {
    const lines: [string, string][] = [];
    const log = migrationLog({ info: (m: string) => void lines.push(['info', m]), trace: (m: string) => void lines.push(['trace', m]) } as never);
    log('[schema-engine INFO] Starting schema-engine-wasm');
    log('[schema-engine INFO] Applying `20261121230229_init`');
    log('applied migration 20261121230229_init');
    log('applied migration 20270101000000_mysql_only'); // MySQL's runner reports after the fact
    log('database schema is up to date');
    expect(lines).toEqual([
      ['trace', '[schema-engine INFO] Starting schema-engine-wasm'],
      ['info', 'applying migration 20261121230229_init…'],
      ['trace', 'applied migration 20261121230229_init'],
      ['info', 'applied migration 20270101000000_mysql_only'],
      ['info', 'database schema is up to date'],
    ]);
  });
});
