import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ErrorAlert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { formatDate, todayIso } from '../../lib/format';
import { ActionForm, measureProblemMessage } from './ActionForm';
import { germanResolver, milestoneSchema, type MilestoneValues } from './measure-forms';
import { type Measure, useMeasureActions } from './measure-queries';

function AddMilestone({ measureId }: { measureId: string }) {
  const actions = useMeasureActions(measureId);
  const form = useForm<MilestoneValues>({ resolver: germanResolver(milestoneSchema), defaultValues: { title: '', dueOn: '' } });
  const { register, formState: { errors } } = form;
  return (
    <ActionForm
      form={form}
      label="Meilenstein hinzufügen"
      send={(values) => actions.addMilestone.mutateAsync(values)}
      onDone={() => form.reset()}
      submitLabel="Meilenstein hinzufügen"
      pendingLabel="Wird hinzugefügt …"
      errorTitle="Der Meilenstein wurde nicht hinzugefügt"
    >
      <div className="form-row">
        <Field label="Neuer Meilenstein" error={errors.title?.message}>
          {(props) => <input {...props} type="text" {...register('title')} />}
        </Field>
        <Field label="Termin" error={errors.dueOn?.message}>
          {(props) => <input {...props} type="date" {...register('dueOn')} />}
        </Field>
      </div>
    </ActionForm>
  );
}

/** The milestones with their due dates; those who manage them mark them done (or open again) and add new ones. */
export function Milestones({ measure }: { measure: Measure }) {
  const actions = useMeasureActions(measure.id);
  const [changing, setChanging] = useState<string>();
  const manage = measure.permissions.manageMilestones;
  const toggle = async (milestoneId: string, done: boolean) => {
    setChanging(milestoneId);
    try {
      await actions.setMilestoneDone.mutateAsync({ milestoneId, doneOn: done ? todayIso() : null });
    } catch {
      // shown below from the mutation's error
    } finally {
      setChanging(undefined);
    }
  };

  return (
    <section aria-labelledby="meilensteine" className="kern-stack-md">
      <h2 id="meilensteine" className="kern-heading-medium">
        Meilensteine
      </h2>
      {actions.setMilestoneDone.isError && <ErrorAlert error={actions.setMilestoneDone.error} title="Der Meilenstein wurde nicht geändert" message={measureProblemMessage(actions.setMilestoneDone.error)} />}
      {measure.milestones.length === 0 ? (
        <p className="kern-body">Keine Meilensteine.</p>
      ) : (
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--small" data-testid="meilensteine">
            <caption className="kern-title kern-sr-only">Meilensteine der Maßnahme</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Meilenstein</th>
                <th scope="col" className="kern-table__header">Termin</th>
                <th scope="col" className="kern-table__header">Stand</th>
                {manage && <th scope="col" className="kern-table__header"><span className="kern-sr-only">Aktion</span></th>}
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {measure.milestones.map((m) => (
                <tr key={m.id} className="kern-table__row">
                  <th scope="row" className="kern-table__header">{m.title}</th>
                  <td className="kern-table__cell">{formatDate(m.dueOn)}</td>
                  <td className="kern-table__cell">
                    {m.doneOn ? (
                      <span className="kern-badge kern-badge--success kern-badge--small">
                        <span className="kern-label">Erledigt am {formatDate(m.doneOn)}</span>
                      </span>
                    ) : m.overdue ? (
                      <span className="kern-badge kern-badge--warning kern-badge--small">
                        <span className="kern-label">Überfällig</span>
                      </span>
                    ) : (
                      'Offen'
                    )}
                  </td>
                  {manage && (
                    <td className="kern-table__cell kern-table__cell--action">
                      <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" disabled={changing !== undefined} onClick={() => void toggle(m.id, !m.doneOn)}>
                        <span className="kern-label">
                          {m.doneOn ? 'Wieder öffnen' : 'Als erledigt markieren'}
                          <span className="kern-sr-only">: {m.title}</span>
                        </span>
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {manage && <AddMilestone measureId={measure.id} />}
    </section>
  );
}
