import type { Need } from '@sozialraum/contracts/browser';
import { useFieldArray } from 'react-hook-form';
import { Field, Fieldset } from '../../../components/Field';
import { formatEuro } from '../../../lib/format';
import type { TaskFormProps } from './task-form-props';
import { TaskFormShell } from './TaskFormShell';
import { emptyToUndefined, germanNumber, useTaskForm } from './use-task-form';

const emptyMeasure = { title: '', description: '', needKey: '', budgetPlanned: undefined, start: undefined, end: undefined, milestones: [] };

/** A department proposes measures for the needs it is responsible for (or declines with a reason). */
export function ProposeMeasuresForm({ task, complete }: TaskFormProps) {
  const needs = (task.context.needs as Need[] | undefined) ?? [];
  const form = useTaskForm(
    'propose-measures',
    task.id,
    { decision: 'propose', measures: [{ ...emptyMeasure, needKey: needs.length === 1 ? needs[0]!.key : '' }] },
    // Declining sends no measures; the drafted ones stay in the form in case the department changes its mind.
    (values) => (values.decision === 'decline' ? { ...values, measures: [] } : values),
  );
  const { register, watch, formState: { errors } } = form;
  const measures = useFieldArray({ control: form.control, name: 'measures' });
  const decision = watch('decision');
  const total = (watch('measures') ?? []).reduce((sum, m) => sum + (germanNumber(m?.budgetPlanned) || 0), 0);

  return (
    <TaskFormShell form={form} complete={complete}>
      <Fieldset legend="Was schlägt Ihr Fachbereich vor?" error={errors.decision?.message}>
        <div className="kern-form-check">
          <input className="kern-form-check__radio" type="radio" id="decision-propose" value="propose" {...register('decision')} />
          <label className="kern-label" htmlFor="decision-propose">Maßnahmen vorschlagen</label>
        </div>
        <div className="kern-form-check">
          <input className="kern-form-check__radio" type="radio" id="decision-decline" value="decline" {...register('decision')} />
          <label className="kern-label" htmlFor="decision-decline">Keine Maßnahme vorschlagen</label>
        </div>
      </Fieldset>

      {decision === 'decline' && (
        <Field label="Begründung" error={errors.reason?.message ?? errors.measures?.root?.message ?? errors.measures?.message} hint="Warum schlägt Ihr Fachbereich keine Maßnahme vor?">
          {(props) => <textarea {...props} rows={4} {...register('reason', { setValueAs: emptyToUndefined })} />}
        </Field>
      )}

      {decision === 'propose' && (
        <>
          {measures.fields.map((field, index) => {
            const e = errors.measures?.[index];
            return (
              <fieldset key={field.id} className="kern-fieldset repeat-group">
                <legend className="kern-heading-small">Maßnahme {index + 1}</legend>
                <div className="kern-fieldset__body kern-stack-md">
                  <Field label="Titel" error={e?.title?.message}>
                    {(props) => <input {...props} type="text" {...register(`measures.${index}.title`)} />}
                  </Field>
                  <Field label="Beschreibung" error={e?.description?.message} hint="Was wird getan, mit wem, für wen?">
                    {(props) => <textarea {...props} rows={4} {...register(`measures.${index}.description`)} />}
                  </Field>
                  <Field label="Handlungsbedarf" kind="select" error={e?.needKey?.message}>
                    {(props) => (
                      <select {...props} {...register(`measures.${index}.needKey`)}>
                        <option value="">Bitte wählen</option>
                        {needs.map((n) => (
                          <option key={n.key} value={n.key}>
                            {n.title}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <div className="form-row">
                    <Field label="Geplantes Budget in Euro" optional error={e?.budgetPlanned?.message} hint="z. B. 20.000">
                      {(props) => <input {...props} type="text" inputMode="decimal" {...register(`measures.${index}.budgetPlanned`, { setValueAs: germanNumber })} />}
                    </Field>
                    <Field label="Beginn" optional error={e?.start?.message}>
                      {(props) => <input {...props} type="date" {...register(`measures.${index}.start`, { setValueAs: emptyToUndefined })} />}
                    </Field>
                    <Field label="Ende" optional error={e?.end?.message}>
                      {(props) => <input {...props} type="date" {...register(`measures.${index}.end`, { setValueAs: emptyToUndefined })} />}
                    </Field>
                  </div>
                  <Milestones index={index} form={form} />
                  {measures.fields.length > 1 && (
                    <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => measures.remove(index)}>
                      <span className="kern-icon kern-icon--delete" aria-hidden="true" />
                      <span className="kern-label">Maßnahme {index + 1} entfernen</span>
                    </button>
                  )}
                </div>
              </fieldset>
            );
          })}
          {errors.measures?.root?.message && <p className="kern-error">{errors.measures.root.message}</p>}
          <div className="form-row form-row--between">
            <button type="button" className="kern-btn kern-btn--secondary" onClick={() => measures.append({ ...emptyMeasure })}>
              <span className="kern-icon kern-icon--add" aria-hidden="true" />
              <span className="kern-label">Weitere Maßnahme</span>
            </button>
            <p className="kern-body" aria-live="polite">
              Geplantes Budget insgesamt: <strong>{formatEuro(total)}</strong>
            </p>
          </div>
        </>
      )}
    </TaskFormShell>
  );
}

function Milestones({ index, form }: { index: number; form: ReturnType<typeof useTaskForm<'propose-measures'>> }) {
  const milestones = useFieldArray({ control: form.control, name: `measures.${index}.milestones` as 'measures.0.milestones' });
  const errors = form.formState.errors.measures?.[index]?.milestones;
  return (
    <Fieldset legend="Meilensteine" hint="Optional: Zwischenziele mit Termin">
      {milestones.fields.map((field, m) => (
        <div key={field.id} className="form-row">
          <Field label={`Meilenstein ${m + 1}`} error={errors?.[m]?.title?.message}>
            {(props) => <input {...props} type="text" {...form.register(`measures.${index}.milestones.${m}.title` as 'measures.0.milestones.0.title')} />}
          </Field>
          <Field label="Termin" error={errors?.[m]?.dueOn?.message}>
            {(props) => <input {...props} type="date" {...form.register(`measures.${index}.milestones.${m}.dueOn` as 'measures.0.milestones.0.dueOn')} />}
          </Field>
          <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => milestones.remove(m)}>
            <span className="kern-label">Meilenstein {m + 1} entfernen</span>
          </button>
        </div>
      ))}
      <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => milestones.append({ title: '', dueOn: '' })}>
        <span className="kern-icon kern-icon--add" aria-hidden="true" />
        <span className="kern-label">Meilenstein hinzufügen</span>
      </button>
    </Fieldset>
  );
}
