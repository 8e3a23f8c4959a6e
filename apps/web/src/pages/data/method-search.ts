import { z } from 'zod';

/** `?neu=true` after creating a version: the page says it was created and what to do next. */
export const methodSearch = z.object({ neu: z.boolean().optional().catch(undefined) });
