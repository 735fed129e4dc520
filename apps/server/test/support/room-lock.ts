// Holds a room's seq row locked from outside the server (PostgreSQL, MySQL/MariaDB), so that the room's
// writers — a batch of bids — wait in the middle of their transaction: commands stay in flight on cue.
// SQLite is not covered: its writers wait synchronously, which would stop the whole server, not the room.
import mariadb from 'mariadb';
import pg from 'pg';
import type { TestDbProvider } from './test-database.js';

export interface RoomLock {
  release(): Promise<void>;
}

export async function lockRoom(provider: TestDbProvider, databaseUrl: string, room: string): Promise<RoomLock> {
  if (provider === 'postgresql') {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query('BEGIN');
    await client.query('SELECT "seq" FROM "RoomSeq" WHERE "room" = $1 FOR UPDATE', [room]);
    return {
      release: async () => {
        await client.query('COMMIT');
        await client.end();
      },
    };
  }
  if (provider === 'mysql') {
    const u = new URL(databaseUrl);
    const conn = await mariadb.createConnection({
      host: u.hostname,
      port: Number(u.port || 3306),
      user: decodeURIComponent(u.username) || 'root',
      password: decodeURIComponent(u.password),
      database: u.pathname.slice(1),
    });
    await conn.beginTransaction();
    await conn.query('SELECT `seq` FROM `RoomSeq` WHERE `room` = ? FOR UPDATE', [room]);
    return {
      release: async () => {
        await conn.commit();
        await conn.end();
      },
    };
  }
  throw new Error(`no room lock for ${provider}`);
}
