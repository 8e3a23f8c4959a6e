import { waitFor } from '@sozialraum/kit/testing';
import { apiAs } from './test';

const INDICATOR = 'e2e-warnsignal';
const RULE = 'e2e-warnsignal-ueber-mittel';
/** High in these spaces, low in two others: an above-mean rule (k = 0.5) fires in these alone. */
export const ALERTED_SPACES = ['STGT07', 'STGT10'] as const;
const CALM_SPACES = ['STGT11', 'STGT12'];

/**
 * Open monitoring alerts of spaces no other spec uses (07 Südstadt's and 10 Fruerlund's), made through the
 * APIs as a planner would: an indicator of its own, its values, and one more alert rule. Idempotent, so every
 * spec that needs an alert may call it; returns each alerted space's open alert id.
 */
export async function ensureAlerts(): Promise<Record<(typeof ALERTED_SPACES)[number], number | undefined>> {
  const { monitoring } = await apiAs('planer');
  const rules = (await monitoring('/v1/alert-rules')).body.items as Array<{ key: string }>;
  if (!rules.some((r) => r.key === RULE)) {
    await monitoring('/v1/indicators', {
      method: 'POST',
      body: { key: INDICATOR, name: 'Warnsignal der Browsertests', definition: 'Ein Wert nur für die Browsertests', unit: 'Punkte', polarity: 'higher-is-worse', kind: 'mean', source: 'Browsertests' },
    });
    const rows = [...ALERTED_SPACES.map((s) => `${s},2022,${INDICATOR},90`), ...CALM_SPACES.map((s) => `${s},2022,${INDICATOR},10`)];
    const started = await monitoring('/v1/imports/values', {
      method: 'POST',
      body: {
        fileName: 'warnsignal.csv',
        content: Buffer.from(['space,year,indicator,value', ...rows].join('\n')).toString('base64'),
        format: 'csv',
        release: { key: 'e2e-warnsignal-2022', title: 'Warnsignal der Browsertests' },
        mapping: { layout: 'long', spaceColumn: 'space', periodColumn: 'year', indicatorColumn: 'indicator', valueColumn: 'value' },
      },
    });
    if (started.status !== 202) throw new Error(`import refused: ${JSON.stringify(started.body)}`);
    await waitFor(async () => (await monitoring(`/v1/imports/${started.body.id}`)).body.status === 'succeeded', 60_000, 'the warning signal imported');
    const replaced = await monitoring('/v1/alert-rules', {
      method: 'PUT',
      body: { items: [...rules, { key: RULE, label: 'Warnsignal über dem Mittel', type: 'above-mean', indicatorKey: INDICATOR, k: 0.5 }] },
    });
    if (replaced.status !== 200) throw new Error(`rules refused: ${JSON.stringify(replaced.body)}`);
  }
  // The rules are evaluated again in the background.
  const ids = {} as Record<(typeof ALERTED_SPACES)[number], number | undefined>;
  const ours = async (space: string) => ((await monitoring(`/v1/alerts?space=${space}`)).body.items as Array<{ id: number; ruleKey: string; status: string }>).filter((a) => a.ruleKey === RULE);
  await waitFor(async () => (await Promise.all(ALERTED_SPACES.map(ours))).every((alerts) => alerts.length > 0), 60_000, 'the alerts of the warning signal');
  for (const space of ALERTED_SPACES) ids[space] = (await ours(space)).find((a) => a.status === 'open')?.id;
  return ids;
}
