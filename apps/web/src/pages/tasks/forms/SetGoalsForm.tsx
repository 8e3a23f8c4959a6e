import { type Goal, type Need, TARGET_GROUP_LABELS } from '@sozialraum/contracts/browser';
import type { ChangeEvent } from 'react';
import { useFieldArray } from 'react-hook-form';
import { Field } from '../../../components/Field';
import { DEPARTMENT_LABELS } from '../../../lib/labels';
import type { CycleDetail } from '../task-queries';
import { CheckboxChoice, ListError, messageOf, RepeatButton, slugOf } from './controls';
import { contextOf } from './task-context';
import type { TaskFormProps } from './task-form-props';
import { TaskFormShell } from './TaskFormShell';
import { emptyToUndefined, germanNumber, useTaskForm } from './use-task-form';

type Form = ReturnType<typeof useTaskForm<'set-goals'>>;

const emptyGoal = { title: '', description: undefined, indicatorKey: undefined, targetValue: undefined, targetYear: undefined };
const emptyNeed = { key: '', title: '', description: undefined, targetGroups: [], departments: [] };

/** Only the fields of the form: the read model adds its own (status, position, nulls). */
const asGoal = (g: Goal) => ({ title: g.title, description: g.description ?? undefined, indicatorKey: g.indicatorKey ?? undefined, targetValue: g.targetValue ?? undefined, targetYear: g.targetYear ?? undefined });
const asNeed = (n: Need) => ({ key: n.key, title: n.title, description: n.description ?? undefined, targetGroups: n.targetGroups ?? [], departments: n.departments ?? [] });

/** The indicators of the cycle's frozen monitoring evidence, for goals tied to an indicator. */
function indicatorsOf(cycle: CycleDetail | undefined): Array<{ key: string; name: string; unit?: string }> {
  const evidence = cycle?.evidence as { profile?: { indicators?: Array<{ key: string; name: string; unit?: string }> } } | null | undefined;
  return evidence?.profile?.indicators ?? [];
}

/**
 * Planners derive goals and needs for action from analysis and participation, and name the departments
 * responsible for each need. After a return, the form starts from what was returned; in a follow-up cycle,
 * from the needs still open.
 */
export function SetGoalsForm({ task, cycle, complete }: TaskFormProps) {
  const { previous, carriedNeeds } = contextOf(task);
  const form = useTaskForm('set-goals', task.id, {
    goals: previous?.goals.length ? previous.goals.map(asGoal) : [{ ...emptyGoal }],
    needs: previous?.needs.length ? previous.needs.map(asNeed) : carriedNeeds.length ? carriedNeeds.map(asNeed) : [{ ...emptyNeed }],
  });
  const goals = useFieldArray({ control: form.control, name: 'goals' });
  const needs = useFieldArray({ control: form.control, name: 'needs' });
  const { errors } = form.formState;
  const indicators = indicatorsOf(cycle);

  return (
    <TaskFormShell form={form} complete={complete}>
      <section aria-labelledby="ziele" className="kern-stack-md">
        <h3 id="ziele" className="kern-heading-small">Ziele</h3>
        {goals.fields.map((field, index) => {
          const e = errors.goals?.[index];
          return (
            <fieldset key={field.id} className="kern-fieldset repeat-group">
              <legend className="kern-heading-small">Ziel {index + 1}</legend>
              <div className="kern-fieldset__body kern-stack-md">
                <Field label="Ziel" error={e?.title?.message} hint="Was soll sich im Sozialraum ändern?">
                  {(props) => <input {...props} type="text" {...form.register(`goals.${index}.title`)} />}
                </Field>
                <Field label="Beschreibung" optional error={e?.description?.message}>
                  {(props) => <textarea {...props} rows={3} {...form.register(`goals.${index}.description`, { setValueAs: emptyToUndefined })} />}
                </Field>
                <div className="form-row">
                  <Field label="Indikator" kind="select" optional error={e?.indicatorKey?.message} hint="Woran die Reflexion die Wirkung misst">
                    {(props) => (
                      <select {...props} {...form.register(`goals.${index}.indicatorKey`, { setValueAs: emptyToUndefined })}>
                        <option value="">Ohne Indikator</option>
                        {indicators.map((i) => (
                          <option key={i.key} value={i.key}>
                            {i.name}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <Field label="Zielwert" optional error={e?.targetValue?.message} hint="z. B. 8,5">
                    {(props) => <input {...props} type="text" inputMode="decimal" {...form.register(`goals.${index}.targetValue`, { setValueAs: germanNumber })} />}
                  </Field>
                  <Field label="Zieljahr" optional error={e?.targetYear?.message} hint="z. B. 2028">
                    {(props) => <input {...props} type="text" inputMode="numeric" {...form.register(`goals.${index}.targetYear`, { setValueAs: germanNumber })} />}
                  </Field>
                </div>
                {goals.fields.length > 1 && (
                  <RepeatButton kind="remove" onClick={() => goals.remove(index)}>
                    Ziel {index + 1} entfernen
                  </RepeatButton>
                )}
              </div>
            </fieldset>
          );
        })}
        <ListError error={errors.goals} />
        <div>
          <RepeatButton kind="add" onClick={() => goals.append({ ...emptyGoal })}>
            Weiteres Ziel
          </RepeatButton>
        </div>
      </section>

      <section aria-labelledby="handlungsbedarfe" className="kern-stack-md">
        <h3 id="handlungsbedarfe" className="kern-heading-small">Handlungsbedarfe</h3>
        {needs.fields.map((field, index) => (
          <NeedFields key={field.id} form={form} index={index} onRemove={needs.fields.length > 1 ? () => needs.remove(index) : undefined} />
        ))}
        <ListError error={errors.needs} />
        <div>
          <RepeatButton kind="add" onClick={() => needs.append({ ...emptyNeed })}>
            Weiterer Handlungsbedarf
          </RepeatButton>
        </div>
      </section>
    </TaskFormShell>
  );
}

function NeedFields({ form, index, onRemove }: { form: Form; index: number; onRemove?: () => void }) {
  const e = form.formState.errors.needs?.[index];
  const title = form.register(`needs.${index}.title`);
  // The key follows the title until someone edits it: it is kept while it is still the slug of the old title.
  const onTitleChange = async (event: ChangeEvent<HTMLInputElement>) => {
    const before = form.getValues(`needs.${index}.title`) ?? '';
    const key = form.getValues(`needs.${index}.key`) ?? '';
    await title.onChange(event);
    if (!key || key === slugOf(before)) form.setValue(`needs.${index}.key`, slugOf(event.target.value), { shouldValidate: form.formState.isSubmitted });
  };
  return (
    <fieldset className="kern-fieldset repeat-group">
      <legend className="kern-heading-small">Handlungsbedarf {index + 1}</legend>
      <div className="kern-fieldset__body kern-stack-md">
        <Field label="Handlungsbedarf" error={e?.title?.message} hint="z. B. Übergang Schule–Beruf stärken">
          {(props) => <input {...props} type="text" {...title} onChange={onTitleChange} />}
        </Field>
        <Field label="Kurzname" error={e?.key?.message} hint="Wird aus dem Titel gebildet; Kleinbuchstaben, Ziffern und Bindestriche. Maßnahmen beziehen sich darauf.">
          {(props) => <input {...props} type="text" spellCheck={false} {...form.register(`needs.${index}.key`)} />}
        </Field>
        <Field label="Beschreibung" optional error={e?.description?.message}>
          {(props) => <textarea {...props} rows={3} {...form.register(`needs.${index}.description`, { setValueAs: emptyToUndefined })} />}
        </Field>
        <CheckboxChoice control={form.control} name={`needs.${index}.targetGroups`} legend="Zielgruppen" hint="Optional: für wen vor allem" error={messageOf(e?.targetGroups)} options={TARGET_GROUP_LABELS} />
        <CheckboxChoice
          control={form.control}
          name={`needs.${index}.departments`}
          legend="Zuständige Fachbereiche"
          hint="Sie schlagen Maßnahmen für diesen Handlungsbedarf vor"
          error={messageOf(e?.departments)}
          options={DEPARTMENT_LABELS}
        />
        {onRemove && (
          <RepeatButton kind="remove" onClick={onRemove}>
            Handlungsbedarf {index + 1} entfernen
          </RepeatButton>
        )}
      </div>
    </fieldset>
  );
}
