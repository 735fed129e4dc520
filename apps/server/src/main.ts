// Reads the configuration, builds the app, listens, and shuts down gracefully on SIGTERM/SIGINT (SPEC §9).
// Run as `node --max-semi-space-size=8 --expose-gc dist/main.js` (`pnpm start`, deploy/Dockerfile): V8 reads the
// young generation's limit only at start, so the flag cannot be set from here (README, "Young generation");
// `--expose-gc` is for releaseStartUpHeapWhenIdle (start-up-heap.ts).
import { ConfigError, loadConfig } from './config.js';
import { buildApp } from './app.js';
import { startLine } from './observability/logger.js';
import { backstopMs } from './shutdown.js';
import { releaseStartUpHeapWhenIdle } from './start-up-heap.js';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  // A pending migration runs in a child process: the server that then serves never holds the schema engine.
  const server = await buildApp(config, { migrationEngineIn: 'child-process' });
  await server.app.listen({ port: config.port, host: config.host });
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const start = startLine(config, `http://${host}:${config.port}`);
  server.app.log.info(start.fields, start.msg);
  void releaseStartUpHeapWhenIdle();

  // SIGTERM/SIGINT: the graceful shutdown (shutdown.ts), which keeps within SHUTDOWN_GRACE_MS; the timer is
  // the backstop if something hangs anyway, set to fire just before the grace ends (backstopMs) so the process
  // is gone within it. A second signal exits at once.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      server.app.log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    server.app.log.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down: draining');
    setTimeout(() => {
      server.app.log.error({ graceMs: config.shutdownGraceMs }, 'shutdown did not finish within the grace period; exiting');
      process.exit(1);
    }, backstopMs(config.shutdownGraceMs)).unref();
    try {
      await server.close();
      process.exit(0);
    } catch (err) {
      server.app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
