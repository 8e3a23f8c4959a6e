import { principalOf } from '@sozialraum/kit';
import type { Router } from 'express';
import type { StrategyDependencies } from '../dependencies';
import { completeTask } from '../use-cases/task-complete';
import { delegateTask, delegationCandidates } from '../use-cases/task-delegation';
import { historyOf } from '../use-cases/task-history';
import { claimTask, commentOn, commentsOf, countTasks, findTasks, getTask, type TaskFilter, unclaimTask } from '../use-cases/tasks';
import { bodyOf, idParam, pageOf, queryOf, text } from './query';

export function mountTasksRoutes(router: Router, deps: StrategyDependencies): void {
  const { pool, inboxCache } = deps;
  router.get('/v1/tasks', async (req, res) => {
    // The validator has coerced the boolean; the query may also hold it as text.
    const query = queryOf(req, 'listTasks');
    const escalated = query.escalated === undefined ? undefined : String(query.escalated) === 'true';
    const filter: TaskFilter = {
      scope: text(query.scope) ?? 'groups',
      type: text(query.type),
      phase: text(query.phase),
      space: text(query.space),
      cycle: text(query.cycle),
      status: text(query.status) ?? 'open',
      dueBefore: text(query.dueBefore),
      due: text(query.due),
      assigned: text(query.assigned) ?? 'any',
      escalated,
      sort: text(query.sort) ?? 'due',
    };
    res.json(await findTasks(pool, inboxCache, principalOf(req), filter, pageOf(req)));
  });
  // Before /v1/tasks/:id: "counts" is no task ID (those always contain a slash).
  router.get('/v1/tasks/counts', async (req, res) => {
    res.json(await countTasks(pool, principalOf(req), text(req.query.cycle)));
  });
  router.get('/v1/tasks/:id', async (req, res) => {
    res.json(await getTask(pool, idParam(req), principalOf(req)));
  });
  router.get('/v1/tasks/:id/history', async (req, res) => {
    res.json(await historyOf(pool, idParam(req), principalOf(req)));
  });
  router.get('/v1/tasks/:id/candidates', async (req, res) => {
    res.json(await delegationCandidates(deps, idParam(req), principalOf(req)));
  });
  router.post('/v1/tasks/:id/claim', async (req, res) => {
    res.json(await claimTask(pool, idParam(req), principalOf(req)));
  });
  router.post('/v1/tasks/:id/unclaim', async (req, res) => {
    res.json(await unclaimTask(pool, idParam(req), principalOf(req)));
  });
  router.post('/v1/tasks/:id/delegate', async (req, res) => {
    res.json(await delegateTask(deps, idParam(req), principalOf(req), bodyOf(req, 'delegateTask').userId));
  });
  router.get('/v1/tasks/:id/comments', async (req, res) => {
    res.json({ items: await commentsOf(pool, idParam(req), principalOf(req)) });
  });
  router.post('/v1/tasks/:id/comments', async (req, res) => {
    res.status(201).json(await commentOn(pool, idParam(req), principalOf(req), bodyOf(req, 'addTaskComment').text));
  });
  router.post('/v1/tasks/:id/complete', async (req, res) => {
    res.json(await completeTask(deps, idParam(req), principalOf(req), bodyOf(req, 'completeTask').result));
  });
}
