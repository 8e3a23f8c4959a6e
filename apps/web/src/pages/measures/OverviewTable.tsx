import { Link } from '@tanstack/react-router';
import { Pagination } from '../../components/Pagination';
import { SortHeaderRow } from '../../components/SortHeader';
import { formatEuro, formatNumber } from '../../lib/format';
import { departmentLabel } from '../../lib/labels';
import { useSpaceName } from '../../lib/spaces';
import { formatPercent, LastReport, StatusBadge, TrafficLightBadge } from './badges';
import type { Overview } from './measure-queries';
import { OVERVIEW_PAGE_SIZE, type OverviewSearch, type SortKey } from './overview-search';
import { nextSort, parseSort, sortMeasures } from './overview-sort';

const COLUMNS: Array<{ key: SortKey; label: string; numeric?: boolean }> = [
  { key: 'title', label: 'Maßnahme' },
  { key: 'space', label: 'Sozialraum' },
  { key: 'department', label: 'Fachbereich' },
  { key: 'status', label: 'Status' },
  { key: 'trafficLight', label: 'Ampel' },
  { key: 'progress', label: 'Fortschritt', numeric: true },
  { key: 'overdue', label: 'Überfällige Meilensteine', numeric: true },
  { key: 'report', label: 'Letzter Bericht' },
  { key: 'planned', label: 'Budget geplant', numeric: true },
  { key: 'approved', label: 'Budget beschlossen', numeric: true },
  { key: 'spent', label: 'Budget ausgegeben', numeric: true },
];

/**
 * The measures of the filter as a table: a click on a column's heading sorts by it (again: the other way);
 * without a chosen order the most urgent come first, as the service ranks them. The sums row covers all pages.
 */
export function OverviewTable({ overview, search, onChange }: { overview: Overview; search: OverviewSearch; onChange: (change: Partial<OverviewSearch>) => void }) {
  const spaceName = useSpaceName();
  const sorted = sortMeasures(overview.items, search.sort, spaceName);
  const pages = Math.max(1, Math.ceil(sorted.length / OVERVIEW_PAGE_SIZE));
  const page = Math.min(search.page, pages);
  const rows = sorted.slice((page - 1) * OVERVIEW_PAGE_SIZE, page * OVERVIEW_PAGE_SIZE);
  const order = parseSort(search.sort);
  const t = overview.totals;

  if (overview.items.length === 0) return <p className="kern-body empty">Keine Maßnahmen für diese Filter.</p>;
  return (
    <>
      <div className="kern-table-responsive">
        <table className="kern-table kern-table--striped measures-table" data-testid="massnahmen">
          <caption className="kern-title">
            {overview.total} {overview.total === 1 ? 'Maßnahme' : 'Maßnahmen'}
            <span className="kern-body--small kern-body--muted">
              {' '}
              – {order ? 'sortiert nach der gewählten Spalte' : 'die dringendsten zuerst'}; zum Sortieren eine Spaltenüberschrift wählen
            </span>
          </caption>
          <thead className="kern-table__head">
            <SortHeaderRow columns={COLUMNS} order={order} onSort={(key) => onChange({ sort: nextSort(search.sort, key), page: 1 })} />
          </thead>
          <tbody className="kern-table__body">
            {rows.map((m) => (
              <tr key={m.id} className="kern-table__row" data-testid="massnahme">
                <th scope="row" className="kern-table__header">
                  <Link to="/massnahmen/$measureId" params={{ measureId: m.id }} className="kern-link">
                    {m.title}
                  </Link>
                </th>
                <td className="kern-table__cell">{m.spaces.map(spaceName).join(', ') || '–'}</td>
                <td className="kern-table__cell">{departmentLabel(m.department)}</td>
                <td className="kern-table__cell">
                  <StatusBadge status={m.status} />
                </td>
                <td className="kern-table__cell">
                  <TrafficLightBadge light={m.trafficLight} />
                </td>
                <td className="kern-table__cell kern-table__cell--numeric">{m.progressSource === 'none' ? '–' : formatPercent(m.progress)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">
                  {m.overdueMilestones > 0 ? (
                    <span className="kern-badge kern-badge--warning kern-badge--small">
                      <span className="kern-label">{m.overdueMilestones} überfällig</span>
                    </span>
                  ) : (
                    '0'
                  )}
                </td>
                <td className="kern-table__cell">
                  <LastReport measure={m} />
                </td>
                <td className="kern-table__cell kern-table__cell--numeric">{formatEuro(m.budget.planned)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{formatEuro(m.budget.approved)}</td>
                <td className="kern-table__cell kern-table__cell--numeric">{formatEuro(m.budget.spent)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot className="kern-table__footer">
            <tr className="kern-table__row" data-testid="summenzeile">
              <th scope="row" className="kern-table__header" colSpan={6}>
                Summe aller {formatNumber(t.count)} {t.count === 1 ? 'Maßnahme' : 'Maßnahmen'}
              </th>
              <td className="kern-table__cell kern-table__cell--numeric">{formatNumber(t.overdueMilestones)}</td>
              <td className="kern-table__cell">{t.reportsMissing > 0 ? `${formatNumber(t.reportsMissing)} fehlen` : ''}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{formatEuro(t.budgetPlanned)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{formatEuro(t.budgetApproved)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{formatEuro(t.budgetSpent)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <Pagination page={page} pageSize={OVERVIEW_PAGE_SIZE} total={sorted.length} onPage={(p) => onChange({ page: p })} label="Seiten der Maßnahmenliste" />
    </>
  );
}
