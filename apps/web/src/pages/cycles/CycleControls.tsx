import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../../api/problem';
import { Alert, ErrorAlert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { type CycleCommand, useCycleCommand } from './cycle-queries';

/** What changed, said where the controls stay; a cancelled cycle has none, the page says it was cancelled and why. */
const DONE: Record<Exclude<CycleCommand, 'cancel'>, string> = {
  suspend: 'Der Zyklus ist ausgesetzt. Seine Aufgaben warten, bis er fortgesetzt wird; Fristen laufen nicht weiter auf eine Eskalation zu.',
  resume: 'Der Zyklus läuft weiter.',
};

/** Planners suspend a running cycle, resume a suspended one, and cancel either; suspending and cancelling need a reason. */
export function CycleControls({ cycleId, status }: { cycleId: string; status: string }) {
  const command = useCycleCommand(cycleId);
  const [open, setOpen] = useState<Exclude<CycleCommand, 'resume'> | undefined>();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState<keyof typeof DONE | undefined>();
  const formId = useId();

  const run = async (which: CycleCommand, why?: string) => {
    setDone(undefined);
    try {
      await command.mutateAsync({ command: which, reason: why });
      if (which !== 'cancel') setDone(which);
      setOpen(undefined);
      setReason('');
    } catch {
      // shown below; the reason stays typed
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    void run(open!, reason.trim());
  };
  const toggle = (which: Exclude<CycleCommand, 'resume'>) => {
    setOpen(open === which ? undefined : which);
    setMissing(false);
    command.reset();
  };

  return (
    <section aria-labelledby="steuerung" className="kern-stack-sm">
      <h2 id="steuerung" className="kern-heading-medium">
        Steuerung
      </h2>
      {done && <Alert tone="success" title={DONE[done]} />}
      <div className="form-row">
        {status === 'running' && (
          <button type="button" className="kern-btn kern-btn--secondary" aria-expanded={open === 'suspend'} aria-controls={formId} onClick={() => toggle('suspend')}>
            <span className="kern-label">Zyklus aussetzen …</span>
          </button>
        )}
        {status === 'suspended' && (
          <button type="button" className="kern-btn kern-btn--primary" disabled={command.isPending} onClick={() => void run('resume')}>
            <span className="kern-label">Zyklus fortsetzen</span>
          </button>
        )}
        <button type="button" className="kern-btn kern-btn--secondary" aria-expanded={open === 'cancel'} aria-controls={formId} onClick={() => toggle('cancel')}>
          <span className="kern-label">Zyklus abbrechen …</span>
        </button>
      </div>
      {open && (
        <form id={formId} className="kern-stack-sm status-change__form" onSubmit={submit} noValidate>
          <Field
            label={open === 'suspend' ? 'Grund für das Aussetzen' : 'Grund für den Abbruch'}
            hint={open === 'cancel' ? 'Ein abgebrochener Zyklus lässt sich nicht fortsetzen; seine offenen Aufgaben entfallen.' : 'Zum Beispiel: Klausurtagung, Haushaltssperre'}
            error={missing && !reason.trim() ? 'Bitte geben Sie einen Grund an.' : undefined}
          >
            {(props) => <textarea {...props} rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <div className="form-row">
            <button type="submit" className="kern-btn kern-btn--primary" disabled={command.isPending}>
              <span className="kern-label">{open === 'suspend' ? 'Aussetzen' : 'Endgültig abbrechen'}</span>
            </button>
            <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => setOpen(undefined)}>
              <span className="kern-label">Nicht ändern</span>
            </button>
          </div>
        </form>
      )}
      {command.isError && (
        <ErrorAlert
          error={command.error}
          title="Der Zyklus wurde nicht geändert"
          message={command.error instanceof ApiError && command.error.status === 409 ? 'Der Zyklus wurde inzwischen geändert (zum Beispiel von einer Kollegin). Die Seite zeigt jetzt seinen aktuellen Stand.' : undefined}
        />
      )}
    </section>
  );
}
