import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { withTimeout } from './health';
import { stopTracing } from './tracing/state';

/** Something the process must close on shutdown, in the order given (HTTP first, pools last). */
export interface Closable {
  name: string;
  close: () => Promise<void>;
}

/**
 * Runs a long-lived process: starts it, and on SIGTERM/SIGINT closes its parts one after another, each
 * within the timeout, then exits 0 (1 if a part failed or timed out). A second signal forces exit.
 */
export async function runProcess(options: {
  logger: Logger;
  shutdownTimeoutMs: number;
  start: () => Promise<Closable[]>;
}): Promise<void> {
  const { logger } = options;
  let closables: Closable[] = [];
  let stopping = false;

  const shutdown = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    let failed = false;
    for (const [order, part] of closables.entries()) {
      try {
        await withTimeout(part.close(), options.shutdownTimeoutMs, `${part.name} did not close within ${options.shutdownTimeoutMs} ms`);
        // `order`: parts closing within one millisecond keep their order for whoever reads the log.
        logger.info({ part: part.name, order }, 'closed');
      } catch (error) {
        failed = true;
        logger.error({ err: error, part: part.name }, 'close failed');
      }
    }
    logger.info({ exitCode: failed ? 1 : 0 }, 'stopped');
    logger.flush();
    // The last spans (this shutdown's included) leave before the exit; bounded like every other part.
    await withTimeout(stopTracing(), options.shutdownTimeoutMs, 'traces not sent').catch(() => undefined);
    process.exit(failed ? 1 : 0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    closables = await options.start();
  } catch (error) {
    logger.fatal({ err: error }, 'start failed');
    logger.flush();
    process.exit(1);
  }
}

/**
 * Stops accepting connections and lets in-flight requests finish; idle keep-alive connections are
 * closed as they become idle. Whatever is still open at the deadline is cut.
 */
export function closeHttpServer(server: Server, beforeClose?: () => void): Closable {
  return {
    name: 'http',
    close: () =>
      new Promise<void>((resolve, reject) => {
        beforeClose?.();
        const sweep = setInterval(() => server.closeIdleConnections(), 100);
        server.close((error) => {
          clearInterval(sweep);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
