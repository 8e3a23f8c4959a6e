import { call, userToken } from '@sozialraum/kit/testing';
import ExcelJS from 'exceljs';
import { ensureIndicators, ensureSpaces, type MonitoringService, releaseValues, runId, startMonitoring, waitForImport } from './helpers/monitoring';

// Tables as statistical offices publish them, uploaded as files (multipart) through the real API: title lines
// above the header, German numbers ("1 675", "-  23"), the Zeichenerklärung's symbols, names instead of codes.
jest.setTimeout(60_000);

let service: MonitoringService;
let planer: string;
const run = runId();
const code = (n: string) => `ST${run}-${n}`;
const EW = `st_ew_${run}`;
const SGB = `st_sgb_${run}`;
const SALDO = `st_saldo_${run}`;

/** Windows-1252 as German Excel saves "CSV": latin-1 plus the en dash at 0x96. */
const windows1252 = (text: string) => Buffer.from(text.replace(/\u2013/g, '\u0096'), 'latin1');

function form(file: Buffer, fileName: string, fields: Record<string, unknown> = {}): FormData {
  const body = new FormData();
  body.append('file', new Blob([new Uint8Array(file)]), fileName);
  for (const [name, value] of Object.entries(fields)) body.append(name, typeof value === 'string' ? value : JSON.stringify(value));
  return body;
}
const preview = (body: FormData, token = planer) => call(`${service.url}/v1/imports/values/preview`, { token, method: 'POST', body });
const submit = (body: FormData, headers: Record<string, string> = {}) => call(`${service.url}/v1/imports/values`, { token: planer, method: 'POST', body, headers });

beforeAll(async () => {
  service = await startMonitoring({ RUN_JOBS: 'true', UPLOAD_LIMIT: '256kb' });
  planer = await userToken('planer');
  const { pool } = service.deps;
  await ensureSpaces(pool, 'social-space', [code('1'), code('2'), code('3'), code('4')], {
    names: { [code('1')]: `Weiße Straße ${run}`, [code('2')]: `Nord-Ost ${run}`, [code('3')]: `Altstadt ${run}`, [code('4')]: `Mürwik ${run}` },
  });
  await ensureSpaces(pool, 'district', [code('D3')], { names: { [code('D3')]: `Altstadt ${run}` } });
  await ensureIndicators(pool, [
    { key: EW, kind: 'count', name: `Einwohner ${run}` },
    { key: SGB, kind: 'share', name: `SGB-II-Quote ${run}` },
    { key: SALDO, kind: 'mean', name: `Wanderungssaldo ${run}` },
  ]);
});
afterAll(() => service.close());

const csvTable = (spaces: string[]) =>
  [
    `Tabelle 3: Bevölkerung und Leistungsbezug am 31.12.2022 nach Stadtteilen;;;`,
    `;;;`,
    `Stadtteil;Einwohner ${run};SGB-II-Quote ${run} (%);Wanderungssaldo ${run}`,
    `${spaces[0]};1 675;12,4;-  23`,
    `${spaces[1]};2\u00a0310;.;–`,
    `${spaces[2]};1.024.000;x;5 p`,
    `Quelle: Statistikamt, eigene Berechnungen;;;`,
  ].join('\r\n');

describe('a Windows-1252 CSV with a title, German numbers, symbols and names', () => {
  const file = windows1252(csvTable([`WEISSE STRASSE ${run}`, `Nord – Ost ${run}`, `  mürwik ${run} `]));

  test('when the planner previews it, then encoding, delimiter, header line, period and mapping are found', async () => {
    const res = await preview(form(file, 'bevoelkerung.csv'));

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      format: 'csv',
      encoding: 'windows-1252',
      delimiter: ';',
      headerRow: 3,
      header: ['Stadtteil', `Einwohner ${run}`, `SGB-II-Quote ${run} (%)`, `Wanderungssaldo ${run}`],
      decimal: 'comma',
      period: '2022',
      totalRows: 4,
      spaceMatches: { byCode: 0, byName: 3, unmatched: [], ambiguous: [] },
      suggestion: {
        layout: 'wide',
        spaceColumn: 'Stadtteil',
        period: '2022',
        headerRow: 3,
        delimiter: ';',
        encoding: 'windows-1252',
        columns: { [`Einwohner ${run}`]: EW, [`SGB-II-Quote ${run} (%)`]: SGB, [`Wanderungssaldo ${run}`]: SALDO },
      },
    });
    expect(res.body.lines[0]).toEqual({ line: 1, cells: ['Tabelle 3: Bevölkerung und Leistungsbezug am 31.12.2022 nach Stadtteilen', '', '', ''] });
    expect(res.body.columns[2]).toEqual({ name: `SGB-II-Quote ${run} (%)`, role: 'indicator', indicatorKey: SGB, period: null, numbers: 1, symbols: 2 });
  });

  test('when it is imported as a file with the suggested mapping, then every value arrives and each symbol keeps its reason', async () => {
    const suggestion = (await preview(form(file, 'bevoelkerung.csv'))).body.suggestion;
    const release = `st-csv-${run}`;
    const accepted = await submit(form(file, 'bevoelkerung.csv', { release: { key: release, title: 'Bevölkerung 2022' }, mapping: suggestion }));
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ fileName: 'bevoelkerung.csv', format: 'csv', release });

    const done = await waitForImport(service.url, planer, accepted.body.id);
    expect(done).toMatchObject({ status: 'succeeded', imported: 7, rejected: 0 });
    const values = await releaseValues(service.deps.pool, release);
    expect(Object.fromEntries(values)).toEqual({
      [`${code('1')}|${EW}|2022`]: 1675,
      [`${code('1')}|${SGB}|2022`]: 12.4,
      [`${code('1')}|${SALDO}|2022`]: -23,
      [`${code('2')}|${EW}|2022`]: 2310,
      [`${code('2')}|${SALDO}|2022`]: 0,
      [`${code('4')}|${EW}|2022`]: 1024000,
      [`${code('4')}|${SALDO}|2022`]: 5,
    });
    expect(done.report.notes).toEqual([
      { line: 5, column: `SGB-II-Quote ${run} (%)`, space: `Nord – Ost ${run}`, indicator: SGB, period: '2022', symbol: '.', reason: 'secret', value: null },
      { line: 5, column: `Wanderungssaldo ${run}`, space: `Nord – Ost ${run}`, indicator: SALDO, period: '2022', symbol: '–', reason: 'nothing', value: 0 },
      { line: 6, column: `SGB-II-Quote ${run} (%)`, space: `mürwik ${run}`, indicator: SGB, period: '2022', symbol: 'x', reason: 'not-applicable', value: null },
      { line: 6, column: `Wanderungssaldo ${run}`, space: `mürwik ${run}`, indicator: SALDO, period: '2022', symbol: 'p', reason: 'provisional', value: 5 },
    ]);
    expect(done.report.notesTotal).toBe(4);
  });

  test('when the same Idempotency-Key comes with the same file again, then the first import answers; with another file, 422', async () => {
    const key = `st-key-${run}`;
    const fields = { release: { key: `st-idem-${run}`, title: 'Idempotent' }, mapping: (await preview(form(file, 'b.csv'))).body.suggestion };
    const first = await submit(form(file, 'b.csv', fields), { 'idempotency-key': key });
    const again = await submit(form(file, 'b.csv', fields), { 'idempotency-key': key });
    const other = await submit(form(windows1252(csvTable(['a', 'b', 'c'])), 'b.csv', fields), { 'idempotency-key': key });

    expect(first.status).toBe(202);
    expect(again.body.id).toBe(first.body.id);
    expect(other.status).toBe(422);
    await waitForImport(service.url, planer, first.body.id);
  });
});

describe('a UTF-8 CSV naming a space that exists at two levels', () => {
  const file = Buffer.from(`Gebiet,Jahr,Einwohner ${run}\nAltstadt ${run},2021,"1 500"\n`, 'utf8');

  test('when it is imported by name, then the ambiguous name is reported; restricted to social spaces, it imports', async () => {
    const look = await preview(form(file, 'gebiete.csv'));
    expect(look.body).toMatchObject({ encoding: 'utf-8', delimiter: ',', headerRow: 1, spaceMatches: { byName: 0, ambiguous: [`Altstadt ${run}`] } });
    const restricted = await preview(form(file, 'gebiete.csv', { spaceType: 'social-space' }));
    expect(restricted.body.suggestion).toMatchObject({ spaceColumn: 'Gebiet', periodColumn: 'Jahr', spaceType: 'social-space', columns: { [`Einwohner ${run}`]: EW } });

    const release = `st-ambiguous-${run}`;
    const mapping = { layout: 'wide', spaceColumn: 'Gebiet', periodColumn: 'Jahr', columns: { [`Einwohner ${run}`]: EW } };
    const refused = await waitForImport(service.url, planer, (await submit(form(file, 'gebiete.csv', { release: { key: release, title: 'A' }, mapping }))).body.id);
    expect(refused.status).toBe('rejected');
    expect(refused.report.rejected).toEqual([
      { line: 2, column: null, reason: `ambiguous space name "Altstadt ${run}": ${code('3')} (social-space), ${code('D3')} (district); restrict the match to one space type` },
    ]);

    const done = await waitForImport(service.url, planer, (await submit(form(file, 'gebiete.csv', { release: { key: release, title: 'A' }, mapping: restricted.body.suggestion }))).body.id);
    expect(done).toMatchObject({ status: 'succeeded', imported: 1 });
    expect((await releaseValues(service.deps.pool, release)).get(`${code('3')}|${EW}|2021`)).toBe(1500);
  });
});

describe('an XLSX with a merged title row above the header', () => {
  async function workbook(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Erläuterungen').addRow(['Zeichenerklärung: . = geheim, – = nichts vorhanden']);
    const sheet = wb.addWorksheet('Stadtteile 2023');
    sheet.addRow(['Bevölkerung in den Stadtteilen, Stand 31.12.2023']);
    sheet.mergeCells('A1:C1');
    sheet.addRow(['Stadtteil', `Einwohner ${run}`, `Wanderungssaldo ${run}`]);
    sheet.addRow([`Weisse Strasse ${run}`, '1 675', '-  23']);
    sheet.addRow([`NORD-OST ${run}`, 2310, '.']);
    sheet.addRow([`Mürwik ${run}`, '(1.024)', '–']);
    sheet.addRow(['1) vorläufige Angaben']);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  test('when the planner previews a sheet and imports it, then the header below the title is used and German numbers arrive', async () => {
    const file = await workbook();
    const first = await preview(form(file, 'stadtteile.xlsx'));
    expect(first.body).toMatchObject({ format: 'xlsx', sheets: ['Erläuterungen', 'Stadtteile 2023'], sheet: 'Erläuterungen', suggestion: null });

    const look = await preview(form(file, 'stadtteile.xlsx', { sheet: 'Stadtteile 2023' }));
    expect(look.status).toBe(200);
    expect(look.body).toMatchObject({
      sheet: 'Stadtteile 2023',
      headerRow: 2,
      period: '2023',
      decimal: 'point',
      spaceMatches: { byName: 3 },
      suggestion: { layout: 'wide', sheet: 'Stadtteile 2023', headerRow: 2, period: '2023', spaceColumn: 'Stadtteil' },
    });
    expect(look.body.lines.map((l: { line: number }) => l.line)).toEqual([1, 2, 3, 4, 5, 6]);

    const release = `st-xlsx-${run}`;
    const accepted = await submit(form(file, 'stadtteile.xlsx', { release: { key: release, title: 'XLSX' }, mapping: { ...look.body.suggestion, decimal: 'comma' } }));
    const done = await waitForImport(service.url, planer, accepted.body.id);
    expect(done).toMatchObject({ status: 'succeeded', imported: 5, rejected: 0, format: 'xlsx' });
    expect(Object.fromEntries(await releaseValues(service.deps.pool, release))).toEqual({
      [`${code('1')}|${EW}|2023`]: 1675,
      [`${code('1')}|${SALDO}|2023`]: -23,
      [`${code('2')}|${EW}|2023`]: 2310,
      [`${code('4')}|${EW}|2023`]: 1024,
      [`${code('4')}|${SALDO}|2023`]: 0,
    });
    expect(done.report.notes.map((n: { line: number; symbol: string; reason: string }) => [n.line, n.symbol, n.reason])).toEqual([
      [4, '.', 'secret'],
      [5, '()', 'limited-reliability'],
      [5, '–', 'nothing'],
    ]);
  });
});

describe('a header of two rows: the indicator above, the year below', () => {
  const csv = [
    `Bevölkerung in den Stadtteilen;;;;`,
    `Stadtteil;Einwohner ${run};;SGB-II-Quote ${run} (%);`,
    `;2022;2023;2022;2023`,
    `Weiße Straße ${run};1 675;1 702;12,4;11,9`,
    `Nord-Ost ${run};2 310;2 298;.;8,1`,
  ].join('\r\n');
  async function xlsx(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Stadtteile');
    sheet.addRow(['Bevölkerung in den Stadtteilen']);
    sheet.addRow(['Stadtteil', `Einwohner ${run}`, null, `SGB-II-Quote ${run} (%)`, null]);
    sheet.mergeCells('B2:C2');
    sheet.mergeCells('D2:E2');
    sheet.addRow([null, 2022, 2023, 2022, 2023]);
    sheet.addRow([`Weiße Straße ${run}`, 1675, 1702, 12.4, 11.9]);
    sheet.addRow([`Nord-Ost ${run}`, 2310, 2298, '.', 8.1]);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  const merged = ['Stadtteil', `Einwohner ${run} 2022`, `Einwohner ${run} 2023`, `SGB-II-Quote ${run} (%) 2022`, `SGB-II-Quote ${run} (%) 2023`];
  const expected = {
    [`${code('1')}|${EW}|2022`]: 1675,
    [`${code('1')}|${EW}|2023`]: 1702,
    [`${code('1')}|${SGB}|2022`]: 12.4,
    [`${code('1')}|${SGB}|2023`]: 11.9,
    [`${code('2')}|${EW}|2022`]: 2310,
    [`${code('2')}|${EW}|2023`]: 2298,
    [`${code('2')}|${SGB}|2023`]: 8.1,
  };

  test.each([
    ['CSV', 'zwei-kopfzeilen.csv', async () => Buffer.from(csv)],
    ['XLSX with merged names', 'zwei-kopfzeilen.xlsx', xlsx],
  ])('when a %s is previewed and imported as suggested, then the rows are merged into one header and each column keeps its year', async (_kind, fileName, make) => {
    const file = await make();
    const look = await preview(form(file, fileName));
    expect(look.status).toBe(200);
    expect(look.body).toMatchObject({ headerRow: 2, headerRows: 2, header: merged, totalRows: 2, spaceMatches: { byName: 2 } });
    expect(look.body.columns.map((c: { name: string; indicatorKey: string | null; period: string | null }) => [c.indicatorKey, c.period])).toEqual([
      [null, null], [EW, '2022'], [EW, '2023'], [SGB, '2022'], [SGB, '2023'],
    ]);
    expect(look.body.suggestion).toMatchObject({
      layout: 'wide',
      spaceColumn: 'Stadtteil',
      columns: Object.fromEntries(merged.slice(1).map((name, i) => [name, i < 2 ? EW : SGB])),
      columnPeriods: Object.fromEntries(merged.slice(1).map((name, i) => [name, i % 2 === 0 ? '2022' : '2023'])),
    });

    const release = `st-two-rows-${fileName.slice(-4)}-${run}`;
    const accepted = await submit(form(file, fileName, { release: { key: release, title: 'Zwei Kopfzeilen' }, mapping: look.body.suggestion }));
    expect(accepted.status).toBe(202);
    const done = await waitForImport(service.url, planer, accepted.body.id);
    expect(done).toMatchObject({ status: 'succeeded', imported: 7, rejected: 0 });
    expect(Object.fromEntries(await releaseValues(service.deps.pool, release))).toEqual(expected);
    expect(done.report.notes).toEqual([expect.objectContaining({ line: 5, indicator: SGB, period: '2022', symbol: '.', reason: 'secret' })]);
  });

  test('when a period is given for a column that is not mapped, or one indicator twice for the same period, then the import is refused and names both', async () => {
    const mapping = {
      layout: 'wide', spaceColumn: 'Stadtteil', headerRow: 2,
      columns: { [merged[1]!]: EW, [merged[2]!]: EW },
      columnPeriods: { [merged[1]!]: '2022', [merged[2]!]: '2022', [merged[3]!]: '2022' },
    };
    const refused = await submit(form(Buffer.from(csv), 'zwei-kopfzeilen.csv', { release: { key: `st-two-rows-bad-${run}`, title: 'x' }, mapping }));
    const done = refused.status === 202 ? await waitForImport(service.url, planer, refused.body.id) : refused.body;
    expect(JSON.stringify(done)).toContain(`column \\"${merged[3]}\\" has a period in \\"columnPeriods\\" but no indicator`);
    expect(JSON.stringify(done)).toContain(`indicator \\"${EW}\\" is mapped from both`);
  });
});

describe('spaces uploaded as a file', () => {
  test('when a GeoJSON comes as a form upload, then it is stored for its job like one sent in JSON', async () => {
    const square = [[[9.4, 54.78], [9.41, 54.78], [9.41, 54.79], [9.4, 54.79], [9.4, 54.78]]];
    const geojson = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: code('G1'), name: `Geo ${run}` }, geometry: { type: 'Polygon', coordinates: square } }] };
    const body = form(Buffer.from(JSON.stringify(geojson)), 'gebiete.geojson', { format: 'geojson', type: 'planning-area', codeProperty: 'id', nameProperty: 'name' });
    const accepted = await call(`${service.url}/v1/imports/spaces`, { token: planer, method: 'POST', body });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ kind: 'spaces', fileName: 'gebiete.geojson', format: 'geojson' });
    // What the job gets: the options as the JSON form stores them, and the file's bytes as they were sent.
    const { rows } = await service.deps.pool.query(
      `SELECT request, (SELECT string_agg(bytes, ''::bytea ORDER BY part) FROM import_file_part WHERE import_id = id) AS file FROM import WHERE id = $1`,
      [accepted.body.id],
    );
    expect(rows[0].request).toEqual({ type: 'planning-area', codeProperty: 'id', nameProperty: 'name' });
    expect(JSON.parse(rows[0].file.toString('utf8'))).toEqual(geojson);
  });
});

describe('form uploads that are refused', () => {
  test('when the form has no file, two files, a file over the limit or an unreadable one, then 4xx says why', async () => {
    const noFile = new FormData();
    noFile.append('format', 'csv');
    expect((await preview(noFile)).status).toBe(400);

    const two = form(Buffer.from('a,b\n1,2\n'), 'a.csv');
    two.append('other', new Blob(['x']), 'b.csv');
    expect((await preview(two)).body).toMatchObject({ status: 400, detail: expect.stringContaining('"file"') });

    const large = await preview(form(Buffer.alloc(300 * 1024, 'a'), 'big.csv'));
    expect(large.body).toMatchObject({ status: 413, title: 'Content Too Large' });

    const broken = await preview(form(Buffer.from('PK\u0003\u0004 not a zip'), 'x.xlsx'));
    expect(broken.body).toMatchObject({ status: 422, detail: expect.stringContaining('cannot read the XLSX file') });

    const badMapping = await submit(form(Buffer.from('a,b\n1,2\n'), 'a.csv', { release: { key: 'k', title: 't' }, mapping: '{"layout":"wide"' }));
    expect(badMapping.status).toBe(400);
  });

  test('when a viewer previews or uploads, then 403', async () => {
    const gast = await userToken('gast');
    expect((await preview(form(Buffer.from('a,b\n'), 'a.csv'), gast)).status).toBe(403);
  });
});
