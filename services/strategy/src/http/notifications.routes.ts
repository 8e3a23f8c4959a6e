import { principalOf } from '@sozialraum/kit';
import type { Router } from 'express';
import type { StrategyDependencies } from '../dependencies';
import { myNotifications, readNotification } from '../use-cases/notifications';
import { idParam, pageOf } from './query';

export function mountNotificationsRoutes(router: Router, { pool }: StrategyDependencies): void {
  router.get('/v1/notifications', async (req, res) => {
    res.json(await myNotifications(pool, principalOf(req), { unreadOnly: String(req.query.unread) === 'true', ...pageOf(req) }));
  });
  router.post('/v1/notifications/:id/read', async (req, res) => {
    res.json(await readNotification(pool, principalOf(req), idParam(req)));
  });
}
