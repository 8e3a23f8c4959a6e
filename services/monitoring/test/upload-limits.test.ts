import { readFileSync } from 'node:fs';
import { call, userToken } from '@sozialraum/kit/testing';
import { zipSync } from 'fflate';
import { readZip } from '../src/domain/geodata/zip';
import { importAndWait, type MonitoringService, runId, startMonitoring } from './helpers/monitoring';
import { FLENSBURG_SHP_ZIP } from './spaces.helpers';
import { zipOf } from './unit/geodata.helpers';

// Crafted uploads through the API: each import fails with a message that says why, and the service (which
// runs the import jobs in this process) keeps answering with its memory bounded.
let service: MonitoringService;
let planer: string;
const run = runId();
const spaces = { fileName: 'stadtteile.zip', format: 'shapefile', type: 'social-space', codeProperty: 'AREA_ID', nameProperty: 'AREA_NAME' };
const values = {
  fileName: 'werte.xlsx',
  format: 'xlsx',
  release: { key: `bomb-${run}`, title: 'Bombe' },
  mapping: { layout: 'wide', spaceColumn: 'A', period: '2022', columns: { B: 'b' } },
};
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
/** A deflated entry of `mb` megabytes of zeros: a few KB packed. */
const zeros = (mb: number) => new Uint8Array(mb * 1024 * 1024);

beforeAll(async () => {
  service = await startMonitoring({ RUN_JOBS: 'true' });
  planer = await userToken('planer');
});
afterAll(() => service.close());

test('when a zipped shapefile is a ZIP bomb, then its import fails saying so and memory stays bounded', async () => {
  const before = process.memoryUsage().rss;
  const bomb = zipSync({ 'a.shp': zeros(1), 'a.dbf': zeros(150), 'a.prj': Buffer.from('x') }, { level: 9 });
  expect(bomb.length).toBeLessThan(300_000);
  const done = await importAndWait(service.url, planer, { ...spaces, content: base64(bomb) }, { kind: 'spaces' });
  expect(done.status).toBe('failed');
  expect(done.error).toMatch(/a\.dbf is compressed more than 200:1/);
  expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
});

test('when an entry unpacks to more than its header declares, then the import fails before it fills memory', async () => {
  const honest = Buffer.from(zipSync({ 'a.dbf': zeros(1) }, { level: 0 }));
  // Stored (level 0), so the ratio is 1:1 and only the actual size gives the lie away.
  for (let at = 0; at + 4 <= honest.length; at++) {
    if (honest.readUInt32LE(at) === 0x04034b50) honest.writeUInt32LE(100, at + 22);
    if (honest.readUInt32LE(at) === 0x02014b50) honest.writeUInt32LE(100, at + 24);
  }
  const done = await importAndWait(service.url, planer, { ...spaces, content: base64(honest) }, { kind: 'spaces' });
  expect(done.status).toBe('failed');
  expect(done.error).toMatch(/a\.dbf unpacks to more than the 100 bytes the archive declares/);
});

test('when the .dbf header promises more records than the file holds, then the import fails saying so', async () => {
  const parts = readZip(readFileSync(FLENSBURG_SHP_ZIP));
  const dbf = Buffer.from(parts.get('Stadtteile.dbf') as Buffer);
  dbf.writeUInt32LE(50_000_000, 4);
  const done = await importAndWait(service.url, planer, { ...spaces, content: zipOf({ ...Object.fromEntries(parts), 'Stadtteile.dbf': dbf }).toString('base64') }, { kind: 'spaces' });
  expect(done.status).toBe('failed');
  expect(done.report.rejected[0].reason).toMatch(/^the \.dbf header promises 50000000 records of \d+ bytes, but the file holds only \d+ bytes of records$/);
});

// Packed before the service starts: packing 100 MB blocks this process (and so the service in it) for seconds,
// long enough for the service's keep-alive timeout to close the test's idle connection just as it is reused.
const xlsxBomb = zipSync({ '[Content_Types].xml': Buffer.from('<Types/>'), 'xl/worksheets/sheet1.xml': zeros(100) }, { level: 9 });

test('when an XLSX workbook is a ZIP bomb, then the value import fails saying so', async () => {
  const bomb = xlsxBomb;
  const done = await importAndWait(service.url, planer, { ...values, content: base64(bomb) });
  expect(done.status).toBe('failed');
  expect(done.error).toMatch(/^cannot read the XLSX file: xl\/worksheets\/sheet1\.xml is compressed more than 200:1/);
});

test('when those imports have failed, then the service still answers', async () => {
  expect((await call(`${service.url}/health/live`)).status).toBe(200);
  expect((await call(`${service.url}/v1/spaces`, { token: planer })).status).toBe(200);
});

test('when a body is larger than 1 MB, then only the upload routes take it', async () => {
  const large = 'x'.repeat(1_500_000);
  const space = await call(`${service.url}/v1/spaces`, { token: planer, method: 'POST', body: { code: `big-${run}`, name: large, type: 'district' } });
  expect(space.status).toBe(413);
  expect(space.body).toMatchObject({ status: 413, title: 'Content Too Large' });
  const upload = await call(`${service.url}/v1/imports/values`, { token: planer, method: 'POST', body: { ...values, format: 'csv', content: Buffer.from(large).toString('base64') } });
  expect(upload.status).toBe(202);
});
