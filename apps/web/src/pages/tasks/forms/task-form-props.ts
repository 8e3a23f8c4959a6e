import type { CycleDetail, Task } from '../task-queries';

/** What every task form gets: the task (with the context the workflow gave it), its cycle, and how to complete it. */
export interface TaskFormProps {
  task: Task;
  cycle: CycleDetail | undefined;
  complete: (result: unknown) => Promise<unknown>;
}
