import { z } from 'zod';

/** The typed form of each task type: what completing it must send. Validated by the API and again by the workflow. */
const text = (max = 4000) => z.string().trim().min(1).max(max);
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  // A calendar date PostgreSQL accepts too: 2024-02-30 would otherwise pass the form and fail the write.
  .refine((d) => {
    const time = new Date(`${d}T00:00:00Z`).getTime();
    return d >= '0001' && !Number.isNaN(time) && new Date(time).toISOString().startsWith(d);
  }, 'must be a real calendar date');

export const TARGET_GROUPS = [
  'refugees', 'people-with-disabilities', 'homeless', 'poor', 'job-seeking', 'sick', 'old', 'care-dependent',
  'children', 'youth', 'families', 'single-parents',
] as const;
const targetGroups = z.array(z.enum(TARGET_GROUPS)).max(TARGET_GROUPS.length);

export const PARTICIPATION_FORMATS = ['workshop', 'survey', 'neighbourhood-conference', 'walk', 'interview'] as const;
/** The choices of the forms' decision fields, one list per task type that has one. */
export const REVIEW_DECISIONS = ['approve', 'return'] as const;
export const PROPOSAL_DECISIONS = ['propose', 'decline'] as const;
export const DECISIONS = ['approve', 'reject', 'return'] as const;
export const RECOMMENDATIONS = ['continue', 'adapt', 'stop'] as const;
export const TRAFFIC_LIGHTS = ['green', 'yellow', 'red'] as const;

export const participationRecord = z.object({
  format: z.enum(PARTICIPATION_FORMATS),
  date: isoDate,
  /** Organisations and groups involved — no personal data of citizens. */
  actors: z.array(text(200)).max(100),
  targetGroups,
  /** Aggregate count only. */
  participants: z.number().int().min(0).max(100_000),
  results: text(),
});

export const goal = z.object({
  title: text(300),
  description: z.string().max(4000).optional(),
  indicatorKey: z.string().max(80).optional(),
  targetValue: z.number().optional(),
  targetYear: z.number().int().min(2000).max(2100).optional(),
});

export const need = z.object({
  key: z.string().regex(/^[a-z0-9-]{1,40}$/, 'must be a short key of lowercase letters, digits and dashes'),
  title: text(300),
  description: z.string().max(4000).optional(),
  targetGroups,
  /** Department keys responsible for measures on this need. */
  departments: z.array(z.string().regex(/^[a-z-]{1,40}$/)).min(1, 'name at least one responsible department'),
});

export const milestone = z.object({ title: text(300), dueOn: isoDate });

export const proposedMeasure = z.object({
  title: text(300),
  description: text(),
  needKey: z.string(),
  budgetPlanned: z.number().min(0).optional(),
  start: isoDate.optional(),
  end: isoDate.optional(),
  /** Planned steps; the measure is created with them in the measures service. */
  milestones: z.array(milestone).max(20).optional(),
});

export const forms = {
  'review-analysis': z.object({ summary: text() }),
  'document-participation': z.object({
    records: z.array(participationRecord).max(50),
    /** Closes the phase; needs at least one record in this cycle. */
    close: z.boolean(),
  }),
  'set-goals': z.object({ goals: z.array(goal).min(1).max(50), needs: z.array(need).min(1).max(50) }),
  'review-goals': z
    .object({ decision: z.enum(REVIEW_DECISIONS), comments: z.string().max(4000).optional() })
    .refine((f) => f.decision === 'approve' || !!f.comments?.trim(), { message: 'returning needs comments', path: ['comments'] }),
  'propose-measures': z
    .object({ decision: z.enum(PROPOSAL_DECISIONS), reason: z.string().max(4000).optional(), measures: z.array(proposedMeasure).max(50).default([]) })
    .refine((f) => f.decision === 'decline' ? !!f.reason?.trim() : f.measures.length > 0, {
      message: 'propose at least one measure, or decline with a reason',
      path: ['measures'],
    }),
  'decide-package': z.object({
    decisions: z
      .array(
        z
          .object({
            measureId: z.string(),
            decision: z.enum(DECISIONS),
            reason: z.string().max(4000).optional(),
            /**
             * The planned budget the committee was shown (null: none). An approval carries it, and it is refused
             * when the measure's budget changed since, so nothing is approved that the committee did not see.
             */
            budgetPlanned: z.number().min(0).max(999_999_999_999).nullable().optional(),
          })
          .refine((d) => d.decision === 'approve' || !!d.reason?.trim(), { message: 'rejecting or returning needs a reason', path: ['reason'] })
          .refine((d) => d.decision !== 'approve' || d.budgetPlanned !== undefined, {
            message: 'approving needs the planned budget as shown (null when there is none)',
            path: ['budgetPlanned'],
          }),
      )
      .min(1),
  }),
  'report-status': z.object({
    reports: z
      .array(
        z.object({
          measureId: z.string(),
          progress: z.number().int().min(0).max(100),
          trafficLight: z.enum(TRAFFIC_LIGHTS),
          text: text(),
          finished: z.boolean(),
        }),
      )
      .min(1),
  }),
  'evaluate-measure': z.object({
    measureId: z.string(),
    outcome: text(),
    recommendation: z.enum(RECOMMENDATIONS),
    lessons: z.string().max(4000).optional(),
  }),
  'reflect-cycle': z.object({ summary: text(), lessons: text() }),
  'acknowledge-report': z.object({ comment: z.string().max(4000).optional() }),
} as const;

export type TaskType = keyof typeof forms;
export const TASK_TYPES = Object.keys(forms) as TaskType[];
export type TaskResult<T extends TaskType> = z.infer<(typeof forms)[T]>;
export type ParticipationRecord = z.infer<typeof participationRecord>;
export type Goal = z.infer<typeof goal>;
export type Need = z.infer<typeof need>;
export type ProposedMeasure = z.infer<typeof proposedMeasure>;
export type Milestone = z.infer<typeof milestone>;

/** German labels for the inbox. */
export const TASK_LABELS: Record<TaskType, string> = {
  'review-analysis': 'Analyse prüfen und abschließen',
  'document-participation': 'Beteiligung dokumentieren',
  'set-goals': 'Ziele und Handlungsbedarfe erfassen',
  'review-goals': 'Ziele und Handlungsbedarfe prüfen',
  'propose-measures': 'Maßnahmen vorschlagen',
  'decide-package': 'Über das Maßnahmenpaket entscheiden',
  'report-status': 'Umsetzungsstand berichten',
  'evaluate-measure': 'Maßnahme bewerten',
  'reflect-cycle': 'Zyklus reflektieren',
  'acknowledge-report': 'Zyklusbericht zur Kenntnis nehmen',
};

/** Checks a task result against its form; returns the parsed result or the problems, one per field. */
export function validateTaskResult(type: TaskType, result: unknown): { ok: true; value: unknown } | { ok: false; problems: Array<{ pointer: string; detail: string }> } {
  const parsed = forms[type].safeParse(result);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({ pointer: `/result/${issue.path.join('/')}`, detail: issue.message })),
  };
}
