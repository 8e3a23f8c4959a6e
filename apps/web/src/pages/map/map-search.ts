import { z } from 'zod';
import type { components } from '../../generated/monitoring';

export type SpaceType = components['schemas']['SpaceType'];
export const SPACE_TYPES: Array<{ type: SpaceType; label: string }> = [
  { type: 'social-space', label: 'Sozialräume' },
  { type: 'district', label: 'Stadtteile / Bezirke' },
  { type: 'planning-area', label: 'Planungsräume' },
  { type: 'statistical-area', label: 'Statistische Gebiete' },
  { type: 'city', label: 'Gesamtstadt' },
];

/** The map's choice lives in the address, so a view can be bookmarked and sent. Wrong values fall back. */
export const mapSearch = z.object({
  typ: z.enum(['social-space', 'district', 'planning-area', 'statistical-area', 'city']).catch('social-space').default('social-space'),
  ansicht: z.enum(['status', 'dynamics', 'indicator']).catch('status').default('status'),
  indikator: z.string().regex(/^[A-Za-z0-9_.\-/]{1,80}$/).optional().catch(undefined),
  jahr: z.string().regex(/^\d{4}(-\d{2}-\d{2})?$/).optional().catch(undefined),
});
export type MapSearch = z.infer<typeof mapSearch>;
