// A server child process on a fresh test database, one per test: after each test of the file that asks for it,
// the server is stopped and the database dropped. (A file's own afterEach, registered after this, runs first.)
import { afterEach } from 'vitest';
import { serverProcess, type ServerProcess } from './server-process.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export function serverPerTest(): (env: Record<string, string>) => Promise<{ server: ServerProcess; database: TestDatabase }> {
  let server: ServerProcess | undefined;
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await server?.stop();
    await database?.drop();
    server = undefined;
    database = undefined;
  });
  return async (env) => {
    database = await createTestDatabase();
    server = await serverProcess({ databaseUrl: database.url, env });
    return { server, database };
  };
}
