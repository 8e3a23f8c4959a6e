import { useForm } from 'react-hook-form';
import { Field, Fieldset } from '../../components/Field';
import { formatDateTime, formatNumber } from '../../lib/format';
import { RECOMMENDATION_LABELS, recommendationLabel } from '../../lib/labels';
import { useSpaceName } from '../../lib/spaces';
import { emptyToUndefined } from '../tasks/forms/use-task-form';
import { ActionForm } from './ActionForm';
import { evaluationSchema, type EvaluationValues, germanResolver } from './measure-forms';
import { type Evaluation, type Measure, useMeasureActions } from './measure-queries';

const VERDICTS: Record<string, string> = { 'as-expected': 'wie erwartet', against: 'entgegen der Erwartung', mixed: 'uneinheitlich', unknown: 'nicht feststellbar' };
const DIRECTIONS: Record<string, string> = { up: 'soll steigen', down: 'soll sinken' };

function EvaluationView({ evaluation }: { evaluation: Evaluation }) {
  const spaceName = useSpaceName();
  return (
    <div className="kern-stack-md" data-testid="bewertung">
      <dl className="kern-description-list">
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">Empfehlung</dt>
          <dd className="kern-description-list-item__value">{recommendationLabel(evaluation.recommendation)}</dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">Ergebnis</dt>
          <dd className="kern-description-list-item__value preserve-lines">{evaluation.outcome}</dd>
        </div>
        {evaluation.lessons && (
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">Erkenntnisse</dt>
            <dd className="kern-description-list-item__value preserve-lines">{evaluation.lessons}</dd>
          </div>
        )}
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">Verglichener Zeitraum</dt>
          <dd className="kern-description-list-item__value">
            {evaluation.from} bis {evaluation.to}
          </dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">Bewertet</dt>
          <dd className="kern-description-list-item__value">
            {formatDateTime(evaluation.createdAt)} von {evaluation.createdBy}
          </dd>
        </div>
      </dl>
      {evaluation.observed.length > 0 ? (
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--small">
            <caption className="kern-title">Beobachtete Veränderung der Indikatoren ({evaluation.from} bis {evaluation.to})</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Indikator</th>
                <th scope="col" className="kern-table__header">Sozialraum</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">Vorher</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">Nachher</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">Veränderung</th>
                <th scope="col" className="kern-table__header">Wie erwartet?</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {evaluation.observed.flatMap((o) =>
                o.spaces.map((s) => (
                  <tr className="kern-table__row" key={`${o.key}-${s.spaceCode}`}>
                    <th scope="row" className="kern-table__header">
                      {o.key} <span className="kern-body--small kern-body--muted">({DIRECTIONS[o.direction]}; insgesamt {VERDICTS[o.verdict] ?? o.verdict})</span>
                    </th>
                    <td className="kern-table__cell">{s.spaceName ?? spaceName(s.spaceCode)}</td>
                    <td className="kern-table__cell kern-table__cell--numeric">{formatNumber(s.from)}</td>
                    <td className="kern-table__cell kern-table__cell--numeric">{formatNumber(s.to)}</td>
                    <td className="kern-table__cell kern-table__cell--numeric">{formatNumber(s.change)}</td>
                    <td className="kern-table__cell">{s.asExpected === null ? 'nicht feststellbar' : s.asExpected ? 'ja' : 'nein'}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="kern-body--small kern-body--muted">Für diese Maßnahme sind keine Indikatoren hinterlegt; eine beobachtete Veränderung gibt es daher nicht.</p>
      )}
    </div>
  );
}

function EvaluationForm({ measure }: { measure: Measure }) {
  const actions = useMeasureActions(measure.id);
  const form = useForm<EvaluationValues>({ resolver: germanResolver(evaluationSchema), defaultValues: { outcome: '', lessons: '', from: '', to: '' } });
  const { register, formState: { errors } } = form;
  return (
    <section aria-labelledby="bewerten" className="kern-stack-md">
      <h3 id="bewerten" className="kern-heading-small">
        Maßnahme bewerten
      </h3>
      <p className="kern-body--small">
        Eine Maßnahme wird einmal bewertet. Die Veränderung ihrer Indikatoren zwischen den beiden Zeiträumen liest das Monitoring ab und speichert sie mit der Bewertung.
      </p>
      <ActionForm
        form={form}
        label="Maßnahme bewerten"
        send={(values) => actions.evaluate.mutateAsync({ ...values, lessons: values.lessons || undefined })}
        submitLabel="Bewertung speichern"
        pendingLabel="Wird gespeichert …"
        errorTitle="Die Bewertung wurde nicht gespeichert"
      >
        <Field label="Ergebnis" error={errors.outcome?.message} hint="Was hat die Maßnahme erreicht, für wen?">
          {(props) => <textarea {...props} rows={4} {...register('outcome')} />}
        </Field>
        <Fieldset legend="Empfehlung" error={errors.recommendation?.message}>
          {Object.entries(RECOMMENDATION_LABELS).map(([value, label]) => (
            <div className="kern-form-check" key={value}>
              <input className="kern-form-check__radio" type="radio" id={`empfehlung-${value}`} value={value} {...register('recommendation')} />
              <label className="kern-label" htmlFor={`empfehlung-${value}`}>
                {label}
              </label>
            </div>
          ))}
        </Fieldset>
        <Field label="Erkenntnisse" optional error={errors.lessons?.message} hint="Was sollte eine ähnliche Maßnahme anders machen?">
          {(props) => <textarea {...props} rows={3} {...register('lessons', { setValueAs: emptyToUndefined })} />}
        </Field>
        <div className="form-row">
          <Field label="Zeitraum vor der Maßnahme" error={errors.from?.message} hint="Jahr (2020) oder Stichtag (2020-12-31)">
            {(props) => <input {...props} type="text" {...register('from')} />}
          </Field>
          <Field label="Zeitraum nach der Maßnahme" error={errors.to?.message} hint="Jahr (2022) oder Stichtag (2022-12-31)">
            {(props) => <input {...props} type="text" {...register('to')} />}
          </Field>
        </div>
      </ActionForm>
    </section>
  );
}

/** The evaluation once there is one; until then, the form for those who may evaluate. */
export function EvaluationSection({ measure }: { measure: Measure }) {
  return (
    <section aria-labelledby="bewertung" className="kern-stack-md">
      <h2 id="bewertung" className="kern-heading-medium">
        Bewertung
      </h2>
      {measure.evaluation && <EvaluationView evaluation={measure.evaluation} />}
      {!measure.evaluation && <p className="kern-body">Noch keine Bewertung.</p>}
      {!measure.evaluation && measure.permissions.evaluate && <EvaluationForm measure={measure} />}
    </section>
  );
}
