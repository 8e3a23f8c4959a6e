import { type Principal } from '@sozialraum/kit';
import { type Cell, disclosedText, germanDateTime, germanNumber, lineChartSvg, PdfReport } from '@sozialraum/reports';
import type { Queryable } from '@sozialraum/kit/db';
import { type ProfileSources, spaceProfile } from './profile';

type Profile = Awaited<ReturnType<typeof spaceProfile>>;

const numberOrNull = (v: number | null | undefined): Cell => (v === null || v === undefined ? null : germanNumber(v));
const CHART = { width: 480, height: 170 };

function indicatorSection(report: PdfReport, spaceName: string, indicator: Profile['indicators'][number]) {
  const unit = indicator.unit ? ` (${indicator.unit})` : '';
  report.heading(`${indicator.name}${unit}`);
  const periods = indicator.points.map((p) => p.period);
  const own = indicator.points.map((p) => (p.value.suppressed ? null : p.value.value));
  if (own.some((v) => v !== null)) {
    const svg = lineChartSvg({
      periods,
      series: [
        { name: spaceName, values: own },
        { name: 'Stadt (gewichtet)', values: indicator.points.map((p) => p.cityValue ?? null), dashed: true },
      ],
      ...CHART,
    });
    report.chart(svg, CHART.width, CHART.height);
  }
  report.table(
    ['Jahr', 'Wert', 'Stadt (gewichtet)', 'Rang', 'z-Wert'],
    indicator.points.map((p) => [p.period, disclosedText(p.value), numberOrNull(p.cityValue), p.rank === null || p.rank === undefined ? null : `${p.rank} von ${p.of}`, numberOrNull(p.z)]),
    [1, 2.4, 1.6, 1.2, 1],
  );
}

/**
 * The space profile as a German PDF for the committee and the council: exactly the figures the caller's
 * JSON profile holds (confidentiality is applied there), with a chart per indicator.
 */
export async function spaceProfilePdf(db: Queryable, sources: ProfileSources, principal: Principal, code: string, method?: string): Promise<Buffer> {
  const profile = await spaceProfile(db, sources, principal, code, method);
  const { space } = profile;
  const report = new PdfReport({
    title: `Sozialraumprofil ${space.code} ${space.name}`,
    subtitle: `Raumtyp ${space.type}${space.population ? `, ${germanNumber(space.population)} Einwohnerinnen und Einwohner` : ''}`,
    footnote: `Erstellt am ${germanDateTime(new Date())} für ${principal.username ?? principal.name}. Werte unter Geheimhaltung stehen als „geheim“ mit Grund; „–“ heißt: kein Wert. Die Stadt ist der nach Bezugsgrößen gewichtete Wert aller sichtbaren Räume dieses Typs, Rang 1 ist die ungünstigste Lage.`,
  });

  report.heading('Klassen im Zeitverlauf');
  if (profile.classHistory.length === 0) report.paragraph(profile.method ? 'Für diesen Raum liegen keine Indexergebnisse vor.' : 'Es ist keine Indexmethode aktiv.');
  else {
    report.paragraph(`Methode ${profile.method ?? '–'}`, { small: true });
    report.table(
      ['Jahr', 'Status', 'Dynamik', 'Gesamt', 'Hinweis'],
      profile.classHistory.map((r) => [r.period, r.statusLabel ?? null, r.dynamicsLabel ?? null, r.combinedLabel ?? null, r.excluded ? 'nicht bewertet (Geheimhaltung oder fehlende Werte)' : '']),
      [1, 1.6, 1.6, 2, 2.2],
    );
  }

  report.heading('Hinweise (Alerts)');
  if (profile.alerts.length === 0) report.paragraph('Keine Hinweise.');
  else report.table(['Jahr', 'Hinweis', 'Status'], profile.alerts.map((a) => [a.period, a.message, ALERT_STATUS[a.status] ?? a.status]), [1, 5, 1.5]);

  for (const indicator of profile.indicators) indicatorSection(report, space.name, indicator);
  return report.finish();
}

const ALERT_STATUS: Record<string, string> = { open: 'offen', acknowledged: 'zur Kenntnis genommen', 'handed-over': 'übergeben' };
