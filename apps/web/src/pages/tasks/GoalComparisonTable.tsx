import { formatNumber } from '../../lib/format';
import type { GoalComparison } from './forms/task-context';

const verdict = (c: GoalComparison) => (c.improved === true ? 'verbessert' : c.improved === false ? 'verschlechtert' : 'nicht bewertbar');
const reading = (r: GoalComparison['before']) => (r ? `${formatNumber(r.value)} (${r.period})` : '–');
const signed = (n: number | null) => (n === null ? '–' : `${n > 0 ? '+' : ''}${formatNumber(Math.round(n * 100) / 100)}`);

/** Each goal's indicator at the analysis and now: did it move the right way? Words, not colours. */
export function GoalComparisonTable({ comparison }: { comparison: GoalComparison[] }) {
  if (!comparison.length) return <p className="kern-body">Kein Ziel dieses Zyklus ist an einen Indikator gebunden; ein Vorher-Nachher-Vergleich entfällt.</p>;
  return (
    <div className="kern-table-responsive">
      <table className="kern-table kern-table--small">
        <caption className="kern-title kern-title--small">Ziele und ihre Indikatoren: Analyse und heute</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">Ziel</th>
            <th scope="col" className="kern-table__header">Indikator</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Bei der Analyse</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Heute</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Veränderung</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Zielwert</th>
            <th scope="col" className="kern-table__header">Entwicklung</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {comparison.map((c, i) => (
            <tr key={i} className="kern-table__row">
              <th scope="row" className="kern-table__cell">{c.goal}</th>
              <td className="kern-table__cell">{c.indicatorName ?? c.indicatorKey}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{reading(c.before)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{reading(c.after)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{signed(c.change)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">
                {c.targetValue === undefined ? '–' : `${formatNumber(c.targetValue)}${c.targetYear ? ` bis ${c.targetYear}` : ''}`}
              </td>
              <td className="kern-table__cell">{verdict(c)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
