import { zodResolver } from '@hookform/resolvers/zod';
import { useNavigate } from '@tanstack/react-router';
import { useForm } from 'react-hook-form';
import { ApiError } from '../../api/problem';
import { ErrorAlert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { byGerman } from '../../lib/format';
import { CheckboxChoice, RadioChoice } from '../tasks/forms/controls';
import { DYNAMICS_SOURCE_LABELS } from './data-labels';
import { useCreateMethod, useIndicators, type MethodVersion } from './data-queries';
import { definitionOf, formFromTemplate, methodForm, type MethodFormValues } from './method-form';

/** What a refused version means, in German. */
function refusal(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.status === 409) return 'Diese Version gibt es schon. Versionen ändern sich nie, damit Ergebnisse nachvollziehbar bleiben: Bitte wählen Sie eine neue Versionsbezeichnung.';
  if (error.status === 422) return 'Das Monitoring kann diese Version nicht verwenden (zum Beispiel ein Indikator ohne Richtung oder ohne Werte). Die Antwort des Servers steht darunter.';
  return undefined;
}

/**
 * A new version of an index method, started from an existing one: the planner names the version and changes
 * the indicators and settings; weights, polarity and cut-offs come from the version started from.
 */
export function NewMethodForm({ methods }: { methods: MethodVersion[] }) {
  const indicators = useIndicators();
  const create = useCreateMethod();
  const navigate = useNavigate();
  const latest = [...methods].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1);
  const form = useForm<MethodFormValues>({ resolver: zodResolver(methodForm), defaultValues: formFromTemplate(latest), mode: 'onTouched' });
  const { errors } = form.formState;
  const template = (value: string) => methods.find((m) => `${m.key}@${m.version}` === value);
  const options = Object.fromEntries(
    [...(indicators.data?.items ?? [])].filter((i) => i.polarity !== 'neutral').sort(byGerman((i) => i.name)).map((i) => [i.key, i.name]),
  );

  const submit = form.handleSubmit(async (values) => {
    const created = await create.mutateAsync(definitionOf(values, template(values.template))).catch(() => undefined);
    if (created) await navigate({ to: '/daten/methoden/$key/$version', params: { key: created.key, version: created.version }, search: { neu: true } });
  });

  return (
    <section aria-labelledby="neue-version" className="kern-stack-md">
      <h2 id="neue-version" className="kern-heading-medium">
        Neue Version anlegen
      </h2>
      <p className="kern-body">Eine Version ändert sich nach dem Anlegen nie mehr, damit berechnete Klassen nachvollziehbar bleiben. Jede Änderung ist eine neue Version.</p>
      <form className="kern-stack-md method-form" onSubmit={(e) => void submit(e)} noValidate>
        <Field label="Ausgehend von" kind="select" hint="Die neue Version übernimmt Gewichte, Richtung und Schwellenwerte dieser Version.">
          {(props) => (
            <select
              {...props}
              {...form.register('template', {
                onChange: (e: { target: { value: string } }) => form.reset({ ...formFromTemplate(template(e.target.value)), template: e.target.value }),
              })}
            >
              {methods.map((m) => (
                <option key={`${m.key}@${m.version}`} value={`${m.key}@${m.version}`}>
                  {m.key}, Version {m.version}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="form-row">
          <Field label="Methode (Schlüssel)" error={errors.key?.message} hint="Gleicher Schlüssel: neue Version derselben Methode">
            {(props) => <input {...props} {...form.register('key')} autoComplete="off" />}
          </Field>
          <Field label="Version" error={errors.version?.message} hint="Zum Beispiel 2024.1">
            {(props) => <input {...props} {...form.register('version')} autoComplete="off" />}
          </Field>
        </div>
        <Field label="Beschreibung" optional error={errors.description?.message}>
          {(props) => <textarea {...props} rows={3} {...form.register('description')} />}
        </Field>
        <CheckboxChoice control={form.control} name="statusIndicators" legend="Statusindikatoren" hint="Sie bilden den Statusindex." error={errors.statusIndicators?.message} options={options} />
        <CheckboxChoice control={form.control} name="dynamicsIndicators" legend="Dynamikindikatoren" hint="Sie bilden den Dynamikindex." error={errors.dynamicsIndicators?.message} options={options} />
        <RadioChoice legend="Dynamik aus" options={DYNAMICS_SOURCE_LABELS} registration={form.register('dynamicsSource')} />
        <div className="form-row">
          <Field label="Zeitraum der Dynamik in Jahren" error={errors.dynamicsPeriodYears?.message}>
            {(props) => <input {...props} inputMode="numeric" {...form.register('dynamicsPeriodYears')} />}
          </Field>
          <Field label="Mindestzahl der Einwohner" error={errors.minPopulation?.message} hint="Kleinere Räume werden nicht bewertet.">
            {(props) => <input {...props} inputMode="numeric" {...form.register('minPopulation')} />}
          </Field>
        </div>
        {create.isError && <ErrorAlert error={create.error} title="Die Version wurde nicht angelegt" message={refusal(create.error)} />}
        <div>
          <button type="submit" className="kern-btn kern-btn--primary" disabled={create.isPending}>
            <span className="kern-label">{create.isPending ? 'Wird angelegt …' : 'Version anlegen'}</span>
          </button>
        </div>
      </form>
    </section>
  );
}
