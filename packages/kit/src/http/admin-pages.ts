import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import express, { type Router } from 'express';
import { requireRole } from '../auth/middleware';
import { Roles } from '../auth/principal';

/** Pages for the platform's administrators (role admin), outside the OpenAPI document and the Ingress. */
export const ADMIN_PAGES_PATH = '/admin';

const redocBundle = require.resolve('redoc/bundles/redoc.standalone.js');

/**
 * The API reference (Redoc, from the service's own /openapi.json) and, where the service has queues, a BullMQ
 * board. Both run under the strict default CSP: the script is served from here, Redoc reads its options from
 * attributes (no inline script) and its search is off (it would start a worker from a blob: URL).
 */
export function adminPages(options: { name: string; queues?: Queue[] }): Router {
  const router = express.Router();
  router.use(requireRole(Roles.admin));
  router.get('/api-docs', (_req, res) => {
    res.type('html').send(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${options.name} API</title><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<redoc spec-url="../openapi.json" disable-search></redoc>
<script src="api-docs/redoc.standalone.js"></script>
</body>
</html>`);
  });
  router.get('/api-docs/redoc.standalone.js', (_req, res) => {
    res.sendFile(redocBundle, { maxAge: '1d' });
  });
  if (options.queues?.length) {
    const board = new ExpressAdapter();
    board.setBasePath(`${ADMIN_PAGES_PATH}/queues`);
    createBullBoard({ queues: options.queues.map((queue) => new BullMQAdapter(queue)), serverAdapter: board, options: { uiConfig: { boardTitle: `${options.name} queues` } } });
    router.use('/queues', board.getRouter() as Router);
  }
  return router;
}
