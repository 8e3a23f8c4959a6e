import type { Server } from 'node:http';
import { closeHttpServer, createLogger, loadConfigOrExit, runProcess } from '@sozialraum/kit';
import { configSchema } from './config';
import { createWebServer } from './server';

const config = loadConfigOrExit('web', configSchema);
const logger = createLogger({ name: 'web', level: config.LOG_LEVEL });

void runProcess({
  logger,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  start: async () => {
    const app = createWebServer(config, logger);
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(config.PORT, config.HOST, () => resolve(s));
    });
    logger.info({ port: config.PORT }, 'web listening');
    return [closeHttpServer(server, app.startDraining)];
  },
});
