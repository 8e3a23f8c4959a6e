import { Field } from '../../../components/Field';
import type { TaskFormProps } from './task-form-props';
import { TaskFormShell } from './TaskFormShell';
import { useTaskForm } from './use-task-form';

/** Planners sum up the monitoring evidence; completing it opens the participation. */
export function ReviewAnalysisForm({ task, complete }: TaskFormProps) {
  const form = useTaskForm('review-analysis', task.id, { summary: '' });
  const { errors } = form.formState;
  return (
    <TaskFormShell form={form} complete={complete}>
      <Field label="Zusammenfassung der Analyse" error={errors.summary?.message} hint="Was zeigen die Daten? Welche Schwerpunkte sehen Sie für die Beteiligung?">
        {(props) => <textarea {...props} rows={8} {...form.register('summary')} />}
      </Field>
    </TaskFormShell>
  );
}
