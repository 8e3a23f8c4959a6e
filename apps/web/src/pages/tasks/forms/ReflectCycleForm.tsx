import { Field } from '../../../components/Field';
import type { TaskFormProps } from './task-form-props';
import { TaskFormShell } from './TaskFormShell';
import { useTaskForm } from './use-task-form';

/** The working group looks back on the cycle: what was achieved, and what the next cycle should learn. */
export function ReflectCycleForm({ task, complete }: TaskFormProps) {
  const form = useTaskForm('reflect-cycle', task.id, { summary: '', lessons: '' });
  const { errors } = form.formState;
  return (
    <TaskFormShell form={form} complete={complete}>
      <Field label="Was wurde erreicht?" error={errors.summary?.message} hint="Umsetzung der Maßnahmen und Entwicklung der Indikatoren im Vergleich zur Analyse">
        {(props) => <textarea {...props} rows={6} {...form.register('summary')} />}
      </Field>
      <Field label="Was lernen wir für den nächsten Zyklus?" error={errors.lessons?.message} hint="Was soll bleiben, was soll sich ändern?">
        {(props) => <textarea {...props} rows={6} {...form.register('lessons')} />}
      </Field>
    </TaskFormShell>
  );
}
