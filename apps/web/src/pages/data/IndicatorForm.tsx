import { TARGET_GROUP_LABELS } from '@sozialraum/contracts/browser';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm, type Path } from 'react-hook-form';
import { unwrap } from '../../api/client';
import { useApi } from '../../api/context';
import { ApiError, fieldErrors } from '../../api/problem';
import { ErrorAlert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { toGerman } from '../tasks/forms/german-errors';
import { CheckboxChoice, RadioChoice } from '../tasks/forms/controls';
import { INDICATOR_KIND_LABELS, POLARITY_LABELS } from './data-labels';
import type { Indicator } from './data-queries';
import { formOf, indicatorForm, type IndicatorFormValues, inputOf, patchOf } from './indicator-form';

/** What a refusal means, in German (the server's field errors go to their fields). */
function refusal(error: unknown, editing: boolean): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.status === 409) {
    return editing
      ? 'Der Indikator wurde inzwischen von jemand anderem geändert. Bitte schließen Sie das Formular und öffnen Sie es erneut.'
      : 'Diesen Schlüssel gibt es im Katalog schon. Bitte wählen Sie einen anderen oder ändern Sie den vorhandenen Indikator.';
  }
  return undefined;
}

/**
 * A catalogue entry, new or to change: key (only when new), name, definition, unit, source, topic, kind,
 * direction, target groups and the plausible range. The server's refusals stand at the fields they concern.
 */
export function IndicatorForm({ indicator, onDone }: { indicator?: Indicator; onDone: (saved: Indicator) => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const editing = indicator !== undefined;
  const form = useForm<IndicatorFormValues>({ resolver: zodResolver(indicatorForm), defaultValues: formOf(indicator), mode: 'onTouched' });
  const { errors } = form.formState;
  const save = useMutation({
    mutationFn: (values: IndicatorFormValues) =>
      editing
        ? unwrap(api.monitoring.PATCH('/v1/indicators/{key}', { params: { path: { key: indicator.key } }, body: patchOf(values, indicator.version) }))
        : unwrap(api.monitoring.POST('/v1/indicators', { body: inputOf(values) })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['indicators'] }),
  });
  const prefix = editing ? 'indikator-aendern' : 'indikator-neu';

  const submit = form.handleSubmit(async (values) => {
    try {
      onDone(await save.mutateAsync(values));
    } catch (error) {
      for (const { path, detail } of fieldErrors(error)) form.setError(path as Path<IndicatorFormValues>, { type: 'server', message: toGerman(detail) });
      if (!editing && error instanceof ApiError && error.status === 409) form.setError('key', { type: 'server', message: 'Diesen Schlüssel gibt es schon.' });
    }
  });

  return (
    <form className="kern-stack-md indicator-form" aria-labelledby={`${prefix}-titel`} onSubmit={(e) => void submit(e)} noValidate>
      <h2 id={`${prefix}-titel`} className="kern-heading-medium" tabIndex={-1}>
        {editing ? `Indikator „${indicator.name}“ ändern` : 'Neuen Indikator anlegen'}
      </h2>
      <div className="form-row">
        {!editing && (
          <Field label="Schlüssel" error={errors.key?.message} hint="Eindeutig und dauerhaft, zum Beispiel alq_u25. Er steht in Importdateien und Indexmethoden.">
            {(props) => <input {...props} {...form.register('key')} autoComplete="off" maxLength={80} />}
          </Field>
        )}
        <Field label="Name" error={errors.name?.message}>
          {(props) => <input {...props} {...form.register('name')} maxLength={200} />}
        </Field>
      </div>
      <Field label="Definition" optional error={errors.definition?.message}>
        {(props) => <textarea {...props} rows={3} {...form.register('definition')} />}
      </Field>
      <div className="form-row">
        <Field label="Einheit" optional error={errors.unit?.message} hint="Zum Beispiel %, Personen, je 1.000 Einwohner">
          {(props) => <input {...props} {...form.register('unit')} maxLength={50} />}
        </Field>
        <Field label="Thema" optional error={errors.topic?.message}>
          {(props) => <input {...props} {...form.register('topic')} maxLength={100} />}
        </Field>
      </div>
      <Field label="Quelle" optional error={errors.source?.message}>
        {(props) => <input {...props} {...form.register('source')} maxLength={500} />}
      </Field>
      <RadioChoice legend="Art" options={INDICATOR_KIND_LABELS} error={errors.kind?.message} registration={form.register('kind')} />
      <RadioChoice legend="Richtung" hint="Für Indexmethoden und Warnungen: Ist ein höherer Wert ungünstig oder günstig?" options={POLARITY_LABELS} error={errors.polarity?.message} registration={form.register('polarity')} />
      <CheckboxChoice control={form.control} name="targetGroups" legend="Zielgruppen" hint="Optional" error={errors.targetGroups?.message} options={TARGET_GROUP_LABELS} />
      <div className="form-row">
        <Field label="Kleinster plausibler Wert" optional error={errors.minValue?.message} hint="Werte außerhalb des Bereichs werden beim Import abgelehnt.">
          {(props) => <input {...props} {...form.register('minValue')} inputMode="decimal" />}
        </Field>
        <Field label="Größter plausibler Wert" optional error={errors.maxValue?.message}>
          {(props) => <input {...props} {...form.register('maxValue')} inputMode="decimal" />}
        </Field>
      </div>
      {save.isError && <ErrorAlert error={save.error} title={editing ? 'Die Änderung wurde nicht gespeichert' : 'Der Indikator wurde nicht angelegt'} message={refusal(save.error, editing)} />}
      <div>
        <button type="submit" className="kern-btn kern-btn--primary" disabled={save.isPending}>
          <span className="kern-label">{save.isPending ? 'Wird gespeichert …' : editing ? 'Änderung speichern' : 'Indikator anlegen'}</span>
        </button>
      </div>
    </form>
  );
}
