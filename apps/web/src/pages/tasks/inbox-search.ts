import { PHASES, TASK_TYPES } from '@sozialraum/contracts/browser';
import { z } from 'zod';

/** The inbox's filters live in the address, so a filtered view can be bookmarked and shared. Bad values fall back. */
export const inboxSearch = z.object({
  view: z.enum(['groups', 'mine', 'all']).default('groups').catch('groups'),
  space: z.string().max(40).optional().catch(undefined),
  type: z.enum(TASK_TYPES as [string, ...string[]]).optional().catch(undefined),
  phase: z.enum(PHASES).optional().catch(undefined),
  due: z.enum(['overdue', 'soon']).optional().catch(undefined),
  assigned: z.enum(['me', 'unassigned']).optional().catch(undefined),
  sort: z.enum(['due', '-due', 'created', '-created', 'priority', '-priority']).default('due').catch('due'),
  page: z.coerce.number().int().min(1).max(5000).default(1).catch(1),
});
export type InboxSearch = z.infer<typeof inboxSearch>;

export const INBOX_PAGE_SIZE = 25;
export const INBOX_REFRESH_MS = 30_000;
