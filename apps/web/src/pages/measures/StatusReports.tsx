import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ErrorAlert, Loading } from '../../components/Alert';
import { Field, Fieldset } from '../../components/Field';
import { formatDate, todayIso } from '../../lib/format';
import { emptyToUndefined, germanNumber } from '../tasks/forms/use-task-form';
import { ActionForm } from './ActionForm';
import { formatPercent, TrafficLightBadge, trafficLightText } from './badges';
import { germanResolver, reportSchema, type ReportValues } from './measure-forms';
import { type Measure, useMeasureActions, useReports } from './measure-queries';
import { TRAFFIC_LIGHTS } from './overview-search';

const newKey = () => crypto.randomUUID();

/** Filing a report: the day, how far the measure is, its traffic light and what happened. */
export function ReportForm({ measure }: { measure: Measure }) {
  const actions = useMeasureActions(measure.id);
  const defaults = { date: todayIso(), progress: measure.progress, trafficLight: undefined, text: '' };
  const form = useForm<ReportValues>({ resolver: germanResolver(reportSchema), defaultValues: defaults });
  const { register, formState: { errors } } = form;
  // One key per report: a repeated send (double click, lost answer) files it once.
  const [key, setKey] = useState(newKey);
  const [filed, setFiled] = useState<string>();

  return (
    <section aria-labelledby="bericht-erstatten" className="kern-stack-md">
      <h3 id="bericht-erstatten" className="kern-heading-small">
        Statusbericht erstatten
      </h3>
      <p className="kern-body--small" aria-live="polite" data-testid="bericht-erstattet">
        {filed}
      </p>
      <ActionForm
        form={form}
        label="Statusbericht erstatten"
        send={async (values) => {
          setFiled(undefined);
          await actions.fileReport.mutateAsync({ input: values, key });
        }}
        onDone={() => {
          setKey(newKey());
          form.reset({ ...defaults, progress: form.getValues('progress') });
          setFiled('Der Statusbericht ist erstattet und steht oben in der Liste.');
        }}
        submitLabel="Statusbericht erstatten"
        pendingLabel="Wird erstattet …"
        errorTitle="Der Statusbericht wurde nicht erstattet"
      >
        <div className="form-row">
          <Field label="Stichtag" error={errors.date?.message} hint="Der Tag, auf den sich der Bericht bezieht">
            {(props) => <input {...props} type="date" max={todayIso()} {...register('date', { setValueAs: emptyToUndefined })} />}
          </Field>
          <Field label="Fortschritt in Prozent" error={errors.progress?.message} hint="0 bis 100">
            {(props) => <input {...props} type="text" inputMode="numeric" {...register('progress', { setValueAs: germanNumber })} />}
          </Field>
        </div>
        <Fieldset legend="Ampel" error={errors.trafficLight?.message} hint="Wie steht die Maßnahme insgesamt?">
          {TRAFFIC_LIGHTS.map((light) => (
            <div className="kern-form-check" key={light}>
              <input className="kern-form-check__radio" type="radio" id={`ampel-${light}`} value={light} {...register('trafficLight')} />
              <label className="kern-label" htmlFor={`ampel-${light}`}>
                {trafficLightText(light)}
              </label>
            </div>
          ))}
        </Fieldset>
        <Field label="Bericht" kind="textarea" error={errors.text?.message} hint="Was ist seit dem letzten Bericht geschehen, was hindert, was folgt? Bitte ohne Namen von Bürgerinnen und Bürgern.">
          {(props) => <textarea {...props} rows={5} {...register('text')} />}
        </Field>
      </ActionForm>
    </section>
  );
}

/** The status reports, newest first, and the form to file one for those who may. */
export function StatusReports({ measure }: { measure: Measure }) {
  const reports = useReports(measure.id);
  return (
    <section aria-labelledby="statusberichte" className="kern-stack-md">
      <h2 id="statusberichte" className="kern-heading-medium">
        Statusberichte
      </h2>
      {reports.isPending && <Loading what="Statusberichte" />}
      {reports.isError && <ErrorAlert error={reports.error} title="Die Statusberichte konnten nicht geladen werden" />}
      {reports.data && reports.data.items.length === 0 && <p className="kern-body">Noch kein Statusbericht.</p>}
      {reports.data && reports.data.items.length > 0 && (
        <ol className="report-list" aria-label="Statusberichte, neueste zuerst">
          {reports.data.items.map((r) => (
            <li key={r.id} className="report-list__item" data-testid="statusbericht">
              <p className="report-list__meta">
                <time dateTime={r.date} className="kern-body--bold">
                  {formatDate(r.date)}
                </time>
                <TrafficLightBadge light={r.trafficLight} />
                <span className="kern-body--small">Fortschritt {formatPercent(r.progress)}</span>
                <span className="kern-body--small kern-body--muted">von {r.createdBy}</span>
              </p>
              <p className="kern-body preserve-lines">{r.text}</p>
            </li>
          ))}
        </ol>
      )}
      {measure.permissions.fileReport && <ReportForm measure={measure} />}
    </section>
  );
}
