import type { Goal, Need } from '@sozialraum/contracts/browser';
import { formatNumber } from '../../lib/format';
import { departmentLabel, targetGroupLabel } from '../../lib/labels';

/** The goals of a cycle: what should change, on which indicator, to which value by when. */
export function GoalList({ goals, indicatorName = (key) => key }: { goals: Goal[]; indicatorName?: (key: string) => string }) {
  if (!goals.length) return null;
  return (
    <div className="kern-stack-sm">
      <h3 className="kern-heading-small">Ziele</h3>
      <ul className="kern-list">
        {goals.map((goal, i) => (
          <li key={i} data-testid="ziel">
            <strong>{goal.title}</strong>
            {goal.description && <> – {goal.description}</>}
            {goal.indicatorKey && (
              <span className="kern-body--small kern-body--muted">
                {' '}
                (Indikator: {indicatorName(goal.indicatorKey)}
                {goal.targetValue !== undefined && goal.targetValue !== null && `, Zielwert ${formatNumber(goal.targetValue)}`}
                {goal.targetYear && ` bis ${goal.targetYear}`})
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Needs for action with their target groups and the departments responsible for them. */
export function NeedList({ needs, title = 'Handlungsbedarfe' }: { needs: Need[]; title?: string }) {
  if (!needs.length) return null;
  return (
    <div className="kern-stack-sm">
      <h3 className="kern-heading-small">{title}</h3>
      <ul className="kern-list">
        {needs.map((need) => (
          <li key={need.key} data-testid="handlungsbedarf">
            <strong>{need.title}</strong>
            {need.description && <> – {need.description}</>}
            <span className="kern-body--small kern-body--muted">
              {' '}
              (zuständig: {need.departments.map(departmentLabel).join(', ')}
              {need.targetGroups?.length ? `; Zielgruppen: ${need.targetGroups.map(targetGroupLabel).join(', ')}` : ''})
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
