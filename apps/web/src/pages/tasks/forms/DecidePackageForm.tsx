import { DECISION_LABELS } from '@sozialraum/contracts/browser';
import { useEffect } from 'react';
import { Field } from '../../../components/Field';
import { MeasureFacts } from '../MeasureFacts';
import { ListError, RadioChoice } from './controls';
import { contextOf } from './task-context';
import { PackageBudgetTable } from './PackageBudgetTable';
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
      <PackageBudgetTable measures={measures} approve={chosen.map((d) => d === 'approve')} />
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
