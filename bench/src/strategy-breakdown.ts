/**
 * Where one completion's time goes (BENCH_BREAKDOWN=1): the measured completions' timestamps beside their
 * cycles' workflow histories (same machine, same clock), as p50/p99 per step.
 */
import { Client, Connection } from '@temporalio/client';
import { stackEnv } from '@sozialraum/kit/testing';
import { percentile } from './harness';

/** One measured completion, by the wall clock (ms since the epoch). */
export interface CompletionTimes {
  cycleId: string;
  sent: number;
  answered: number;
  visible: number;
}

type Event = { eventType?: unknown; eventTime?: { seconds?: unknown; nanos?: number | null } | null } & Record<string, unknown>;

const ms = (event: Event | undefined): number =>
  event?.eventTime ? Number(String(event.eventTime.seconds ?? 0)) * 1000 + (event.eventTime.nanos ?? 0) / 1e6 : Number.NaN;

/** Steps of one completion from its cycle's history; NaN where the history lacks an event. */
function steps(times: CompletionTimes, events: Event[]): Record<string, number> {
  const is = (e: Event, attributes: string) => e[`${attributes}EventAttributes`] != null;
  const accepted = events.findIndex((e) => is(e, 'workflowExecutionUpdateAccepted'));
  const after = events.slice(accepted);
  const activity = (name: string) => {
    const scheduled = after.find((e) => (e.activityTaskScheduledEventAttributes as { activityType?: { name?: string } } | undefined)?.activityType?.name === name);
    const id = Number(String((scheduled as { eventId?: unknown } | undefined)?.eventId ?? -1));
    const ofIt = (key: string) => after.find((e) => Number(String((e[key] as { scheduledEventId?: unknown } | undefined)?.scheduledEventId ?? -2)) === id);
    return { scheduled: ms(scheduled), started: ms(ofIt('activityTaskStartedEventAttributes')), completed: ms(ofIt('activityTaskCompletedEventAttributes')) };
  };
  const updateTask = events.slice(0, accepted).reverse().find((e) => is(e, 'workflowTaskStarted'));
  const completeTask = activity('completeTask');
  const createTask = activity('createTask');
  const updated = after.find((e) => is(e, 'workflowExecutionUpdateCompleted'));
  return {
    "request → update's workflow task started": ms(updateTask) - times.sent,
    'workflow task → update accepted': ms(events[accepted]) - ms(updateTask),
    'update accepted → update answered': ms(updated) - ms(events[accepted]),
    'completeTask: scheduled → started': completeTask.started - completeTask.scheduled,
    'completeTask: started → completed': completeTask.completed - completeTask.started,
    'update answered → HTTP answer': times.answered - ms(updated),
    'completeTask completed → HTTP answer': times.answered - completeTask.completed,
    'createTask: scheduled → completed': createTask.completed - createTask.scheduled,
    'HTTP answer → next task seen in inbox': times.visible - times.answered,
    'request → HTTP answer': times.answered - times.sent,
  };
}

/** The baseline's measured round (its second signal) from its workflow's history, for comparison. */
function roundTripSteps(events: Event[]): Record<string, number> {
  const signals = events.filter((e) => e.workflowExecutionSignaledEventAttributes != null);
  const after = events.slice(events.indexOf(signals[1] as Event));
  const first = (attributes: string) => after.find((e) => e[`${attributes}EventAttributes`] != null);
  const [scheduled, started, completed] = ['workflowTaskScheduled', 'workflowTaskStarted', 'workflowTaskCompleted'].map((a) => ms(first(a)));
  const [activityScheduled, activityStarted, activityCompleted] = ['activityTaskScheduled', 'activityTaskStarted', 'activityTaskCompleted'].map((a) => ms(first(a)));
  return {
    "signal's workflow task: scheduled → started": (started as number) - (scheduled as number),
    "signal's workflow task: started → completed": (completed as number) - (started as number),
    // Eager: the worker that completed the workflow task runs the activity (its queue, its process).
    'write: scheduled → started': (activityStarted as number) - (activityScheduled as number),
    'write: started → completed': (activityCompleted as number) - (activityStarted as number),
  };
}

async function printSteps<T>(title: string, namespace: string, items: T[], idOf: (item: T) => string, stepsOf: (item: T, events: Event[]) => Record<string, number>): Promise<void> {
  const connection = await Connection.connect({ address: stackEnv('TEMPORAL_ADDRESS') });
  const client = new Client({ connection, namespace });
  try {
    const all: Array<Record<string, number>> = [];
    for (const item of items) {
      const history = await client.workflow.getHandle(idOf(item)).fetchHistory();
      all.push(stepsOf(item, (history.events ?? []) as Event[]));
    }
    process.stdout.write(`breakdown of ${all.length} ${title} (ms, p50 / p99):\n`);
    for (const name of Object.keys(all[0] ?? {})) {
      const values = all.map((s) => s[name] as number).filter((v) => !Number.isNaN(v));
      process.stdout.write(`  ${name.padEnd(52)} ${percentile(values, 50).toFixed(0).padStart(6)} / ${percentile(values, 99).toFixed(0).padStart(6)}\n`);
    }
  } finally {
    await connection.close();
  }
}

/** Prints p50 and p99 of each step over the measured completions, then over the baseline's measured rounds. */
export async function printBreakdown(completions: CompletionTimes[], roundTrips: { namespace: string; workflowIds: string[] }): Promise<void> {
  await printSteps('completions', stackEnv('TEMPORAL_NAMESPACE'), completions, (c) => c.cycleId, steps);
  await printSteps('bare round trips', roundTrips.namespace, roundTrips.workflowIds, (id) => id, (_id, events) => roundTripSteps(events));
}
