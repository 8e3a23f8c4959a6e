import { z } from 'zod';

/** The overview's filters live in the address, so a view can be bookmarked and shared. Bad values fall back. */
export const overviewSearch = z.object({
  space: z.string().max(40).optional().catch(undefined),
  mySpaces: z.boolean().optional().catch(undefined),
  department: z.string().max(40).optional().catch(undefined),
  status: z.string().max(200).optional().catch(undefined),
  targetGroup: z.string().max(40).optional().catch(undefined),
  cycle: z.string().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10000).default(1).catch(1),
});
export type OverviewSearch = z.infer<typeof overviewSearch>;
