import { principalOf } from '@sozialraum/kit';
import type { Router } from 'express';
import type { StrategyDependencies } from '../dependencies';
import { myNotifications, readAllNotifications, readNotification } from '../use-cases/notifications';
import { idParam, pageOf } from './query';

export function mountNotificationsRoutes(router: Router, { pool, config }: StrategyDependencies): void {
  const deps = { pool, appUrl: config.APP_URL };
  router.get('/v1/notifications', async (req, res) => {
    res.json(await myNotifications(deps, principalOf(req), { unreadOnly: String(req.query.unread) === 'true', ...pageOf(req) }));
  });
  router.post('/v1/notifications/read-all', async (req, res) => {
    res.json(await readAllNotifications(pool, principalOf(req)));
  });
  router.post('/v1/notifications/:id/read', async (req, res) => {
    res.json(await readNotification(deps, principalOf(req), idParam(req)));
  });
}
