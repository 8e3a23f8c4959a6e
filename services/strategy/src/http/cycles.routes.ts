import { principalOf } from '@sozialraum/kit';
import type { Router } from 'express';
import type { StrategyDependencies } from '../dependencies';
import { startCycle } from '../use-cases/cycle-start';
import { cycleReportPdf } from '../use-cases/cycle-report';
import { type CycleCommand, commandCycle, findCycles, getCycleDetail } from '../use-cases/cycles';
import { bodyOf, idParam, pageOf, text } from './query';
import { plannersOnly } from './roles';

export function mountCyclesRoutes(router: Router, deps: StrategyDependencies): void {
  const { pool } = deps;
  router.get('/v1/cycles', async (req, res) => {
    const filter = { space: text(req.query.space), phase: text(req.query.phase), status: text(req.query.status), department: text(req.query.department) };
    res.json(await findCycles(pool, filter, pageOf(req), principalOf(req)));
  });
  router.post('/v1/cycles', plannersOnly, async (req, res) => {
    const cycle = await startCycle(deps, principalOf(req), bodyOf(req, 'startCycle'), req.get('Idempotency-Key'));
    res.status(201).location(`/v1/cycles/${encodeURIComponent(cycle.id)}`).json(cycle);
  });
  router.get('/v1/cycles/:id', async (req, res) => {
    res.json(await getCycleDetail(pool, idParam(req), principalOf(req)));
  });
  router.get('/v1/cycles/:id/report.pdf', async (req, res) => {
    const pdf = await cycleReportPdf(pool, idParam(req), principalOf(req));
    res.type('application/pdf').attachment(`zyklusbericht-${idParam(req)}.pdf`).send(pdf);
  });
  const commands: Array<[CycleCommand, number, 'suspendCycle' | 'resumeCycle' | 'cancelCycle']> = [
    ['suspend', 202, 'suspendCycle'],
    ['resume', 202, 'resumeCycle'],
    ['cancel', 200, 'cancelCycle'],
  ];
  for (const [command, status, operation] of commands) {
    router.post(`/v1/cycles/:id/${command}`, plannersOnly, async (req, res) => {
      const reason = bodyOf(req, operation)?.reason;
      res.status(status).json(await commandCycle(deps, idParam(req), command, principalOf(req), reason));
    });
  }
}
