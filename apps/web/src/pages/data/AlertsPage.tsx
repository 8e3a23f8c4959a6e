import { Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { hasRole, useMe } from '../../api/context';
import { Alert, ErrorAlert, Loading } from '../../components/Alert';
import { Field } from '../../components/Field';
import { formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { newIdempotencyKey, useStartCycle } from '../cycles/cycle-queries';
import { startRefusal } from '../cycles/StartCycleForm';
import { ALERT_STATUS_LABELS, label } from './data-labels';
import { type AlertStatus, type MonitoringAlert, useAlertActions, useAlerts } from './data-queries';

type Action = { kind: 'acknowledge' | 'hand-over'; alert: MonitoringAlert };

/** The monitoring's alerts: planners and coordinators acknowledge them, planners hand them over or start a cycle from one. */
export function AlertsPage() {
  usePageTitle('Warnungen');
  const me = useMe();
  const [status, setStatus] = useState<AlertStatus | ''>('open');
  const alerts = useAlerts(status ? { status } : {});
  const start = useStartCycle();
  const [key, setKey] = useState(newIdempotencyKey);
  const [action, setAction] = useState<Action>();
  const [done, setDone] = useState<string>();
  const navigate = useNavigate();
  const planner = hasRole(me.data, 'planner');
  const mayAcknowledge = planner || hasRole(me.data, 'coordinator');

  const startFrom = async (alert: MonitoringAlert) => {
    setDone(undefined);
    try {
      const cycle = await start.mutateAsync({ spaceCode: alert.spaceCode, alertId: alert.id, key });
      await navigate({ to: '/zyklen/$cycleId', params: { cycleId: cycle.id } });
    } catch {
      setKey(newIdempotencyKey());
    }
  };

  return (
    <section className="kern-stack-lg">
      <header className="kern-stack-xs">
        <p className="kern-preline">Daten</p>
        <h1 className="kern-heading-large">Warnungen</h1>
        <p className="kern-body">Was die Warnregeln des Monitorings in den Klassen und Indikatoren der Sozialräume gefunden haben. Aus einer Warnung kann ein Strategiezyklus werden.</p>
      </header>
      <div className="filters">
        <Field label="Status" kind="select">
          {(props) => (
            <select {...props} value={status} onChange={(e) => setStatus(e.target.value as AlertStatus | '')}>
              <option value="open">Offen</option>
              <option value="acknowledged">Zur Kenntnis genommen</option>
              <option value="handed-over">Übergeben</option>
              <option value="">Alle</option>
            </select>
          )}
        </Field>
      </div>
      {done && <Alert tone="success" title={done} />}
      {start.isError && <ErrorAlert error={start.error} title="Der Strategiezyklus wurde nicht gestartet" message={startRefusal(start.error)} />}
      {alerts.isPending && <Loading what="Warnungen" />}
      {alerts.isError && <ErrorAlert error={alerts.error} title="Die Warnungen konnten nicht geladen werden" />}
      {alerts.data && alerts.data.items.length === 0 && <p className="kern-body empty">Keine Warnungen mit diesem Status.</p>}
      {alerts.data && alerts.data.items.length > 0 && (
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--striped" data-testid="warnungen">
            <caption className="kern-title">
              {alerts.data.items.length} {alerts.data.items.length === 1 ? 'Warnung' : 'Warnungen'}, die jüngsten Zeiträume zuerst
            </caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Warnung</th>
                <th scope="col" className="kern-table__header">Sozialraum</th>
                <th scope="col" className="kern-table__header">Zeitraum</th>
                <th scope="col" className="kern-table__header">Status</th>
                <th scope="col" className="kern-table__header">Aktionen</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {alerts.data.items.map((a) => (
                <tr key={a.id} className="kern-table__row" data-testid="warnung">
                  <th scope="row" className="kern-table__cell">
                    {a.message}
                    <span className="kern-body--small kern-body--muted block">Nr. {a.id}</span>
                  </th>
                  <td className="kern-table__cell">{a.spaceName ?? a.spaceCode}</td>
                  <td className="kern-table__cell">{a.period}</td>
                  <td className="kern-table__cell">
                    {label(ALERT_STATUS_LABELS, a.status)}
                    {a.statusAt && (
                      <span className="kern-body--small kern-body--muted block">
                        {formatDateTime(a.statusAt)}
                        {a.statusBy && ` von ${a.statusBy}`}
                        {a.statusComment && `: ${a.statusComment}`}
                      </span>
                    )}
                    {a.cycleReference?.startsWith('cycle-') && (
                      <Link to="/zyklen/$cycleId" params={{ cycleId: a.cycleReference }} className="kern-link block">
                        Zum Strategiezyklus
                      </Link>
                    )}
                  </td>
                  <td className="kern-table__cell">
                    {a.status !== 'handed-over' && (
                      <div className="row-actions">
                        {planner && (
                          <button type="button" className="kern-btn kern-btn--primary kern-btn--x-small" disabled={start.isPending} onClick={() => void startFrom(a)}>
                            <span className="kern-label">Strategiezyklus starten</span>
                            <span className="kern-sr-only"> für {a.spaceName ?? a.spaceCode}</span>
                          </button>
                        )}
                        {mayAcknowledge && a.status === 'open' && (
                          <button type="button" className="kern-btn kern-btn--secondary kern-btn--x-small" onClick={() => setAction({ kind: 'acknowledge', alert: a })}>
                            <span className="kern-label">Zur Kenntnis nehmen …</span>
                            <span className="kern-sr-only"> (Nr. {a.id})</span>
                          </button>
                        )}
                        {planner && (
                          <button type="button" className="kern-btn kern-btn--secondary kern-btn--x-small" onClick={() => setAction({ kind: 'hand-over', alert: a })}>
                            <span className="kern-label">Übergeben …</span>
                            <span className="kern-sr-only"> (Nr. {a.id})</span>
                          </button>
                        )}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {action && (
        <AlertActionForm
          key={`${action.kind}-${action.alert.id}`}
          action={action}
          onDone={(message) => {
            setAction(undefined);
            setDone(message);
          }}
          onCancel={() => setAction(undefined)}
        />
      )}
    </section>
  );
}

/** Acknowledge (a comment is optional) or hand over (a reason is needed) one alert. */
function AlertActionForm({ action, onDone, onCancel }: { action: Action; onDone: (message: string) => void; onCancel: () => void }) {
  const actions = useAlertActions();
  const mutation = action.kind === 'acknowledge' ? actions.acknowledge : actions.handOver;
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const where = action.alert.spaceName ?? action.alert.spaceCode;
  useEffect(() => heading.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = comment.trim();
    if (action.kind === 'hand-over' && !text) {
      setMissing(true);
      return;
    }
    try {
      await mutation.mutateAsync({ id: action.alert.id, comment: text });
      onDone(action.kind === 'acknowledge' ? `Die Warnung Nr. ${action.alert.id} (${where}) ist zur Kenntnis genommen.` : `Die Warnung Nr. ${action.alert.id} (${where}) ist übergeben.`);
    } catch {
      // shown below; the text stays
    }
  };

  return (
    <section aria-labelledby="warnung-bearbeiten" className="kern-card kern-stack-sm alert-action">
      <h2 id="warnung-bearbeiten" ref={heading} tabIndex={-1} className="kern-heading-medium">
        {action.kind === 'acknowledge' ? 'Warnung zur Kenntnis nehmen' : 'Warnung übergeben'}: {where}, Nr. {action.alert.id}
      </h2>
      <p className="kern-body">{action.alert.message}</p>
      <form className="kern-stack-sm" onSubmit={(e) => void submit(e)} noValidate>
        <Field
          label={action.kind === 'acknowledge' ? 'Kommentar' : 'Grund der Übergabe'}
          optional={action.kind === 'acknowledge'}
          hint={action.kind === 'hand-over' ? 'Zum Beispiel: an die Quartierskoordination zur Klärung vor Ort' : undefined}
          error={missing && !comment.trim() ? 'Bitte geben Sie einen Grund an.' : undefined}
        >
          {(props) => <textarea {...props} rows={3} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />}
        </Field>
        {mutation.isError && <ErrorAlert error={mutation.error} title="Die Warnung wurde nicht geändert" />}
        <div className="form-row">
          <button type="submit" className="kern-btn kern-btn--primary" disabled={mutation.isPending}>
            <span className="kern-label">{action.kind === 'acknowledge' ? 'Zur Kenntnis nehmen' : 'Übergeben'}</span>
          </button>
          <button type="button" className="kern-btn kern-btn--tertiary" onClick={onCancel}>
            <span className="kern-label">Abbrechen</span>
          </button>
        </div>
      </form>
    </section>
  );
}
