import { Gauge, type Registry } from 'prom-client';
import type { Pool } from '@sozialraum/kit/db';
import { openTaskBacklog } from '../data/tasks.repository';

/**
 * Open tasks by state (open, overdue, escalated), read when Prometheus scrapes: a growing number of escalated
 * tasks means departments stop answering, which no request metric shows.
 */
export function taskMetrics(registry: Registry, pool: Pool): void {
  new Gauge({
    name: 'tasks_open',
    help: 'Open tasks of all cycles: all, overdue, escalated (escalation level above 0)',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const backlog = await openTaskBacklog(pool);
      for (const state of ['open', 'overdue', 'escalated'] as const) this.set({ state }, backlog[state]);
    },
  });
}
