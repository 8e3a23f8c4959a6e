import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { AppError, createLogger, createServiceClient, type ServiceClient } from '@sozialraum/kit';
import { userToken, waitFor, waitUntilOk } from '@sozialraum/kit/testing';
import { loadStrategyDemo } from './cycles';
import { buildValuesCsv, countMeasures, demoMethod, derivedShares, latestPopulations, readShared, SOURCE } from './flensburg';

const logger = createLogger({ name: 'demo', level: process.env.LOG_LEVEL ?? 'info' });

export interface DemoOptions {
  monitoringUrl: string;
  /** Folder holding flensburg/ (shared/data next to the checkout). */
  dataDir: string;
}

interface ImportView {
  id: string;
  status: string;
  imported: number;
  rejected: number;
  error: string | null;
}

async function importAndWait(api: ServiceClient, path: string, body: unknown): Promise<ImportView> {
  const started = await api<ImportView>('POST', path, body);
  let current = started;
  await waitFor(async () => {
    current = await api<ImportView>('GET', `/v1/imports/${started.id}`);
    return !['queued', 'running'].includes(current.status);
  }, 300_000, `import ${started.id}`);
  if (current.status !== 'succeeded') throw new Error(`import ${path} ended ${current.status}: ${current.error ?? ''}`);
  return current;
}

/** Loads Flensburg's 13 Stadtteile, their indicators and a scoring method, unless the demo method exists. */
export async function loadMonitoringDemo(options: DemoOptions): Promise<'loaded' | 'present'> {
  const token = await userToken('planer');
  const api = createServiceClient({ baseUrl: options.monitoringUrl, token: async () => token, timeoutMs: 60_000 });
  const methods = await api<{ items: Array<{ key: string }> }>('GET', '/v1/methods');
  if (methods.items.some((m) => m.key === demoMethod.key)) return 'present';

  const flensburg = (file: string) => join(options.dataDir, 'flensburg', file);
  await api('POST', '/v1/spaces', { code: 'FL', name: 'Flensburg', type: 'city' }).catch((error: unknown) => {
    if (!(error instanceof AppError && error.status === 409)) throw error; // the city exists already
  });
  const spaces = await importAndWait(api, '/v1/imports/spaces', {
    fileName: 'stadtteile.geojson',
    content: readShared(flensburg('stadtteile.geojson')).toString('base64'),
    format: 'geojson',
    type: 'social-space',
    codeProperty: 'AREA_ID',
    nameProperty: 'AREA_NAME',
    parentCode: 'FL',
  });
  logger.info({ imported: spaces.imported }, 'Flensburg Stadtteile imported');
  const longCsv = readShared(flensburg('indicators_long.csv')).toString('utf8');
  for (const [code, population] of latestPopulations(longCsv)) {
    await api('PATCH', `/v1/spaces/${encodeURIComponent(code)}`, { population });
  }

  const catalogue = await api<{ items: Array<{ key: string }> }>('GET', '/v1/indicators');
  const known = new Set(catalogue.items.map((i) => i.key));
  for (const definition of [...Object.values(countMeasures), ...derivedShares]) {
    if (known.has(definition.key)) continue;
    const { key, name, definition: text, unit, polarity, topic, targetGroups, kind } = definition;
    await api('POST', '/v1/indicators', { key, name, definition: text, unit, polarity, topic, targetGroups, kind, source: SOURCE });
  }

  const values = buildValuesCsv(longCsv);
  const imported = await importAndWait(api, '/v1/imports/values', {
    fileName: 'sozialatlas-2022.csv',
    content: Buffer.from(values.csv).toString('base64'),
    format: 'csv',
    release: { key: 'flensburg-sozialatlas-2022', title: 'Sozialatlas Flensburg 2022', source: 'Stadt Flensburg (CC0 1.0)' },
    mapping: { layout: 'long', spaceColumn: 'space_code', periodColumn: 'year', indicatorColumn: 'indicator', valueColumn: 'value', numeratorColumn: 'numerator', denominatorColumn: 'denominator' },
  });
  logger.info({ imported: imported.imported }, 'Flensburg indicator values imported');

  await api('POST', '/v1/methods', demoMethod);
  const method = `/v1/methods/${demoMethod.key}/${demoMethod.version}`;
  await api('POST', `${method}/recompute`);
  await waitFor(() => api(`GET`, `${method}/results`).then(() => true, () => false), 120_000, 'recomputation');
  logger.info('Flensburg indices and classes computed');
  return 'loaded';
}

async function main(): Promise<void> {
  const monitoringUrl = process.env.MONITORING_URL ?? 'http://127.0.0.1:3001';
  const strategyUrl = process.env.STRATEGY_URL ?? 'http://127.0.0.1:3002';
  const measuresUrl = process.env.MEASURES_URL ?? 'http://127.0.0.1:3003';
  const workerUrl = process.env.WORKER_URL ?? 'http://127.0.0.1:3010';
  const dataDir = process.env.SHARED_DATA_DIR ?? join(__dirname, '..', '..', '..', 'shared', 'data');
  if (!existsSync(join(dataDir, 'flensburg'))) {
    logger.warn({ dataDir }, 'no demo data found (set SHARED_DATA_DIR); starting without demo data');
    return;
  }
  await waitUntilOk(`${monitoringUrl}/health/ready`, 120_000);
  const result = await loadMonitoringDemo({ monitoringUrl, dataDir });
  logger.info(result === 'present' ? 'monitoring demo data already present' : 'monitoring demo data loaded');
  await Promise.all([strategyUrl, measuresUrl, workerUrl].map((url) => waitUntilOk(`${url}/health/ready`, 120_000)));
  const cycles = await loadStrategyDemo({ strategyUrl, monitoringUrl, measuresUrl });
  logger.info(cycles === 'present' ? 'demo cycles already present' : 'demo cycles started: tasks wait in the demo users’ inboxes');
}

if (require.main === module) {
  // A failed demo load must not take the platform down with it (npm start runs this beside the services).
  main().catch((error: unknown) => logger.error({ err: error }, 'demo data could not be loaded'));
}
