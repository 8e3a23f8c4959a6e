import { formatDate } from '../../lib/format';
import { measureStatusLabel, TRAFFIC_LIGHT_LABELS } from '../../lib/labels';

type Tone = 'info' | 'success' | 'warning' | 'danger';

const STATUS_TONES: Record<string, Tone> = {
  proposed: 'info',
  returned: 'warning',
  approved: 'info',
  'in-progress': 'info',
  paused: 'warning',
  completed: 'success',
  cancelled: 'danger',
  rejected: 'danger',
};

const LIGHT_TONES: Record<string, Tone> = { green: 'success', yellow: 'warning', red: 'danger' };

/** The status in words; the colour only repeats it. */
export function StatusBadge({ status, small = true }: { status: string; small?: boolean }) {
  return (
    <span className={`kern-badge kern-badge--${STATUS_TONES[status] ?? 'info'}${small ? ' kern-badge--small' : ''}`} data-testid="status">
      <span className="kern-label">{measureStatusLabel(status)}</span>
    </span>
  );
}

/** "Gefährdet (gelb)": what the traffic light means, and its colour for those who know it from the exports. */
export const trafficLightText = (light: string): string => (TRAFFIC_LIGHT_LABELS as Record<string, string>)[light] ?? light;

export function TrafficLightBadge({ light, small = true }: { light: string | null | undefined; small?: boolean }) {
  if (!light) return <span className="kern-body--muted">Kein Bericht</span>;
  return (
    <span className={`kern-badge kern-badge--${LIGHT_TONES[light] ?? 'info'}${small ? ' kern-badge--small' : ''} traffic-light`} data-testid="ampel">
      <span className={`traffic-light__dot traffic-light__dot--${light}`} aria-hidden="true" />
      <span className="kern-label">{trafficLightText(light)}</span>
    </span>
  );
}

/** "45 %", kept on one line. */
export const formatPercent = (value: number): string => `${value.toLocaleString('de-DE')}\u00a0%`;

/** The day of the latest status report, and "Bericht fehlt" when one is overdue (in progress, none for too long). */
export function LastReport({ measure, none = '–' }: { measure: { lastReportOn: string | null; reportMissing: boolean }; none?: string }) {
  return (
    <>
      {measure.lastReportOn ? formatDate(measure.lastReportOn) : none}
      {measure.reportMissing && (
        <span className="kern-badge kern-badge--danger kern-badge--small">
          <span className="kern-label">Bericht fehlt</span>
        </span>
      )}
    </>
  );
}
