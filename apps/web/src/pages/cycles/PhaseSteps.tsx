import { PHASE_LABELS, PHASES } from '@sozialraum/contracts/browser';
import { formatDate } from '../../lib/format';
import type { CycleDetail } from '../tasks/task-queries';

/** Where the cycle stands among its seven phases, in words: done (since when until when), current, skipped, to come. */
export function phaseStates(cycle: Pick<CycleDetail, 'phase' | 'phases' | 'status'>) {
  const reached = new Map(cycle.phases.map((p) => [p.phase, p]));
  const currentIndex = PHASES.indexOf(cycle.phase);
  return PHASES.map((phase, index) => {
    const record = reached.get(phase);
    let state: string;
    if (record?.endedAt) state = `abgeschlossen: ${formatDate(record.startedAt)} bis ${formatDate(record.endedAt)}`;
    else if (record && phase === cycle.phase && (cycle.status === 'running' || cycle.status === 'suspended')) state = `aktuelle Phase seit ${formatDate(record.startedAt)}`;
    else if (record) state = `begonnen am ${formatDate(record.startedAt)}`;
    else if (index < currentIndex) state = 'übersprungen';
    else state = cycle.status === 'cancelled' ? 'nicht mehr erreicht' : 'noch nicht begonnen';
    return { phase, label: PHASE_LABELS[phase], state, current: phase === cycle.phase && (cycle.status === 'running' || cycle.status === 'suspended') };
  });
}

export function PhaseSteps({ cycle }: { cycle: CycleDetail }) {
  return (
    <section aria-labelledby="phasen" className="kern-stack-sm">
      <h2 id="phasen" className="kern-heading-medium">
        Phasen
      </h2>
      <ol className="phase-steps">
        {phaseStates(cycle).map((p) => (
          <li key={p.phase} className={p.current ? 'phase-steps__item phase-steps__item--current' : 'phase-steps__item'} aria-current={p.current ? 'step' : undefined}>
            <span className="kern-body kern-body--bold">{p.label}</span>
            <span className="kern-body--small">{p.state}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
