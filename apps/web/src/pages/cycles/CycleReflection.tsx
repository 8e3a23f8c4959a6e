import { GoalComparisonTable } from '../tasks/GoalComparisonTable';
import type { GoalComparison } from '../tasks/forms/task-context';
import type { CycleDetail, Task } from '../tasks/task-queries';
import { ReflectionText } from '../tasks/TaskContext';

type Reflection = { comparison?: GoalComparison[] } | null;

/** The reflection: each goal's indicator before and after, and what the working group concluded (when the reader may see it). */
export function CycleReflection({ cycle, tasks }: { cycle: CycleDetail; tasks: Task[] }) {
  const reflection = cycle.reflection as Reflection;
  const reflected = tasks.find((t) => t.type === 'reflect-cycle' && t.status === 'completed')?.result as { summary?: string; lessons?: string } | undefined;
  return (
    <section aria-labelledby="reflexion" className="kern-stack-sm">
      <h2 id="reflexion" className="kern-heading-medium">
        Reflexion
      </h2>
      {!reflection ? (
        <p className="kern-body">Die Reflexion steht noch aus: Sie beginnt nach der Umsetzung mit einem neuen Stand des Monitorings.</p>
      ) : (
        <>
          <GoalComparisonTable comparison={reflection.comparison ?? []} />
          {reflected?.summary && <ReflectionText reflection={{ summary: reflected.summary, lessons: reflected.lessons ?? '' }} />}
        </>
      )}
    </section>
  );
}
