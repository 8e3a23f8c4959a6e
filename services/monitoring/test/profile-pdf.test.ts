import { fetchPdf, pdfText } from '@sozialraum/reports/testing';
import { call, userToken } from '@sozialraum/kit/testing';
import { seed } from './methods.fixtures';
import { type MonitoringService, startMonitoring } from './helpers/monitoring';

/**
 * The space profile as PDF and the city's weighted value. T10P-C has 1 case out of 5 in 2023 (denominator below 10):
 * its 37.25 must reach the planner (raw-data) and never the viewer gast, neither in the JSON nor in the PDF.
 */
let service: MonitoringService;
const codes = ['T10P-A', 'T10P-B', 'T10P-C'];
const HIDDEN = '37,25';

beforeAll(async () => {
  service = await startMonitoring();
  await seed(service, {
    spaces: codes.map((code) => ({ code, type: 'district', population: 1000 })),
    indicators: [{ key: 'T10P_R', name: 'Quote der Überschuldung T10P', polarity: 'higher-is-worse', kind: 'share' }],
    release: 't10-profile-pdf',
    values: [
      ['T10P-A', 'T10P_R', '2022', 10, 5, 50],
      ['T10P-B', 'T10P_R', '2022', 30, 30, 100],
      ['T10P-C', 'T10P_R', '2022', 20, 20, 100],
      ['T10P-A', 'T10P_R', '2023', 10, 5, 50],
      ['T10P-B', 'T10P_R', '2023', 30, 30, 100],
      ['T10P-C', 'T10P_R', '2023', 37.25, 1, 5],
    ],
  });
});
afterAll(() => service.close());

const profilePoints = async (user: string, code: string) => {
  const response = await call(`${service.url}/v1/spaces/${code}/profile`, { token: await userToken(user) });
  expect(response.status).toBe(200);
  return response.body.indicators.find((i: { key: string }) => i.key === 'T10P_R').points as Array<{ period: string; cityValue: number | null; cityMean: number | null; value: { suppressed: boolean } }>;
};

test('when a profile is read, then the city value is weighted by the denominators of the visible values, not the mean of the spaces', async () => {
  const viewer = await profilePoints('gast', 'T10P-A');
  const in2023 = viewer.find((p) => p.period === '2023')!;
  // gast sees A (10 of 50) and B (30 of 100): (10·50 + 30·100) / 150; the plain mean would be 20.
  expect(in2023.cityValue).toBeCloseTo(3500 / 150, 6);
  expect(in2023.cityMean).toBeCloseTo(20, 6);
  const raw = await profilePoints('planer', 'T10P-A');
  expect(raw.find((p) => p.period === '2023')!.cityValue).toBeCloseTo((500 + 3000 + 37.25 * 5) / 155, 6);
  expect(raw.find((p) => p.period === '2022')!.cityValue).toBeCloseTo((500 + 3000 + 2000) / 250, 6);
});

test('when a planner downloads a profile as PDF, then it is a German PDF with the indicator, its values and the chart', async () => {
  const { status, contentType, pdf } = await fetchPdf(`${service.url}/v1/spaces/T10P-C/profile.pdf`, await userToken('planer'));
  expect(status).toBe(200);
  expect(contentType).toBe('application/pdf');
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const { text } = await pdfText(pdf);
  expect(text).toContain('Sozialraumprofil T10P-C Raum T10P-C');
  expect(text).toContain('Quote der Überschuldung T10P');
  expect(text).toContain('Klassen im Zeitverlauf');
  expect(text).toContain('Stadt (gewichtet)');
  expect(text).toContain(HIDDEN);
});

test('when a viewer downloads the profile of a space with a suppressed value, then the PDF says "geheim" with the reason and holds no trace of the value', async () => {
  const points = await profilePoints('gast', 'T10P-C');
  expect(points.find((p) => p.period === '2023')!.value).toMatchObject({ suppressed: true });
  const { status, pdf } = await fetchPdf(`${service.url}/v1/spaces/T10P-C/profile.pdf`, await userToken('gast'));
  expect(status).toBe(200);
  const { text } = await pdfText(pdf);
  expect(text).toContain('geheim (zu kleine Bezugsgröße)');
  expect(text).not.toContain(HIDDEN);
  expect(text).not.toContain('37.25');
});

test('when the space does not exist, then the PDF is refused with 404 problem+json', async () => {
  const response = await call(`${service.url}/v1/spaces/T10P-NONE/profile.pdf`, { token: await userToken('gast') });
  expect(response.status).toBe(404);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
});

test('when nobody signs in, then the PDF is refused with 401', async () => {
  expect((await call(`${service.url}/v1/spaces/T10P-A/profile.pdf`)).status).toBe(401);
});
