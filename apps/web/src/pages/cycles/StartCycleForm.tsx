import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/problem';
import { ErrorAlert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { formatDate } from '../../lib/format';
import { useSpaces } from '../../lib/spaces';
import { useAlerts } from '../data/data-queries';
import { newIdempotencyKey, useBoardCycles, useStartCycle } from './cycle-queries';

/** What a refused start means, in German: the space has a cycle already, or the alert is gone. */
export function startRefusal(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.status === 409) return 'Für diesen Sozialraum läuft bereits ein Strategiezyklus (oder er ist pausiert). Ein neuer kann erst beginnen, wenn er abgeschlossen oder abgebrochen ist.';
  if (error.status === 422) return 'Der Sozialraum oder die Warnung ist im Monitoring nicht (mehr) vorhanden.';
  return undefined;
}

/** Planners start the next cycle of a space without a running one, optionally giving an open alert as its reason. */
export function StartCycleForm() {
  const spaces = useSpaces();
  const all = useBoardCycles({});
  const [spaceCode, setSpaceCode] = useState('');
  const [alertId, setAlertId] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const [missing, setMissing] = useState(false);
  const alerts = useAlerts({ space: spaceCode, status: 'open' }, !!spaceCode);
  const start = useStartCycle();
  const navigate = useNavigate();
  const busy = new Set((all.data?.items ?? []).filter((c) => c.status === 'running' || c.status === 'suspended').map((c) => c.spaceCode));
  const free = (spaces.data ?? []).filter((s) => !busy.has(s.code));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!spaceCode) {
      setMissing(true);
      return;
    }
    try {
      const cycle = await start.mutateAsync({ spaceCode, alertId: alertId ? Number(alertId) : undefined, key });
      await navigate({ to: '/zyklen/$cycleId', params: { cycleId: cycle.id } });
    } catch {
      setKey(newIdempotencyKey());
    }
  };

  return (
    <section aria-labelledby="zyklus-starten" className="kern-stack-sm start-cycle">
      <h2 id="zyklus-starten" className="kern-heading-medium">
        Strategiezyklus starten
      </h2>
      <form className="form-row" onSubmit={(e) => void submit(e)} noValidate>
        <Field label="Sozialraum" kind="select" hint="Nur Sozialräume ohne laufenden Zyklus" error={missing && !spaceCode ? 'Bitte wählen Sie einen Sozialraum.' : undefined}>
          {(props) => (
            <select
              {...props}
              value={spaceCode}
              onChange={(e) => {
                setSpaceCode(e.target.value);
                setAlertId('');
              }}
            >
              <option value="">Bitte wählen</option>
              {free.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Anlass" kind="select" optional hint="Eine offene Warnung des Monitorings">
          {(props) => (
            <select {...props} value={alertId} onChange={(e) => setAlertId(e.target.value)} disabled={!spaceCode}>
              <option value="">Ohne Warnung</option>
              {alerts.data?.items.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.message} ({a.period}, seit {formatDate(a.createdAt ?? null)})
                </option>
              ))}
            </select>
          )}
        </Field>
        <div>
          <button type="submit" className="kern-btn kern-btn--primary" disabled={start.isPending}>
            <span className="kern-label">{start.isPending ? 'Wird gestartet …' : 'Zyklus starten'}</span>
          </button>
        </div>
      </form>
      {start.isError && <ErrorAlert error={start.error} title="Der Zyklus wurde nicht gestartet" message={startRefusal(start.error)} />}
    </section>
  );
}
