import type { ReactNode } from 'react';
import { ApiError } from '../../api/problem';
import { formatDate, formatDateTime, formatEuro } from '../../lib/format';
import { departmentLabel, targetGroupLabel } from '../../lib/labels';
import { useSpaceName } from '../../lib/spaces';
import { useCycle } from '../tasks/task-queries';
import { formatPercent, LastReport } from './badges';
import type { Measure } from './measure-queries';

const PROGRESS_SOURCES: Record<string, string> = { milestones: 'aus den erledigten Meilensteinen', report: 'laut letztem Statusbericht', none: 'noch ohne Bericht oder Meilenstein' };

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="kern-description-list-item">
      <dt className="kern-description-list-item__key">{label}</dt>
      <dd className="kern-description-list-item__value">{children}</dd>
    </div>
  );
}

/**
 * The cycle the measure belongs to and the needs it answers, with their titles from the strategy service.
 * Someone who may not read the cycle (404, 403) or a strategy service that is away still sees the keys.
 */
function CycleFacts({ measure }: { measure: Measure }) {
  const cycle = useCycle(measure.cycleId ?? undefined);
  const spaceName = useSpaceName();
  if (!measure.cycleId) return <Fact label="Strategiezyklus">Keinem Zyklus zugeordnet</Fact>;
  const c = cycle.data;
  const unreadable = cycle.error instanceof ApiError && [403, 404].includes(cycle.error.status);
  const needs = measure.needs.map((key) => ({ key, need: c?.needs.find((n) => n.key === key) }));
  const goals = measure.goals.map((ref) => c?.goals.find((g) => g.title === ref || String(g.position) === ref)?.title ?? ref);
  return (
    <>
      <Fact label="Strategiezyklus">
        {c ? `${spaceName(c.spaceCode)}, Zyklus ${c.number} – Phase „${c.phaseLabel}“` : measure.cycleId}
        {unreadable && <span className="kern-body--small kern-body--muted"> (Einzelheiten des Zyklus sind für Sie nicht einsehbar)</span>}
      </Fact>
      {needs.length > 0 && (
        <Fact label={needs.length === 1 ? 'Handlungsbedarf' : 'Handlungsbedarfe'}>
          <ul className="plain-list" data-testid="bedarfe">
            {needs.map(({ key, need }) => (
              <li key={key}>
                {need ? (
                  <>
                    <strong>{need.title}</strong>
                    {need.description && <span className="kern-body--small"> – {need.description}</span>}
                  </>
                ) : (
                  key
                )}
              </li>
            ))}
          </ul>
        </Fact>
      )}
      {goals.length > 0 && <Fact label={goals.length === 1 ? 'Ziel' : 'Ziele'}>{goals.join('; ')}</Fact>}
    </>
  );
}

/** What the measure is: who, where, for whom, how much, when, and the cycle and needs it belongs to. */
export function MeasureFacts({ measure }: { measure: Measure }) {
  const spaceName = useSpaceName();
  const b = measure.budget;
  return (
    <dl className="kern-description-list" data-testid="eckdaten">
      <Fact label="Fachbereich">{departmentLabel(measure.department)}</Fact>
      <Fact label={measure.spaces.length === 1 ? 'Sozialraum' : 'Sozialräume'}>{measure.spaces.map(spaceName).join(', ') || '–'}</Fact>
      <Fact label="Zielgruppen">{measure.targetGroups.map(targetGroupLabel).join(', ') || '–'}</Fact>
      <Fact label="Budget">
        geplant {formatEuro(b.planned)} · beschlossen {formatEuro(b.approved)} · ausgegeben {formatEuro(b.spent)}
        {b.fundingSource && <span className="kern-body--small"> (Finanzierung: {b.fundingSource})</span>}
      </Fact>
      <Fact label="Zeitraum">
        {formatDate(measure.startsOn)} bis {formatDate(measure.endsOn)}
      </Fact>
      <Fact label="Fortschritt">
        {measure.progressSource === 'none' ? '–' : formatPercent(measure.progress)} <span className="kern-body--small kern-body--muted">({PROGRESS_SOURCES[measure.progressSource]})</span>
      </Fact>
      <Fact label="Letzter Statusbericht">
        <LastReport measure={measure} none="noch keiner" />
      </Fact>
      <CycleFacts measure={measure} />
      {measure.partners.length > 0 && <Fact label="Partner">{measure.partners.join(', ')}</Fact>}
      <Fact label="Angelegt">
        {formatDateTime(measure.createdAt)}, zuletzt geändert {formatDateTime(measure.updatedAt)}
      </Fact>
    </dl>
  );
}
