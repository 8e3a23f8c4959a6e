import { REVIEW_DECISION_LABELS } from '@sozialraum/contracts/browser';
import { Field } from '../../../components/Field';
import { RadioChoice } from './controls';
import type { TaskFormProps } from './task-form-props';
import { TaskFormShell } from './TaskFormShell';
import { emptyToUndefined, useTaskForm } from './use-task-form';

/** The working group approves the goals and needs, or returns them to the planners with comments. */
export function ReviewGoalsForm({ task, complete }: TaskFormProps) {
  const form = useTaskForm('review-goals', task.id, { decision: undefined, comments: undefined });
  const { errors } = form.formState;
  const returning = form.watch('decision') === 'return';
  return (
    <TaskFormShell form={form} complete={complete}>
      <RadioChoice legend="Ihre Entscheidung" error={errors.decision?.message} options={REVIEW_DECISION_LABELS} registration={form.register('decision')} />
      <Field
        label="Anmerkungen"
        optional={!returning}
        error={errors.comments?.message}
        hint={returning ? 'Was soll die Sozialplanung überarbeiten?' : 'Pflicht, wenn Sie zurückgeben'}
      >
        {(props) => <textarea {...props} rows={5} {...form.register('comments', { setValueAs: emptyToUndefined })} />}
      </Field>
    </TaskFormShell>
  );
}
