import { z } from 'zod';

/** The board's filters live in the address, so a filtered board can be bookmarked and shared. Bad values fall back. */
export const cyclesSearch = z.object({
  space: z.string().max(40).optional().catch(undefined),
  district: z.string().max(80).optional().catch(undefined),
  department: z.string().max(40).optional().catch(undefined),
  closed: z.boolean().optional().catch(undefined),
});
export type CyclesSearch = z.infer<typeof cyclesSearch>;
