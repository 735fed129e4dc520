// A fresh, empty database per test server, on the provider the test run targets (BIDWIRE_TEST_DB):
// sqlite (default; a temp file), postgresql or mysql (a new database on the local server, dropped afterwards).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mariadb from 'mariadb';
import pg from 'pg';

export type TestDbProvider = 'sqlite' | 'postgresql' | 'mysql';

export const testDbProvider = (): TestDbProvider => {
  const value = process.env.BIDWIRE_TEST_DB ?? 'sqlite';
  if (value !== 'sqlite' && value !== 'postgresql' && value !== 'mysql') {
    throw new Error(`BIDWIRE_TEST_DB must be sqlite, postgresql or mysql, not "${value}"`);
  }
  return value;
};

export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
export const MYSQL_ADMIN_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

const withDatabase = (admin: string, name: string) => {
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return u.toString();
};

export async function createTestDatabase(provider: TestDbProvider = testDbProvider()): Promise<TestDatabase> {
  const name = `bw_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  switch (provider) {
    case 'sqlite': {
      const dir = mkdtempSync(path.join(tmpdir(), 'bidwire-test-'));
      return { url: `file:${path.join(dir, 'test.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
    }
    case 'postgresql': {
      await pgAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
      return {
        url: withDatabase(POSTGRES_ADMIN_URL, name),
        drop: () => pgAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
      };
    }
    case 'mysql': {
      await mysqlAdmin((c) => c.query(`CREATE DATABASE \`${name}\``));
      return {
        url: withDatabase(MYSQL_ADMIN_URL, name),
        drop: () => mysqlAdmin((c) => c.query(`DROP DATABASE IF EXISTS \`${name}\``)),
      };
    }
  }
}

async function pgAdmin(work: (c: pg.Client) => Promise<unknown>) {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

async function mysqlAdmin(work: (c: mariadb.Connection) => Promise<unknown>) {
  const u = new URL(MYSQL_ADMIN_URL);
  const conn = await mariadb.createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username) || 'root',
    password: decodeURIComponent(u.password),
  });
  try {
    await work(conn);
  } finally {
    await conn.end();
  }
}

/** Whether the provider's server answers; used to skip (visibly) outside CI. */
export async function isReachable(provider: TestDbProvider): Promise<boolean> {
  if (provider === 'sqlite') return true;
  try {
    await (provider === 'postgresql' ? pgAdmin((c) => c.query('SELECT 1')) : mysqlAdmin((c) => c.query('SELECT 1')));
    return true;
  } catch {
    return false;
  }
}
