import { useState } from 'react';
import { SortHeaderRow } from '../../components/SortHeader';
import { formatDateTime } from '../../lib/format';
import type { IndexRun } from './data-queries';
import { nextOrder, type ResultOrder, type ResultSortKey, sortResults } from './results-sort';

const COLUMNS: Array<{ key: ResultSortKey; label: string; numeric?: boolean }> = [
  { key: 'space', label: 'Sozialraum' },
  { key: 'statusIndex', label: 'Statusindex', numeric: true },
  { key: 'statusClass', label: 'Statusklasse' },
  { key: 'dynamicsIndex', label: 'Dynamikindex', numeric: true },
  { key: 'dynamicsClass', label: 'Dynamikklasse' },
  { key: 'combinedGroup', label: 'Gesamt (Status/Dynamik)' },
];

const index = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
const formatIndex = (value: number | null | undefined) => (value === null || value === undefined ? '–' : index.format(value));
const withClass = (label: string | null | undefined, cls: number | null | undefined) => (cls === null || cls === undefined ? '–' : `${cls} (${label ?? ''})`);

/** Indices and classes per space of one run; a click on a column's heading sorts by it, again the other way. */
export function ResultsTable({ run }: { run: IndexRun }) {
  const [order, setOrder] = useState<ResultOrder>({ key: 'space', descending: false });
  const rows = sortResults(run.items, order);
  return (
    <div className="kern-table-responsive">
      <table className="kern-table kern-table--striped" data-testid="ergebnisse">
        <caption className="kern-title">
          Ergebnisse {run.period} für {run.items.length} Sozialräume
          <span className="kern-body--small kern-body--muted">
            {' '}
            – berechnet am {formatDateTime(run.computedAt)}
            {run.inputReleases.length > 0 && <> aus {run.inputReleases.join(', ')}</>}; zum Sortieren eine Spaltenüberschrift wählen
          </span>
        </caption>
        <thead className="kern-table__head">
          <SortHeaderRow columns={COLUMNS} order={order} onSort={(key) => setOrder(nextOrder(order, key))} />
        </thead>
        <tbody className="kern-table__body">
          {rows.map((r) => (
            <tr key={r.spaceCode} className="kern-table__row" data-testid="ergebnis">
              <th scope="row" className="kern-table__cell">
                {r.spaceName ?? r.spaceCode}
                {r.excluded && <span className="kern-body--small kern-body--muted block">nicht bewertet: {r.excluded}</span>}
              </th>
              <td className="kern-table__cell kern-table__cell--numeric">{formatIndex(r.statusIndex)}</td>
              <td className="kern-table__cell">{withClass(r.statusLabel, r.statusClass)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{formatIndex(r.dynamicsIndex)}</td>
              <td className="kern-table__cell">{withClass(r.dynamicsLabel, r.dynamicsClass)}</td>
              <td className="kern-table__cell">{r.combinedLabel ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
