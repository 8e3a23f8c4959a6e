import { connectAsAnotherReplica, waitFor } from '@sozialraum/kit/testing';
import ExcelJS from 'exceljs';
import { as, type MeasuresService, moveTo, propose, runId, startMeasures, tokenOf } from './helpers/measures';

let service: MeasuresService;
const run = runId();
const cycle = `cycle-OV${run}-1`;
const [s1, s2] = [`OV${run}-1`, `OV${run}-2`];
const m: Record<string, string> = {};

/** The work started 200 days ago (the test cannot wait that long). */
const startedLongAgo = (id: string) =>
  service.deps.pool.query(`UPDATE measure SET status_changed_at = now() - interval '200 days' WHERE id = $1`, [id]);

beforeAll(async () => {
  service = await startMeasures({ RUN_OUTBOX_RELAY: 'false' });
  const planer = as(service, 'planer');
  m.red = (await propose(service, { title: '=Rot "mit" Komma, und Formel', department: 'soziales', cycleId: cycle, spaces: [s1, s2], budget: { planned: 1000, approved: 800, spent: 100, fundingSource: 'Bund' } })).id;
  await moveTo(service, m.red, ['approved', 'in-progress']);
  await planer.post(`/v1/measures/${m.red}/reports`, { date: '2025-01-01', text: 'Verzug', progress: 30, trafficLight: 'red' });
  await startedLongAgo(m.red);

  m.overdue = (await propose(service, { title: 'Überfällig', department: 'jugend', cycleId: cycle, spaces: [s1], budget: { planned: 500 }, milestones: [{ title: 'alt', dueOn: '2000-01-01' }, { title: 'neu', dueOn: '2099-01-01' }] })).id;
  await moveTo(service, m.overdue, ['approved', 'in-progress']);
  await startedLongAgo(m.overdue);

  m.proposed = (await propose(service, { title: 'Vorschlag', department: 'jugend', cycleId: cycle })).id;

  m.done = (await propose(service, { title: 'Fertig', department: 'gesundheit', cycleId: cycle, spaces: [s2], targetGroups: ['old', 'single-parents'], startsOn: '2024-01-15', endsOn: '2026-06-30', budget: { planned: 200, approved: 200, spent: 180.5 } })).id;
  await moveTo(service, m.done, ['approved', 'in-progress']);
  await planer.post(`/v1/measures/${m.done}/reports`, { text: 'Abgeschlossen', progress: 100, trafficLight: 'green' });
  await moveTo(service, m.done, ['completed']);
});
afterAll(() => service.close());

const overview = async (query = '') => {
  const response = await as(service, 'koordination').get(`/v1/overview?cycle=${cycle}${query}`);
  expect(response.status).toBe(200);
  return response.body;
};
const byKey = (groups: Array<{ key: string | null }>) => Object.fromEntries(groups.map(({ key, ...figures }) => [String(key), figures]));

describe('the coordinators’ overview', () => {
  test('when a coordinator opens the overview, then totals and groups count measures, budgets, overdue milestones and missing reports', async () => {
    const body = await overview();
    expect(body.reportIntervalDays).toBe(90);
    expect(body.totals).toEqual({
      key: null, count: 4, budgetPlanned: 1700, budgetApproved: 1000, budgetSpent: 280.5,
      overdueMilestones: 1, measuresWithOverdueMilestones: 1, reportsMissing: 2,
    });
    const departments = byKey(body.groups.department);
    expect(Object.keys(departments)).toEqual(['gesundheit', 'jugend', 'soziales']);
    expect(departments.jugend).toMatchObject({ count: 2, budgetPlanned: 500, overdueMilestones: 1, reportsMissing: 1 });
    expect(departments.soziales).toMatchObject({ count: 1, budgetPlanned: 1000, budgetApproved: 800, reportsMissing: 1 });
    expect(byKey(body.groups.status)).toEqual({
      completed: expect.objectContaining({ count: 1 }),
      'in-progress': expect.objectContaining({ count: 2, reportsMissing: 2 }),
      proposed: expect.objectContaining({ count: 1 }),
    });
    expect(Object.fromEntries(body.groups.trafficLight.map((g: { key: string; count: number }) => [String(g.key), g.count]))).toEqual({ green: 1, red: 1, null: 2 });
    // A measure in two spaces counts in both; one without a space under null.
    const spaces = byKey(body.groups.space);
    expect(spaces[s1]).toMatchObject({ count: 2, budgetPlanned: 1500 });
    expect(spaces[s2]).toMatchObject({ count: 2, budgetPlanned: 1200, budgetSpent: 280.5 });
    expect(spaces.null).toMatchObject({ count: 1, budgetPlanned: 0 });
  });

  test('when the list is read, then the most urgent come first (red, then overdue), page by page', async () => {
    const body = await overview();
    expect(body.items.map((i: { id: string }) => i.id)).toEqual([m.red, m.done, m.overdue, m.proposed]);
    expect(body.items[0]).toMatchObject({ trafficLight: 'red', reportMissing: true, progress: 30, progressSource: 'report', lastReportOn: '2025-01-01' });
    expect(body.items[2]).toMatchObject({ overdueMilestones: 1, reportMissing: true, progress: 0, progressSource: 'milestones' });
    const second = await overview('&limit=2&offset=2');
    expect(second).toMatchObject({ total: 4, limit: 2, offset: 2 });
    expect(second.items.map((i: { id: string }) => i.id)).toEqual([m.overdue, m.proposed]);
  });

  test('when filtered by department, space, status or traffic light, then figures and list follow the filter', async () => {
    expect((await overview('&department=jugend')).totals.count).toBe(2);
    expect((await overview(`&space=${s2}`)).items.map((i: { id: string }) => i.id)).toEqual([m.red, m.done]);
    expect((await overview('&status=in-progress')).totals).toMatchObject({ count: 2, reportsMissing: 2 });
    expect((await overview('&trafficLight=red')).total).toBe(1);
    const empty = await overview('&department=wohnen');
    expect(empty).toMatchObject({ total: 0, items: [], groups: { space: [], department: [], status: [], trafficLight: [] } });
    expect(empty.totals.count).toBe(0);
  });

  test('when the report interval is longer, then fewer reports are missing', async () => {
    expect((await overview('&reportIntervalDays=3650')).totals.reportsMissing).toBe(0);
    const bad = await as(service, 'koordination').get('/v1/overview?reportIntervalDays=0');
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/reportIntervalDays/);
    expect((await as(service, 'koordination').get('/v1/overview?status=unknown')).status).toBe(400);
  });

  test('when nothing changed, then the overview is answered from the cache; any change through the API renews it', async () => {
    const before = await overview();
    // Behind the service's back (no audit, no data version): the cached answer still shows the old budget.
    await service.deps.pool.query(`UPDATE measure SET budget_planned = 5000 WHERE id = $1`, [m.proposed]);
    expect((await overview()).totals.budgetPlanned).toBe(before.totals.budgetPlanned);
    // A question not asked before is computed afresh and sees it at once.
    expect((await overview('&limit=3')).totals.budgetPlanned).toBe(before.totals.budgetPlanned + 5000);
    // A change through the API raises the data version: every cached overview is renewed.
    const proposed = (await as(service, 'planer').get(`/v1/measures/${m.proposed}`)).body;
    expect((await as(service, 'planer').patch(`/v1/measures/${m.proposed}`, { version: proposed.version, title: 'Vorschlag (neu)' })).status).toBe(200);
    expect((await overview()).totals.budgetPlanned).toBe(before.totals.budgetPlanned + 5000);
    await service.deps.pool.query(`UPDATE measure SET budget_planned = NULL WHERE id = $1`, [m.proposed]);
    await as(service, 'planer').patch(`/v1/measures/${m.proposed}`, { version: proposed.version + 1, title: 'Vorschlag' });
    expect((await overview()).totals).toEqual(before.totals);
  });

  test('when departments read the kept overview, then each sees only its own measures, 304 only for its own ETag, and a change at once', async () => {
    const read = (user: string, headers: Record<string, string> = {}) => as(service, user).get(`/v1/overview?cycle=${cycle}`, undefined, { 'accept-encoding': 'gzip', 'cache-control': 'max-age=0', ...headers });
    const jugend = await read('jugend');
    const soziales = await read('soziales');
    expect(jugend.body.items.map((i: { id: string }) => i.id).sort()).toEqual([m.overdue, m.proposed].sort());
    expect(soziales.body.items.map((i: { id: string }) => i.id)).toEqual([m.red]);
    expect(soziales.headers.get('content-encoding')).toBe('gzip');
    // Kept now: asked again with its ETag, 304; with the other department's ETag, its own overview.
    expect((await read('jugend', { 'if-none-match': jugend.headers.get('etag')! })).status).toBe(304);
    const crossed = await read('soziales', { 'if-none-match': jugend.headers.get('etag')! });
    expect(crossed.status).toBe(200);
    expect(crossed.body.items.map((i: { id: string }) => i.id)).toEqual([m.red]);
    // A change through the API: jugend's next read shows it at once, soziales's overview stays without it.
    const proposed = (await as(service, 'planer').get(`/v1/measures/${m.proposed}`)).body;
    expect((await as(service, 'planer').patch(`/v1/measures/${m.proposed}`, { version: proposed.version, title: 'Vorschlag (geändert)' })).status).toBe(200);
    const after = await read('jugend', { 'if-none-match': jugend.headers.get('etag')! });
    expect(after.status).toBe(200);
    expect(after.body.items.map((i: { title: string }) => i.title)).toContain('Vorschlag (geändert)');
    expect(JSON.stringify((await read('soziales')).body)).not.toContain('Vorschlag');
    await as(service, 'planer').patch(`/v1/measures/${m.proposed}`, { version: proposed.version + 1, title: 'Vorschlag' });
  });

  test('when another replica changes a measure, then the kept overview here shows it within the notification\'s delay', async () => {
    const before = await overview();
    await waitFor(() => service.deps.overviewCache.version.listening(), 10_000, 'the data version heard');
    const replica = await connectAsAnotherReplica(service.deps.config.DATABASE_URL, 'measures');
    const change = async (planned: number | null) => {
      // As the other replica's change would: in one transaction with the raise of the data version.
      await replica.query('BEGIN');
      await replica.query('UPDATE measure SET budget_planned = $2 WHERE id = $1', [m.proposed, planned]);
      await replica.query('UPDATE data_version SET value = value + 1');
      await replica.query('COMMIT');
    };
    try {
      await change(700);
      await waitFor(async () => (await overview()).totals.budgetPlanned === before.totals.budgetPlanned + 700, 2_000, 'the other replica\'s change shown');
      await change(null);
      await waitFor(async () => (await overview()).totals.budgetPlanned === before.totals.budgetPlanned, 2_000, 'the change undone');
    } finally {
      await replica.end();
    }
  });

  test('when the list is exported, then the CSV has every measure in the same order, quoted, with formulas defused', async () => {
    const response = await as(service, 'koordination').get(`/v1/overview/export?cycle=${cycle}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(/attachment/);
    const lines = (response.body as string).trim().split('\r\n');
    expect(lines[0]).toBe('id,title,department,status,spaces,cycle,trafficLight,progress,lastReportOn,reportMissing,overdueMilestones,budgetPlanned,budgetApproved,budgetSpent,fundingSource,startsOn,endsOn');
    expect(lines.slice(1).map((l) => l.slice(0, 36))).toEqual([m.red, m.done, m.overdue, m.proposed]);
    expect(lines[1]).toBe(`${m.red},"'=Rot ""mit"" Komma, und Formel",soziales,in-progress,${s1} ${s2},${cycle},red,30,2025-01-01,true,0,1000,800,100,Bund,,`);
  });

  test('when the list is exported for German Excel, then the CSV has a BOM, semicolons, German headers and labels, decimal commas and German dates', async () => {
    const response = await download(`/v1/overview/export?cycle=${cycle}&format=csv-excel`);
    expect(response.headers.get('content-type')).toMatch(/text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="massnahmen.csv"/);
    const bytes = response.body;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe(
      'Maßnahme;Referat;Status;Sozialräume;Zielgruppen;Strategiezyklus;Ampel;Fortschritt (%);Letzter Bericht;Bericht fehlt;Überfällige Meilensteine;Budget geplant (€);Budget bewilligt (€);Budget ausgegeben (€);Finanzierung;Beginn;Ende;ID',
    );
    expect(lines.slice(1).map((l) => l.slice(-36))).toEqual([m.red, m.done, m.overdue, m.proposed]);
    expect(lines[1]).toBe(`"'=Rot ""mit"" Komma, und Formel";soziales;in Umsetzung;${s1}, ${s2};;${cycle};rot;30;01.01.2025;ja;0;1000;800;100;Bund;;;${m.red}`);
    const reportedOn = (await as(service, 'planer').get(`/v1/measures/${m.done}`)).body.lastReportOn.split('-').reverse().join('.');
    expect(lines[2]).toBe(`Fertig;gesundheit;abgeschlossen;${s2};Ältere, Alleinerziehende;${cycle};grün;100;${reportedOn};nein;0;200;200;180,5;;15.01.2024;30.06.2026;${m.done}`);
  });

  test('when the list is exported as XLSX, then the sheet "Maßnahmen" has German headers, numbers, dates, budgets in € and a sums row', async () => {
    const response = await download(`/v1/overview/export?cycle=${cycle}&format=xlsx`);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="massnahmen.xlsx"/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as never);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Maßnahmen']);
    const sheet = workbook.getWorksheet('Maßnahmen') as ExcelJS.Worksheet;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      'Maßnahme', 'Referat', 'Status', 'Sozialräume', 'Zielgruppen', 'Strategiezyklus', 'Ampel', 'Fortschritt (%)', 'Letzter Bericht', 'Bericht fehlt',
      'Überfällige Meilensteine', 'Budget geplant (€)', 'Budget bewilligt (€)', 'Budget ausgegeben (€)', 'Finanzierung', 'Beginn', 'Ende', 'ID',
    ]);
    const column = (name: string) => header.indexOf(name) + 1;
    const cell = (row: number, name: string) => sheet.getRow(row).getCell(column(name));
    expect([2, 3, 4, 5].map((row) => cell(row, 'ID').value)).toEqual([m.red, m.done, m.overdue, m.proposed]);
    // A title that looks like a formula is plain text in a workbook.
    expect(cell(2, 'Maßnahme').value).toBe('=Rot "mit" Komma, und Formel');
    expect(cell(2, 'Maßnahme').type).toBe(ExcelJS.ValueType.String);
    expect([cell(2, 'Status').value, cell(2, 'Ampel').value, cell(2, 'Bericht fehlt').value]).toEqual(['in Umsetzung', 'rot', 'ja']);
    expect(cell(2, 'Fortschritt (%)').value).toBe(30);
    expect(cell(3, 'Budget ausgegeben (€)').value).toBe(180.5);
    expect(cell(3, 'Budget ausgegeben (€)').numFmt).toBe('#,##0.00 "€"');
    expect(cell(5, 'Budget geplant (€)').value).toBeNull();
    expect(cell(2, 'Letzter Bericht').value).toEqual(new Date('2025-01-01T00:00:00Z'));
    expect(cell(3, 'Beginn').value).toEqual(new Date('2024-01-15T00:00:00Z'));
    expect(cell(3, 'Beginn').numFmt).toBe('dd.mm.yyyy');
    expect(cell(3, 'Zielgruppen').value).toBe('Ältere, Alleinerziehende');
    // The sums row under the list: formulas over the list, with their results.
    expect(cell(6, 'Maßnahme').value).toBe('Summe (4 Maßnahmen)');
    expect(cell(6, 'Budget geplant (€)').value).toEqual({ formula: 'SUM(L2:L5)', result: 1700 });
    expect(cell(6, 'Budget bewilligt (€)').value).toEqual({ formula: 'SUM(M2:M5)', result: 1000 });
    expect(cell(6, 'Budget ausgegeben (€)').value).toEqual({ formula: 'SUM(N2:N5)', result: 280.5 });
    expect(cell(6, 'Überfällige Meilensteine').value).toEqual({ formula: 'SUM(K2:K5)', result: 1 });
    expect(cell(6, 'Budget geplant (€)').numFmt).toBe('#,##0.00 "€"');
    expect(sheet.rowCount).toBe(6);
    expect(sheet.autoFilter).toBe('A1:R5');
  });

  test('when an XLSX export is filtered or empty, then it holds the filtered measures and sums of them', async () => {
    const load = async (query: string) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await download(`/v1/overview/export?cycle=${cycle}&format=xlsx${query}`)).body as never);
      return workbook.getWorksheet('Maßnahmen') as ExcelJS.Worksheet;
    };
    const completed = await load('&status=completed');
    expect(completed.rowCount).toBe(3);
    expect(completed.getRow(3).getCell(1).value).toBe('Summe (1 Maßnahme)');
    expect(completed.getRow(3).getCell(12).value).toEqual({ formula: 'SUM(L2:L2)', result: 200 });
    const empty = await load('&department=wohnen');
    expect(empty.rowCount).toBe(2);
    expect([empty.getRow(2).getCell(1).value, empty.getRow(2).getCell(12).value]).toEqual(['Summe (0 Maßnahmen)', 0]);
    const bad = await as(service, 'koordination').get(`/v1/overview/export?format=pdf`);
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/format/);
  });
});

/** An export as the browser downloads it: the raw bytes. */
async function download(path: string, user = 'koordination') {
  const response = await fetch(`${service.url}${path}`, { headers: { authorization: `Bearer ${await tokenOf(user)}` } });
  expect(response.status).toBe(200);
  return { headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}
