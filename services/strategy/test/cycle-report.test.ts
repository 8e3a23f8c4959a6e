import { fetchPdf, pdfText } from '@sozialraum/reports/testing';
import { call } from '@sozialraum/kit/testing';
import { as, runId, seedCycle, startStrategy, type StrategyService, tokenOf } from './helpers/strategy';

/**
 * The cycle report as PDF, from the read model as the workflow's activities write it: phases, the frozen
 * evidence (with a value monitoring withheld), a need and measures of two departments and a decision.
 */
const run = runId();
const space = `R${run}`;
const cycleId = `cycle-${space}-1`;
let service: StrategyService;

const evidence = {
  frozenAt: '2026-03-01T10:00:00Z',
  profile: {
    space: { code: space, name: 'Testraum' },
    indicators: [
      { key: 'alq', name: 'Arbeitslosenanteil', unit: '%', points: [
        { period: '2021', value: { value: 7.5, suppressed: false }, cityValue: 6.1 },
        { period: '2022', value: { value: null, suppressed: true, reason: 'secondary' }, cityValue: 6.3 },
      ] },
      { key: 'kinderarmut', name: 'Kinderarmut (SGB II)', unit: '%', points: [
        { period: '2021', value: { value: 21.75, suppressed: false }, cityValue: 15 },
        { period: '2022', value: { value: 22.5, suppressed: false }, cityValue: 15.5 },
      ] },
    ],
  },
};

beforeAll(async () => {
  service = await startStrategy();
  const db = service.deps.pool;
  await seedCycle(db, { id: cycleId, space, number: 1, status: 'running', phase: 'implementation', departments: ['soziales', 'jugend'] });
  await db.query('UPDATE cycle SET evidence = $2 WHERE id = $1', [cycleId, evidence]);
  await db.query(`UPDATE cycle_phase SET ended_at = now() WHERE cycle_id = $1`, [cycleId]);
  await db.query(`INSERT INTO cycle_phase (cycle_id, phase, started_at) VALUES ($1, 'implementation', now())`, [cycleId]);
  await db.query(`INSERT INTO need (cycle_id, key, title, target_groups, departments) VALUES ($1, 'kita', 'Mehr Kitaplätze für Familien', '{families}', '{jugend}')`, [cycleId]);
  await db.query(
    `INSERT INTO measure_proposal (id, cycle_id, need_key, department, title, description, budget_planned, status)
     VALUES ($1 || '#1', $1, 'kita', 'jugend', 'Familienzentrum Süd', 'Beratung', 25000, 'approved'),
            ($1 || '#2', $1, 'kita', 'soziales', 'Schuldnerberatung vor Ort', 'Beratung', 12000, 'rejected')`,
    [cycleId],
  );
  await db.query(
    `INSERT INTO decision (id, cycle_id, measure_id, decision, reason, decided_by) VALUES ($1 || '#d1', $1, $1 || '#1', 'approve', NULL, 'Lena Lenkung'),
            ($1 || '#d2', $1, $1 || '#2', 'reject', 'Doppelt zum Angebot der Stadtteilarbeit', 'Lena Lenkung')`,
    [cycleId],
  );
});
afterAll(() => service?.close());

const report = async (user: string) => fetchPdf(`${service.url}/v1/cycles/${cycleId}/report.pdf`, await tokenOf(user));

test('when a planner downloads a cycle report, then it is a German PDF with phases, evidence, needs, measures and decisions', async () => {
  const { status, contentType, pdf } = await report('planer');
  expect(status).toBe(200);
  expect(contentType).toBe('application/pdf');
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = (await pdfText(pdf)).text.replace(/\s+/g, ' ');
  for (const expected of [`Strategiezyklus 1 im Sozialraum ${space}`, 'Phasen', 'Analyse', 'Umsetzung', 'Datengrundlage', 'Kinderarmut (SGB II)', '22,5',
    'Handlungsbedarfe', 'Mehr Kitaplätze für Familien', 'Familien', 'Familienzentrum Süd', '25.000', 'Schuldnerberatung vor Ort', 'abgelehnt', 'Doppelt zum Angebot der Stadtteilarbeit']) {
    expect(text).toContain(expected);
  }
  // The withheld value of the evidence stays withheld.
  expect(text).toContain('geheim (sonst aus Summen errechenbar)');
});

test("when department staff download the report, then it holds only their own department's measures and decisions, as the JSON does", async () => {
  const json = await as(service, 'jugend').get(`/v1/cycles/${cycleId}`);
  expect(json.body.proposals.map((p: { title: string }) => p.title)).toEqual(['Familienzentrum Süd']);
  const { status, pdf } = await report('jugend');
  expect(status).toBe(200);
  const { text } = await pdfText(pdf);
  expect(text).toContain('Familienzentrum Süd');
  expect(text).not.toContain('Schuldnerberatung vor Ort');
  expect(text).not.toContain('Doppelt zum Angebot');
});

test('when the cycle does not exist, then the report is refused with 404 problem+json', async () => {
  const response = await call(`${service.url}/v1/cycles/cycle-NONE${run}-1/report.pdf`, { token: await tokenOf('gast') });
  expect(response.status).toBe(404);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
});

test('when nobody signs in, then the report is refused with 401', async () => {
  expect((await call(`${service.url}/v1/cycles/${cycleId}/report.pdf`)).status).toBe(401);
});
