import { DECISION_LABELS } from '@sozialraum/contracts/browser';
import { useEffect } from 'react';
import { Field } from '../../../components/Field';
import { formatEuro } from '../../../lib/format';
import { departmentLabel } from '../../../lib/labels';
import { MeasureFacts } from '../MeasureFacts';
import { ListError, RadioChoice } from './controls';
import { type ContextMeasure, contextOf } from './task-context';
import type { TaskFormProps } from './task-form-props';
import { TaskFormShell } from './TaskFormShell';
import { emptyToUndefined, useTaskForm } from './use-task-form';

type Decision = keyof typeof DECISION_LABELS;

/**
 * The steering committee decides each measure of the package: approve, reject or return for rework (the
 * last two with a reason). Budgets are summed per department and in total, with what is marked for approval.
 * Each decision carries the planned budget shown here; when a budget changed meanwhile, the server refuses,
 * the task is loaded again with the new amounts, and the next submission carries those.
 */
export function DecidePackageForm({ task, cycle, complete }: TaskFormProps) {
  const { measures } = contextOf(task);
  const shownBudgets = measures.map((m) => m.budgetPlanned ?? null);
  const form = useTaskForm('decide-package', task.id, {
    decisions: measures.map((m, i) => ({ measureId: m.measureId, decision: undefined, reason: undefined, budgetPlanned: shownBudgets[i] })),
  });
  const shownKey = JSON.stringify(shownBudgets);
  useEffect(() => {
    (JSON.parse(shownKey) as Array<number | null>).forEach((budget, i) => form.setValue(`decisions.${i}.budgetPlanned`, budget));
  }, [form, shownKey]);
  const { errors } = form.formState;
  const chosen = (form.watch('decisions') ?? []).map((d) => d?.decision as Decision | undefined);
  const needTitle = (key: string) => cycle?.needs.find((n) => n.key === key)?.title ?? key;
  const approveAll = () => measures.forEach((_, i) => form.setValue(`decisions.${i}.decision`, 'approve', { shouldValidate: form.formState.isSubmitted }));

  return (
    <TaskFormShell form={form} complete={complete}>
      <BudgetTable measures={measures} chosen={chosen} />
      <div>
        <button type="button" className="kern-btn kern-btn--secondary" onClick={approveAll}>
          <span className="kern-label">Alle genehmigen</span>
        </button>
      </div>
      {measures.map((measure, index) => {
        const e = errors.decisions?.[index];
        const decision = chosen[index];
        return (
          <fieldset key={measure.measureId} className="kern-fieldset repeat-group" data-testid="massnahme">
            <legend className="kern-heading-small">{measure.title}</legend>
            <div className="kern-fieldset__body kern-stack-md">
              <MeasureFacts measure={measure} needTitle={needTitle(measure.needKey)} />
              {e?.budgetPlanned?.message && (
                <p className="kern-error" data-testid="budget-geaendert">
                  <span className="kern-icon kern-icon--danger" aria-hidden="true" />
                  <span>{e.budgetPlanned.message}</span>
                </p>
              )}
              <RadioChoice legend={`Entscheidung über „${measure.title}“`} error={e?.decision?.message} options={DECISION_LABELS} registration={form.register(`decisions.${index}.decision`)} />
              <Field
                label="Begründung"
                optional={decision === 'approve' || decision === undefined}
                error={e?.reason?.message}
                hint={decision === 'reject' ? 'Warum lehnt der Lenkungskreis ab?' : decision === 'return' ? 'Was soll der Fachbereich überarbeiten?' : 'Pflicht bei Ablehnung oder Rückgabe'}
              >
                {(props) => <textarea {...props} rows={3} {...form.register(`decisions.${index}.reason`, { setValueAs: emptyToUndefined })} />}
              </Field>
            </div>
          </fieldset>
        );
      })}
      <ListError error={errors.decisions} />
    </TaskFormShell>
  );
}

/** Planned budgets per department and in total, and how much of it is marked for approval. */
function BudgetTable({ measures, chosen }: { measures: ContextMeasure[]; chosen: Array<Decision | undefined> }) {
  const rows = new Map<string, { count: number; planned: number; approved: number }>();
  measures.forEach((m, i) => {
    const row = rows.get(m.department) ?? { count: 0, planned: 0, approved: 0 };
    row.count += 1;
    row.planned += m.budgetPlanned ?? 0;
    if (chosen[i] === 'approve') row.approved += m.budgetPlanned ?? 0;
    rows.set(m.department, row);
  });
  const total = [...rows.values()].reduce((sum, r) => ({ count: sum.count + r.count, planned: sum.planned + r.planned, approved: sum.approved + r.approved }), { count: 0, planned: 0, approved: 0 });
  return (
    <div className="kern-table-responsive">
      <table className="kern-table kern-table--small" data-testid="budget-summen">
        <caption className="kern-title kern-title--small">Geplantes Budget des Pakets nach Fachbereich</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">Fachbereich</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Maßnahmen</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">Geplantes Budget</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">davon zur Genehmigung gewählt</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {[...rows].map(([department, row]) => (
            <tr key={department} className="kern-table__row">
              <th scope="row" className="kern-table__cell">{departmentLabel(department)}</th>
              <td className="kern-table__cell kern-table__cell--numeric">{row.count}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{formatEuro(row.planned)}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{formatEuro(row.approved)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="kern-table__row">
            <th scope="row" className="kern-table__cell">Insgesamt</th>
            <td className="kern-table__cell kern-table__cell--numeric">{total.count}</td>
            <td className="kern-table__cell kern-table__cell--numeric">{formatEuro(total.planned)}</td>
            <td className="kern-table__cell kern-table__cell--numeric" aria-live="polite">{formatEuro(total.approved)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
