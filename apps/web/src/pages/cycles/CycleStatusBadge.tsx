import { CYCLE_STATUS_LABELS, type CycleStatus } from '@sozialraum/contracts/browser';

const TONES: Record<CycleStatus, 'info' | 'success' | 'warning' | 'danger'> = { running: 'info', suspended: 'warning', completed: 'success', cancelled: 'danger' };

/** The cycle's status in words; the colour only repeats it. */
export function CycleStatusBadge({ status }: { status: string }) {
  const known = status as CycleStatus;
  return (
    <span className={`kern-badge kern-badge--${TONES[known] ?? 'info'} kern-badge--small`} data-testid="zyklus-status">
      <span className="kern-label">{CYCLE_STATUS_LABELS[known] ?? status}</span>
    </span>
  );
}
