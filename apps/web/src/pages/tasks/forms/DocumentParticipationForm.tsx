import { PARTICIPATION_FORMAT_LABELS, TARGET_GROUP_LABELS } from '@sozialraum/contracts/browser';
import { useFieldArray } from 'react-hook-form';
import { Field } from '../../../components/Field';
import { CheckboxChoice, CheckboxField, LinesField, ListError, messageOf, RepeatButton } from './controls';
import { contextOf } from './task-context';
import type { TaskFormProps } from './task-form-props';
import { TaskFormShell } from './TaskFormShell';
import { emptyToUndefined, germanNumber, useTaskForm } from './use-task-form';

const emptyRecord = { format: undefined, date: '', actors: [], targetGroups: [], participants: undefined, results: '' };

/**
 * The space's coordination documents participation formats (no personal data: organisations, groups and
 * counts only). Without "close", the participation stays open for further formats.
 */
export function DocumentParticipationForm({ task, complete }: TaskFormProps) {
  const form = useTaskForm('document-participation', task.id, { records: [{ ...emptyRecord }], close: false });
  const { register, control, formState: { errors } } = form;
  const records = useFieldArray({ control, name: 'records' });
  const soFar = contextOf(task).recordsSoFar;

  return (
    <TaskFormShell form={form} complete={complete}>
      {records.fields.map((field, index) => {
        const e = errors.records?.[index];
        return (
          <fieldset key={field.id} className="kern-fieldset repeat-group">
            <legend className="kern-heading-small">Beteiligungsformat {index + 1}</legend>
            <div className="kern-fieldset__body kern-stack-md">
              <div className="form-row">
                <Field label="Format" kind="select" error={e?.format?.message}>
                  {(props) => (
                    <select {...props} {...register(`records.${index}.format`, { setValueAs: emptyToUndefined })}>
                      <option value="">Bitte wählen</option>
                      {Object.entries(PARTICIPATION_FORMAT_LABELS).map(([value, label]) => (
                        <option key={value} value={value}>
                          {label}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label="Datum" error={e?.date?.message}>
                  {(props) => <input {...props} type="date" {...register(`records.${index}.date`)} />}
                </Field>
                <Field label="Zahl der Teilnehmenden" error={e?.participants?.message} hint="Nur die Anzahl, keine Namen">
                  {(props) => <input {...props} type="text" inputMode="numeric" {...register(`records.${index}.participants`, { setValueAs: germanNumber })} />}
                </Field>
              </div>
              <LinesField
                control={control}
                name={`records.${index}.actors`}
                label="Beteiligte Akteure"
                hint="Organisationen und Gruppen, eine je Zeile (z. B. Stadtteilverein, Kita, Jobcenter) – keine Namen von Bürgerinnen und Bürgern"
                error={messageOf(e?.actors)}
              />
              <CheckboxChoice
                control={control}
                name={`records.${index}.targetGroups`}
                legend="Erreichte Zielgruppen"
                hint="Alle zutreffenden wählen"
                error={messageOf(e?.targetGroups)}
                options={TARGET_GROUP_LABELS}
              />
              <Field label="Ergebnisse" error={e?.results?.message} hint="Was wurde gesagt, gewünscht, vereinbart?">
                {(props) => <textarea {...props} rows={5} {...register(`records.${index}.results`)} />}
              </Field>
              <RepeatButton kind="remove" onClick={() => records.remove(index)}>
                Beteiligungsformat {index + 1} entfernen
              </RepeatButton>
            </div>
          </fieldset>
        );
      })}
      <ListError error={errors.records} />
      <div>
        <RepeatButton kind="add" onClick={() => records.append({ ...emptyRecord } as never)}>
          Weiteres Beteiligungsformat
        </RepeatButton>
      </div>
      <CheckboxField
        label="Die Beteiligung ist abgeschlossen"
        hint={`Danach folgen Ziele und Handlungsbedarfe. Bisher in diesem Zyklus dokumentiert: ${soFar === 0 ? 'noch kein Format' : soFar === 1 ? 'ein Format' : `${soFar} Formate`}.`}
        error={errors.close?.message}
        registration={register('close')}
      />
    </TaskFormShell>
  );
}
