import { formatEuro } from '../../../lib/format';
import { departmentLabel } from '../../../lib/labels';
import { budgetByDepartment } from './package-budget';
import type { ContextMeasure } from './task-context';

/**
 * Planned budgets of a package per department and in total; while deciding (`approve` given) also how much
 * of it is marked for approval.
 */
export function PackageBudgetTable({ measures, approve }: { measures: ContextMeasure[]; approve?: boolean[] }) {
  const { rows, total } = budgetByDepartment(measures, approve);
  const deciding = approve !== undefined;
  return (
    <div className="kern-table-responsive">
      <table className="kern-table kern-table--small" data-testid="budget-summen">
        <caption className="kern-title kern-title--small">Geplantes Budget des Pakets nach Fachbereich</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">Fachbereich</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Maßnahmen</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Geplantes Budget</th>
            {deciding && <th scope="col" className="kern-table__header kern-table__header--numeric">davon zur Genehmigung gewählt</th>}
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rows.map(([department, row]) => (
            <tr key={department} className="kern-table__row">
              <th scope="row" className="kern-table__cell">{departmentLabel(department)}</th>
              <td className="kern-table__cell kern-table__cell--numeric">{row.count}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{formatEuro(row.planned)}</td>
              {deciding && <td className="kern-table__cell kern-table__cell--numeric">{formatEuro(row.approved)}</td>}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="kern-table__row">
            <th scope="row" className="kern-table__cell">Insgesamt</th>
            <td className="kern-table__cell kern-table__cell--numeric">{total.count}</td>
            <td className="kern-table__cell kern-table__cell--numeric">{formatEuro(total.planned)}</td>
            {deciding && (
              <td className="kern-table__cell kern-table__cell--numeric" aria-live="polite">
                {formatEuro(total.approved)}
              </td>
            )}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
