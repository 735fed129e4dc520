// Reads the configuration, builds the app, listens, and closes gracefully on SIGTERM/SIGINT.
import { ConfigError, loadConfig } from './config.js';
import { buildApp } from './app.js';

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
  const server = await buildApp(config);
  await server.app.listen({ port: config.port, host: config.host });
  server.app.log.info(`Bidwire is listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`);

  const stop = async (signal: string) => {
    server.app.log.info({ signal }, 'shutting down');
    await server.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
