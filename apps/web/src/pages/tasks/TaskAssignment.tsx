import { useState } from 'react';
import { useMe } from '../../api/context';
import { ErrorAlert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { candidateGroupLabel } from '../../lib/labels';
import { type Task, useCandidates, useTaskActions } from './task-queries';

/** Who has the task: take it, give it back, or hand it to a colleague of the same group. */
export function TaskAssignment({ task }: { task: Task }) {
  const me = useMe();
  const actions = useTaskActions(task.id);
  const [delegating, setDelegating] = useState(false);
  const [delegateTo, setDelegateTo] = useState('');
  const candidates = useCandidates(task.id, delegating);
  const mine = task.assignee?.id === me.data?.id;
  const open = task.status === 'open';
  const error = actions.claim.error ?? actions.unclaim.error ?? actions.delegate.error;

  return (
    <section aria-labelledby="zustaendigkeit" className="kern-stack-sm">
      <h2 id="zustaendigkeit" className="kern-heading-small">Zuständigkeit</h2>
      <p className="kern-body">
        {task.assignee ? (
          <>
            Bearbeitet von <strong data-testid="bearbeiter">{mine ? 'Ihnen' : task.assignee.name}</strong>
          </>
        ) : (
          <>Noch nicht übernommen. Zuständig: {task.candidateGroups.map(candidateGroupLabel).join(', ')}</>
        )}
      </p>
      {error && <ErrorAlert error={error} />}
      {open && (
        <div className="kern-btn-wrapper">
          {!task.assignee && (
            <button type="button" className="kern-btn kern-btn--secondary kern-btn--x-small" disabled={actions.claim.isPending} onClick={() => actions.claim.mutate()}>
              <span className="kern-label">Übernehmen</span>
            </button>
          )}
          {mine && (
            <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" disabled={actions.unclaim.isPending} onClick={() => actions.unclaim.mutate()}>
              <span className="kern-label">Zurückgeben</span>
            </button>
          )}
          {(!task.assignee || mine) && (
            <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" aria-expanded={delegating} onClick={() => setDelegating(!delegating)}>
              <span className="kern-label">Weitergeben …</span>
            </button>
          )}
        </div>
      )}
      {delegating && open && (
        <form
          className="kern-stack-sm"
          onSubmit={(e) => {
            e.preventDefault();
            if (delegateTo) actions.delegate.mutate(delegateTo, { onSuccess: () => setDelegating(false) });
          }}
        >
          <Field label="Weitergeben an" kind="select" hint="Kolleginnen und Kollegen der zuständigen Gruppe">
            {(props) => (
              <select {...props} value={delegateTo} onChange={(e) => setDelegateTo(e.target.value)}>
                <option value="">{candidates.isPending ? 'Wird geladen …' : 'Bitte wählen'}</option>
                {candidates.data?.items
                  .filter((c) => c.id !== me.data?.id)
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          {candidates.isError && <ErrorAlert error={candidates.error} title="Die Gruppe konnte nicht geladen werden" />}
          <button type="submit" className="kern-btn kern-btn--secondary kern-btn--x-small" disabled={!delegateTo || actions.delegate.isPending}>
            <span className="kern-label">Weitergeben</span>
          </button>
        </form>
      )}
    </section>
  );
}
