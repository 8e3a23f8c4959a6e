import { RECOMMENDATION_LABELS } from '@sozialraum/contracts/browser';
import { Field } from '../../../components/Field';
import { RadioChoice } from './controls';
import { contextOf } from './task-context';
import type { TaskFormProps } from './task-form-props';
import { TaskFormShell } from './TaskFormShell';
import { emptyToUndefined, useTaskForm } from './use-task-form';

/** The department evaluates one approved measure and recommends what happens next. */
export function EvaluateMeasureForm({ task, complete }: TaskFormProps) {
  const measureId = contextOf(task).measure?.measureId ?? task.measureIds[0] ?? '';
  const form = useTaskForm('evaluate-measure', task.id, { measureId, outcome: '', recommendation: undefined, lessons: undefined });
  const { errors } = form.formState;
  return (
    <TaskFormShell form={form} complete={complete}>
      {errors.measureId?.message && <p className="kern-error">{errors.measureId.message}</p>}
      <Field label="Wirkung der Maßnahme" error={errors.outcome?.message} hint="Was hat die Maßnahme bewirkt, für wen? Woran sehen Sie das?">
        {(props) => <textarea {...props} rows={6} {...form.register('outcome')} />}
      </Field>
      <RadioChoice legend="Empfehlung" error={errors.recommendation?.message} options={RECOMMENDATION_LABELS} registration={form.register('recommendation')} />
      <Field label="Erkenntnisse" optional error={errors.lessons?.message} hint="Was sollte beim Fortführen oder bei ähnlichen Maßnahmen anders laufen?">
        {(props) => <textarea {...props} rows={4} {...form.register('lessons', { setValueAs: emptyToUndefined })} />}
      </Field>
    </TaskFormShell>
  );
}
