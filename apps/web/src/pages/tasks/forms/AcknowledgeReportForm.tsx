import { Field } from '../../../components/Field';
import type { TaskFormProps } from './task-form-props';
import { TaskFormShell } from './TaskFormShell';
import { emptyToUndefined, useTaskForm } from './use-task-form';

/** The steering committee takes note of the cycle's report; completing it ends the cycle and starts the next. */
export function AcknowledgeReportForm({ task, complete }: TaskFormProps) {
  const form = useTaskForm('acknowledge-report', task.id, {});
  const { errors } = form.formState;
  return (
    <TaskFormShell form={form} complete={complete} submitLabel="Zur Kenntnis genommen">
      <Field label="Anmerkung des Lenkungskreises" optional error={errors.comment?.message} hint="Wird mit dem Bericht festgehalten">
        {(props) => <textarea {...props} rows={4} {...form.register('comment', { setValueAs: emptyToUndefined })} />}
      </Field>
    </TaskFormShell>
  );
}
