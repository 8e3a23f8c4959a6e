import type { Logger } from '@sozialraum/kit';
import type { Pool } from '@sozialraum/kit/db';
import type { Client } from '@temporalio/client';
import type { MeasurePortFactory } from './measure-port';
import type { MonitoringClient } from './monitoring';
import type { NotificationQueue } from './notifications';

/** What the activities need; built once per worker (tests hand in their own, all real). */
export interface ActivityDependencies {
  /** On the strategy schema: `createPool({ connectionString, schema: 'strategy' })`. */
  pool: Pool;
  monitoring: MonitoringClient;
  /** Starts the next cycle's workflow. */
  temporal: Client;
  notifications: NotificationQueue;
  logger: Logger;
  /** Where measures live: the worker passes the measures service's port; without one, the SQL port (tests of the workflow alone). */
  measures?: MeasurePortFactory;
}
