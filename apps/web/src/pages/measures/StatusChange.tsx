import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Field } from '../../components/Field';
import { measureStatusLabel } from '../../lib/labels';
import { germanNumber } from '../tasks/forms/use-task-form';
import { ActionForm } from './ActionForm';
import { germanResolver, REASON_REQUIRED, transitionSchema, type TransitionValues } from './measure-forms';
import { type Measure, useMeasureActions } from './measure-queries';

/** What a person does to move a measure into a status. */
export function transitionAction(from: string, to: string): string {
  if (to === 'in-progress') return from === 'paused' ? 'Fortsetzen' : 'Umsetzung beginnen';
  return (
    {
      approved: 'Beschließen',
      rejected: 'Ablehnen',
      returned: 'Zurückgeben',
      proposed: 'Erneut vorschlagen',
      completed: 'Abschließen',
      paused: 'Pausieren',
      cancelled: 'Maßnahme abbrechen',
    }[to] ?? measureStatusLabel(to)
  );
}

function TransitionForm({ measure, to, onClose, onDone }: { measure: Measure; to: string; onClose: () => void; onDone: () => void }) {
  const actions = useMeasureActions(measure.id);
  const form = useForm<TransitionValues>({ resolver: germanResolver(transitionSchema), defaultValues: { to, reason: '' } });
  const { register, formState: { errors } } = form;
  const action = transitionAction(measure.status, to);
  const needsReason = REASON_REQUIRED.includes(to);
  return (
    <div className="kern-card status-change__form">
      <div className="kern-card__container kern-stack-sm">
        <p className="kern-body">
          Die Maßnahme wechselt von „{measureStatusLabel(measure.status)}“ zu „{measureStatusLabel(to)}“.
        </p>
        <ActionForm
          form={form}
          label={`Status ändern: ${action}`}
          // The version read with the page: if someone changed the measure since, the service says so (409).
          send={(values) => actions.transition.mutateAsync({ to: values.to as Measure['status'], version: measure.version, ...(values.reason ? { reason: values.reason } : {}), ...(values.approvedBudget !== undefined ? { approvedBudget: values.approvedBudget } : {}) })}
          onDone={onDone}
          submitLabel={`${action} bestätigen`}
          pendingLabel="Status wird geändert …"
          errorTitle="Der Status wurde nicht geändert"
          secondary={
            <button type="button" className="kern-btn kern-btn--secondary" onClick={onClose}>
              <span className="kern-label">Nicht ändern</span>
            </button>
          }
        >
          <Field label="Begründung" optional={!needsReason} error={errors.reason?.message} hint={needsReason ? 'Die Begründung steht bei der Maßnahme und im Änderungsverlauf.' : undefined}>
            {(props) => <textarea {...props} rows={3} {...register('reason')} />}
          </Field>
          {to === 'approved' && (
            <Field label="Beschlossenes Budget in Euro" optional error={errors.approvedBudget?.message} hint="z. B. 20.000">
              {(props) => <input {...props} type="text" inputMode="decimal" {...register('approvedBudget', { setValueAs: germanNumber })} />}
            </Field>
          )}
        </ActionForm>
      </div>
    </div>
  );
}

/** Only the changes the person may make now (the measure's `permissions.transitions`); each is confirmed first. */
export function StatusChange({ measure }: { measure: Measure }) {
  const [to, setTo] = useState<string>();
  const [changed, setChanged] = useState<string>();
  const transitions = measure.permissions.transitions;
  if (transitions.length === 0 && !changed) return null;
  const choose = (t: string) => {
    setChanged(undefined);
    setTo(to === t ? undefined : t);
  };
  return (
    <section aria-labelledby="status-aendern" className="kern-stack-sm status-change">
      <h2 id="status-aendern" className="kern-heading-small">
        Status ändern
      </h2>
      {transitions.length > 0 && (
        <div className="kern-btn-wrapper" role="group" aria-label="Mögliche Statusänderungen">
          {transitions.map((t) => (
            <button key={t} type="button" className={`kern-btn ${to === t ? 'kern-btn--primary' : 'kern-btn--secondary'} kern-btn--small`} aria-pressed={to === t} onClick={() => choose(t)}>
              <span className="kern-label">{transitionAction(measure.status, t)}</span>
            </button>
          ))}
        </div>
      )}
      <p className="kern-body" aria-live="polite" data-testid="status-geaendert">
        {changed}
      </p>
      {to && (
        <TransitionForm
          key={to}
          measure={measure}
          to={to}
          onClose={() => setTo(undefined)}
          onDone={() => {
            setChanged(`Der Status ist jetzt „${measureStatusLabel(to)}“.`);
            setTo(undefined);
          }}
        />
      )}
    </section>
  );
}
