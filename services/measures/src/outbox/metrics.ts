import { Gauge, type Registry } from 'prom-client';
import type { Pool } from '@sozialraum/kit/db';
import { backlog } from '../data/outbox.repository';

/**
 * The outbox backlog, read when Prometheus scrapes: alert when the oldest waiting event grows old, or when
 * a dead letter appears. The gauges are collected together, so they share one query per scrape.
 */
export function outboxMetrics(registry: Registry, pool: Pool): void {
  let reading: ReturnType<typeof backlog> | undefined;
  const read = () =>
    (reading ??= backlog(pool).finally(() => {
      reading = undefined;
    }));
  const gauge = (name: string, help: string, value: (waiting: Awaited<ReturnType<typeof backlog>>) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set(value(await read()));
      },
    });
  gauge('outbox_unpublished_events', 'Outbox events not yet published (dead letters not counted)', (w) => w.count);
  gauge('outbox_oldest_unpublished_seconds', 'Age of the oldest unpublished outbox event', (w) => w.oldestSeconds);
  gauge('outbox_dead_events', 'Outbox events set aside after OUTBOX_MAX_ATTEMPTS failed deliveries', (w) => w.dead);
}
