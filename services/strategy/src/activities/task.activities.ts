import { ApplicationFailure } from '@temporalio/activity';
import { type BudgetChange, candidates, type CompletionRecord, type MeasureRef, REJECTIONS, TASK_LABELS, type TaskRef, type TaskRow } from '@sozialraum/contracts';
import { type Pool, withTransaction } from '@sozialraum/kit/db';
import { setProposalBudget } from '../data/measure-proposals.repository';
import { cancelOpenTasks, lockTaskContext, openTask, openTaskAssignee, raiseEscalation, updateTaskContext } from '../data/task-lifecycle.repository';
import type { ActivityDependencies } from './dependencies';
import { addressed, writeNotifications } from './notification-drafts';
import { recordCompletion } from './records';

const where = (t: { spaceCode: string }) => `Sozialraum ${t.spaceCode}`;

/** Tasks in the read model and the notifications about them; every write is keyed by the task ID. */
export function taskActivities({ pool, notify }: ActivityDependencies) {
  /** Writes in one transaction, then enqueues the notifications it wrote (a retry enqueues the same job IDs). */
  const notifyAfter = async (work: Parameters<typeof withTransaction<string[]>>[1]) => {
    const ids = await withTransaction(pool, work);
    await notify(ids);
  };

  return {
    /** Opens the task (once) and tells its candidate groups; nothing opens in a cycle that was cancelled. */
    async createTask(t: TaskRow): Promise<void> {
      // The next task of a completion: one statement (no BEGIN/COMMIT around it), as it is on the path to the inbox.
      const notifications = addressed({ baseId: `${t.id}:task-created`, recipients: t.candidateGroups });
      const opened = await openTask(pool, { ...t, department: t.department ?? null }, {
        addressed: notifications, kind: 'task-created', title: `Neue Aufgabe: ${TASK_LABELS[t.type]}`, body: `${where(t)}, fällig am ${t.dueAt.slice(0, 10)}`, createdAt: t.createdAt,
      });
      if (opened) await notify(notifications.map((n) => n.id));
    },

    /** Writes the result and its domain records in one transaction; idempotent, since activities are retried. */
    async completeTask(c: CompletionRecord): Promise<{ measures: MeasureRef[] }> {
      try {
        return { measures: await recordCompletion(pool, c) };
      } catch (error) {
        // Data PostgreSQL refuses (a 30 February, a NUL character) would fail every retry: refuse the result instead.
        const code = (error as { code?: unknown }).code;
        if (typeof code === 'string' && /^2[23]/.test(code)) {
          throw ApplicationFailure.nonRetryable(`The result cannot be stored: ${(error as Error).message}`, REJECTIONS.invalidResult);
        }
        throw error;
      }
    },

    async showCurrentBudgets(input: { taskId: string; changes: BudgetChange[] }): Promise<void> {
      await showCurrentBudgets(pool, input.taskId, input.changes);
    },

    async cancelTasks(input: { taskIds: string[] }): Promise<void> {
      await cancelOpenTasks(pool, input.taskIds);
    },

    /** Before the due date: to whoever claimed the task, else to its candidate groups. */
    async remindTask(t: TaskRef): Promise<void> {
      await notifyAfter(async (db) => {
        const open = await openTaskAssignee(db, t.id);
        if (!open) return [];
        return writeNotifications(db, {
          baseId: `${t.id}:reminder`, recipients: open.assigneeId ? [open.assigneeId] : t.candidateGroups, kind: 'reminder', taskId: t.id,
          cycleId: t.cycleId, title: `Erinnerung: ${TASK_LABELS[t.type]}`, body: `${where(t)}, fällig am ${t.dueAt.slice(0, 10)}`, createdAt: t.at,
        });
      });
    },

    /** After the due date: level 1 to the working group, level 2 to the steering committee. */
    async escalateTask(t: TaskRef & { level: 1 | 2 }): Promise<void> {
      await notifyAfter(async (db) => {
        if (!(await raiseEscalation(db, t.id, t.level))) return [];
        return writeNotifications(db, {
          baseId: `${t.id}:escalation:${t.level}`, recipients: [t.level === 1 ? candidates.workingGroup : candidates.steeringCommittee],
          kind: 'escalation', taskId: t.id, cycleId: t.cycleId, title: `Überfällig (Eskalationsstufe ${t.level}): ${TASK_LABELS[t.type]}`,
          body: `${where(t)}, fällig war ${t.dueAt.slice(0, 10)}; zuständig: ${t.candidateGroups.join(', ')}`, createdAt: t.at,
        });
      });
    },
  };
}

/**
 * After an approval was refused because budgets changed, the decision task (and the cycle's copy of the
 * proposals) show the amounts the measures have now, so the committee decides on what it sees.
 */
async function showCurrentBudgets(pool: Pool, taskId: string, changes: BudgetChange[] = []): Promise<void> {
  if (!changes.length) return;
  const current = new Map(changes.map((c) => [c.measureId, c.current]));
  await withTransaction(pool, async (db) => {
    const context = await lockTaskContext<{ measures?: Array<{ measureId: string; budgetPlanned?: number }> }>(db, taskId);
    if (context?.measures) {
      context.measures = context.measures.map((m) => {
        if (!current.has(m.measureId)) return m;
        const budget = current.get(m.measureId);
        const { budgetPlanned: _old, ...rest } = m;
        return budget === null || budget === undefined ? rest : { ...rest, budgetPlanned: budget };
      });
      await updateTaskContext(db, taskId, context);
    }
    for (const c of changes) await setProposalBudget(db, c.measureId, c.current);
  });
}
