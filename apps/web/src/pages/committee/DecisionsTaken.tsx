import { Link } from '@tanstack/react-router';
import { formatDate, formatEuro } from '../../lib/format';
import { decidedLabel, departmentLabel } from '../../lib/labels';
import { useSpaceName } from '../../lib/spaces';
import { contextOf } from '../tasks/forms/task-context';
import type { Task } from '../tasks/task-queries';

/** Each decided measure of the completed packages, newest package first: the decision in words and its reason. */
export function decidedRows(tasks: Task[]) {
  return tasks.flatMap((task) => {
    const measures = new Map(contextOf(task).measures.map((m) => [m.measureId, m]));
    const decisions = ((task.result?.decisions ?? []) as Array<{ measureId: string; decision: string; reason?: string }>);
    return decisions.map((d) => {
      const m = measures.get(d.measureId);
      return {
        key: `${task.id}#${d.measureId}`,
        task,
        title: m?.title ?? 'Maßnahme',
        department: m?.department,
        budget: m?.budgetPlanned,
        decision: decidedLabel(d.decision),
        reason: d.reason,
      };
    });
  });
}

export function DecisionsTaken({ tasks }: { tasks: Task[] }) {
  const spaceName = useSpaceName();
  const rows = decidedRows(tasks);
  if (rows.length === 0) return <p className="kern-body">Der Lenkungskreis hat noch über kein Maßnahmenpaket entschieden.</p>;
  return (
    <div className="kern-table-responsive">
      <table className="kern-table kern-table--small" data-testid="entscheidungen">
        <caption className="kern-title kern-title--small">Entscheidungen des Lenkungskreises, die jüngsten zuerst</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">Maßnahme</th>
            <th scope="col" className="kern-table__header">Sozialraum</th>
            <th scope="col" className="kern-table__header">Fachbereich</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Geplantes Budget</th>
            <th scope="col" className="kern-table__header">Entscheidung</th>
            <th scope="col" className="kern-table__header">Begründung</th>
            <th scope="col" className="kern-table__header">Entschieden</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rows.map((r) => (
            <tr key={r.key} className="kern-table__row">
              <th scope="row" className="kern-table__cell">{r.title}</th>
              <td className="kern-table__cell">
                <Link to="/zyklen/$cycleId" params={{ cycleId: r.task.cycleId }} className="kern-link">
                  {spaceName(r.task.spaceCode)}
                </Link>
              </td>
              <td className="kern-table__cell">{departmentLabel(r.department)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{formatEuro(r.budget)}</td>
              <td className="kern-table__cell">{r.decision}</td>
              <td className="kern-table__cell">{r.reason ?? '–'}</td>
              <td className="kern-table__cell">
                {formatDate(r.task.completedAt)}
                {r.task.completedBy && ` von ${r.task.completedBy}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
