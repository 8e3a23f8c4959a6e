import { CYCLE_STATUS_LABELS, PARTICIPATION_FORMAT_LABELS, TARGET_GROUP_LABELS } from '@sozialraum/contracts';
import type { Principal } from '@sozialraum/kit';
import type { Pool } from '@sozialraum/kit/db';
import { disclosedText, germanDate, germanDateTime, germanNumber, lineChartSvg, PdfReport } from '@sozialraum/reports';
import type { components } from '../generated/api';
import { getCycleDetail } from './cycles';

type Detail = components['schemas']['CycleDetail'];

/** The part of the frozen monitoring profile the report reads; the snapshot is stored as monitoring sent it. */
interface EvidencePoint {
  period: string;
  value?: { value: number | null; suppressed: boolean; reason?: string };
  cityValue?: number | null;
}
interface EvidenceIndicator {
  key: string;
  name: string;
  unit?: string;
  points?: EvidencePoint[];
}

const PROPOSAL_STATUS: Record<string, string> = {
  proposed: 'vorgeschlagen', approved: 'genehmigt', rejected: 'abgelehnt', returned: 'zurückgegeben',
  'in-progress': 'in Umsetzung', paused: 'pausiert', completed: 'abgeschlossen', cancelled: 'abgebrochen',
};
/** What the committee decided, as a report states it (the form's labels are imperatives). */
const DECIDED: Record<string, string> = { approve: 'genehmigt', reject: 'abgelehnt', return: 'zur Überarbeitung zurückgegeben' };
const label = (labels: Record<string, string>, key: string) => labels[key] ?? key;
const euros = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const CHART = { width: 480, height: 180 };

function evidenceSection(report: PdfReport, evidence: Detail['evidence']) {
  report.heading('Datengrundlage (eingefroren bei der Analyse)');
  const snapshot = evidence as { frozenAt?: string; unavailable?: string; profile?: { indicators?: EvidenceIndicator[] } } | null;
  if (!snapshot?.profile) {
    report.paragraph(snapshot?.unavailable ? `Das Monitoring war nicht erreichbar: ${snapshot.unavailable}` : 'Keine Datengrundlage gespeichert.');
    return;
  }
  if (snapshot.frozenAt) report.paragraph(`Stand ${germanDateTime(snapshot.frozenAt)}`, { small: true });
  const indicators = snapshot.profile.indicators ?? [];
  const shares = indicators.filter((i) => i.unit === '%' && (i.points?.length ?? 0) > 1).slice(0, 5);
  const periods = [...new Set(shares.flatMap((i) => (i.points ?? []).map((p) => p.period)))].sort();
  if (shares.length > 0) {
    const svg = lineChartSvg({
      periods,
      series: shares.map((i) => ({ name: i.name, values: periods.map((period) => visible(i.points?.find((p) => p.period === period))) })),
      ...CHART,
    });
    report.chart(svg, CHART.width, CHART.height);
  }
  report.table(
    ['Indikator', 'Jahr', 'Wert', 'Stadt'],
    indicators.map((i) => {
      const last = i.points?.at(-1);
      const city = last?.cityValue;
      return [`${i.name}${i.unit ? ` (${i.unit})` : ''}`, last?.period ?? null, disclosedText(last?.value), city === null || city === undefined ? null : germanNumber(city)];
    }),
    [3, 1, 2, 1.2],
  );
}

function visible(point: EvidencePoint | undefined): number | null {
  return point?.value && !point.value.suppressed ? point.value.value : null;
}

/**
 * A cycle's report as a German PDF for the committee and the council: phase timeline, the frozen evidence,
 * participation, goals and needs, measures and decisions — as far as the caller may read them (the same
 * scope as `GET /v1/cycles/{id}`).
 */
export async function cycleReportPdf(pool: Pool, id: string, principal: Principal): Promise<Buffer> {
  const cycle = await getCycleDetail(pool, id, principal);
  const report = new PdfReport({
    title: `Strategiezyklus ${cycle.number} im Sozialraum ${cycle.spaceCode}`,
    subtitle: `Status: ${label(CYCLE_STATUS_LABELS, cycle.status)}, Phase: ${cycle.phaseLabel}; begonnen am ${germanDate(cycle.startedAt)} von ${cycle.startedBy}`,
    footnote: `Erstellt am ${germanDateTime(new Date())} für ${principal.username ?? principal.name}. Werte unter Geheimhaltung stehen als „geheim“ mit Grund; „–“ heißt: kein Wert.`,
  });

  report.heading('Phasen');
  report.table(['Phase', 'Beginn', 'Ende'], cycle.phases.map((p) => [p.label, germanDateTime(p.startedAt), p.endedAt ? germanDateTime(p.endedAt) : 'läuft']), [2, 1.5, 1.5]);

  evidenceSection(report, cycle.evidence);

  report.heading('Beteiligung');
  if (cycle.participation.length === 0) report.paragraph('Keine Beteiligung erfasst.');
  else report.table(['Datum', 'Format', 'Teilnehmende', 'Ergebnisse'], cycle.participation.map((p) => [germanDate(p.date), label(PARTICIPATION_FORMAT_LABELS, p.format), p.participants, p.results]), [1, 1.3, 1, 4]);

  report.heading('Ziele');
  if (cycle.goals.length === 0) report.paragraph('Keine Ziele erfasst.');
  else report.table(['Ziel', 'Zielwert', 'Zieljahr'], cycle.goals.map((g) => [g.title, g.targetValue === null ? null : germanNumber(g.targetValue), g.targetYear]), [4, 1, 1]);

  report.heading('Handlungsbedarfe');
  if (cycle.needs.length === 0) report.paragraph('Keine Handlungsbedarfe erfasst.');
  else report.table(['Bedarf', 'Zielgruppen', 'Fachbereiche'], cycle.needs.map((n) => [n.title, n.targetGroups.map((t) => label(TARGET_GROUP_LABELS, t)).join(', '), n.departments.join(', ')]), [3, 2, 1.5]);

  report.heading('Maßnahmen');
  if (cycle.proposals.length === 0) report.paragraph('Keine Maßnahmen erfasst.');
  else report.table(
    ['Maßnahme', 'Fachbereich', 'Budget', 'Status'],
    cycle.proposals.map((p) => [p.title, p.department, p.budgetPlanned === null ? null : euros.format(p.budgetPlanned), label(PROPOSAL_STATUS, p.status)]),
    [3, 1.3, 1.2, 1.3],
  );

  report.heading('Entscheidungen');
  if (cycle.decisions.length === 0) report.paragraph('Keine Entscheidungen getroffen.');
  else {
    const titles = new Map(cycle.proposals.map((p) => [p.id, p.title]));
    report.table(
      ['Maßnahme', 'Entscheidung', 'Begründung', 'Am'],
      cycle.decisions.map((d) => [titles.get(d.measureId) ?? d.measureId, label(DECIDED, d.decision), d.reason, germanDate(d.decidedAt)]),
      [2.5, 1.5, 2.5, 1],
    );
  }
  return report.finish();
}
