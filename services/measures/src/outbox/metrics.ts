import { Gauge, type Registry } from 'prom-client';
import type { Pool } from '@sozialraum/kit/db';
import { backlog } from '../data/outbox.repository';

/** The outbox backlog, read when Prometheus scrapes: alert when the oldest waiting event grows old. */
export function outboxMetrics(registry: Registry, pool: Pool): void {
  const oldest = new Gauge({ name: 'outbox_oldest_unpublished_seconds', help: 'Age of the oldest unpublished outbox event', registers: [registry] });
  new Gauge({
    name: 'outbox_unpublished_events',
    help: 'Outbox events not yet published',
    registers: [registry],
    async collect() {
      const waiting = await backlog(pool);
      this.set(waiting.count);
      oldest.set(waiting.oldestSeconds);
    },
  });
}
