// Starts one real Bidwire server (SQLite in a temp file, port 0) for the whole hook test run, with the
// server's own test harness, and hands its URL and service key to the test files (typed in provided.d.ts).
// Left out of this package's typecheck: it pulls in the server's sources, which the server's own typecheck
// covers under its own settings (Node types, not the DOM).
import type { TestProject } from 'vitest/node';
import { startServer } from '../../../apps/server/test/harness.js';

export const SERVICE_KEY = 'react-hooks-test-service-key';

export default async function setup(project: TestProject) {
  const server = await startServer({
    SERVICE_API_KEYS: SERVICE_KEY,
    // Tests reuse users across many quick commands: lift the per-user command limits.
    RATE_LIMITS: 'placeBid=100000,postComment=100000,sendMessage=100000,setTyping=100000,*=100000',
    PRESENCE_GRACE_MS: '200',
  });
  project.provide('bidwireUrl', server.url);
  project.provide('bidwireServiceKey', SERVICE_KEY);
  return () => server.close();
}
