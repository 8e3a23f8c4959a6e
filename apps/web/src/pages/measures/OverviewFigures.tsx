import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { formatEuro, formatNumber } from '../../lib/format';
import { departmentLabel, measureStatusLabel } from '../../lib/labels';
import { useSpaceName } from '../../lib/spaces';
import { trafficLightText } from './badges';
import type { GroupFigures, Overview } from './measure-queries';
import { MEASURE_STATUSES, type OverviewSearch, TRAFFIC_LIGHTS } from './overview-search';

/** The figures at a glance: how many, how much money, what is late. */
export function Totals({ overview }: { overview: Overview }) {
  const t = overview.totals;
  const figures: Array<[string, string, string?]> = [
    ['Maßnahmen', formatNumber(t.count)],
    ['Budget geplant', formatEuro(t.budgetPlanned)],
    ['Budget beschlossen', formatEuro(t.budgetApproved)],
    ['Budget ausgegeben', formatEuro(t.budgetSpent)],
    ['Überfällige Meilensteine', formatNumber(t.overdueMilestones), t.overdueMilestones > 0 ? `in ${formatNumber(t.measuresWithOverdueMilestones)} ${t.measuresWithOverdueMilestones === 1 ? 'Maßnahme' : 'Maßnahmen'}` : undefined],
    ['Bericht fehlt', formatNumber(t.reportsMissing), `kein Statusbericht seit ${overview.reportIntervalDays} Tagen`],
  ];
  return (
    <section aria-labelledby="summen" className="kern-stack-sm">
      <h2 id="summen" className="kern-heading-medium">
        Auf einen Blick
      </h2>
      <dl className="figures" data-testid="summen">
        {figures.map(([label, value, note]) => (
          <div className="figures__item kern-card" key={label}>
            <dt className="kern-body--small">{label}</dt>
            <dd className="figures__value">{value}</dd>
            {note && <dd className="kern-body--small kern-body--muted">{note}</dd>}
          </div>
        ))}
      </dl>
    </section>
  );
}

interface Row {
  key: string;
  label: ReactNode;
  figures: GroupFigures;
}

function GroupTable({ caption, keyHeader, rows, testId }: { caption: string; keyHeader: string; rows: Row[]; testId: string }) {
  return (
    <div className="kern-table-responsive">
      <table className="kern-table kern-table--small" data-testid={testId}>
        <caption className="kern-title">{caption}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">{keyHeader}</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Anzahl</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Geplant</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Beschlossen</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Ausgegeben</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rows.map((r) => (
            <tr className="kern-table__row" key={r.key}>
              <th scope="row" className="kern-table__header">{r.label}</th>
              <td className="kern-table__cell kern-table__cell--numeric">{formatNumber(r.figures.count)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{formatEuro(r.figures.budgetPlanned)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{formatEuro(r.figures.budgetApproved)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{formatEuro(r.figures.budgetSpent)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const inOrder = (groups: GroupFigures[], order: readonly string[]) =>
  [...groups].sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : order.indexOf(a.key) - order.indexOf(b.key)));

/**
 * Counts and budgets by status and traffic light (each a link that filters the list), and by space and
 * department on request.
 */
export function Breakdown({ overview, search }: { overview: Overview; search: OverviewSearch }) {
  const spaceName = useSpaceName();
  const filterLink = (change: Partial<OverviewSearch>, label: string) => (
    <Link to="/massnahmen" search={{ ...search, ...change, page: 1 }} className="kern-link">
      {label}
    </Link>
  );
  const statusRows = inOrder(overview.groups.status, MEASURE_STATUSES).map((g) => ({ key: g.key ?? '-', label: filterLink({ status: g.key ?? undefined }, measureStatusLabel(g.key ?? '–')), figures: g }));
  const lightRows = inOrder(overview.groups.trafficLight, TRAFFIC_LIGHTS).map((g) => ({
    key: g.key ?? 'none',
    label: g.key ? filterLink({ trafficLight: g.key }, trafficLightText(g.key)) : 'Noch kein Statusbericht',
    figures: g,
  }));
  return (
    <section aria-labelledby="aufschluesselung" className="kern-stack-sm">
      <h2 id="aufschluesselung" className="kern-heading-medium">
        Nach Status und Ampel
      </h2>
      <div className="breakdown">
        <GroupTable caption="Maßnahmen nach Status" keyHeader="Status" rows={statusRows} testId="nach-status" />
        <GroupTable caption="Maßnahmen nach Ampel des letzten Statusberichts" keyHeader="Ampel" rows={lightRows} testId="nach-ampel" />
      </div>
      <details className="kern-accordion">
        <summary className="kern-accordion__header">
          <span className="kern-title">Nach Sozialraum und Fachbereich</span>
        </summary>
        <div className="kern-accordion__body breakdown">
          <GroupTable
            caption="Maßnahmen nach Sozialraum (eine Maßnahme in mehreren Sozialräumen zählt in jedem)"
            keyHeader="Sozialraum"
            rows={overview.groups.space.map((g) => ({ key: g.key ?? '-', label: g.key ? spaceName(g.key) : 'Ohne Sozialraum', figures: g }))}
            testId="nach-sozialraum"
          />
          <GroupTable caption="Maßnahmen nach Fachbereich" keyHeader="Fachbereich" rows={overview.groups.department.map((g) => ({ key: g.key ?? '-', label: departmentLabel(g.key), figures: g }))} testId="nach-fachbereich" />
        </div>
      </details>
    </section>
  );
}
