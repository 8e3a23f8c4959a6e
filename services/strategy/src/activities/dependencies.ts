import type { Logger } from '@sozialraum/kit';
import type { Pool } from '@sozialraum/kit/db';
import type { Client } from '@temporalio/client';
import type { Notify } from '../jobs/notifications';

/** What the strategy service's cycle activities need: its own pool, queue and clients. */
export interface ActivityDependencies {
  pool: Pool;
  /** Starts the next cycle's workflow. */
  temporal: Client;
  notify: Notify;
  logger: Logger;
}
