import { TRAFFIC_LIGHT_LABELS } from '@sozialraum/contracts/browser';
import { Field } from '../../../components/Field';
import { formatEuro } from '../../../lib/format';
import { CheckboxField, ListError, RadioChoice } from './controls';
import { contextOf } from './task-context';
import type { TaskFormProps } from './task-form-props';
import { TaskFormShell } from './TaskFormShell';
import { germanNumber, useTaskForm } from './use-task-form';

/** A department reports on each of its unfinished measures: progress, traffic light, what happened, finished or not. */
export function ReportStatusForm({ task, complete }: TaskFormProps) {
  const { measures } = contextOf(task);
  const form = useTaskForm('report-status', task.id, {
    reports: measures.map((m) => ({ measureId: m.measureId, progress: undefined, trafficLight: undefined, text: '', finished: false })),
  });
  const { errors } = form.formState;
  return (
    <TaskFormShell form={form} complete={complete} submitLabel="Bericht abschließen">
      {measures.map((measure, index) => {
        const e = errors.reports?.[index];
        return (
          <fieldset key={measure.measureId} className="kern-fieldset repeat-group" data-testid="massnahme">
            <legend className="kern-heading-small">{measure.title}</legend>
            <div className="kern-fieldset__body kern-stack-md">
              <p className="kern-body kern-body--small kern-body--muted">
                Geplantes Budget: {measure.budgetPlanned === undefined ? 'nicht angegeben' : formatEuro(measure.budgetPlanned)}
              </p>
              {e?.measureId?.message && <p className="kern-error">{e.measureId.message}</p>}
              <Field label="Fortschritt in Prozent" error={e?.progress?.message} hint="Eine ganze Zahl von 0 bis 100">
                {(props) => <input {...props} type="text" inputMode="numeric" {...form.register(`reports.${index}.progress`, { setValueAs: germanNumber })} />}
              </Field>
              <RadioChoice legend="Ampel" hint="Wie steht die Maßnahme?" error={e?.trafficLight?.message} options={TRAFFIC_LIGHT_LABELS} registration={form.register(`reports.${index}.trafficLight`)} />
              <Field label="Stand der Umsetzung" error={e?.text?.message} hint="Was ist passiert, was steht an, wo hakt es?">
                {(props) => <textarea {...props} rows={4} {...form.register(`reports.${index}.text`)} />}
              </Field>
              <CheckboxField label="Die Maßnahme ist abgeschlossen" error={e?.finished?.message} registration={form.register(`reports.${index}.finished`)} />
            </div>
          </fieldset>
        );
      })}
      <ListError error={errors.reports} />
    </TaskFormShell>
  );
}
