import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldValues, Resolver } from 'react-hook-form';
import { z } from 'zod';
import { todayIso } from '../../lib/format';

/**
 * The measure page's forms, checked in the browser as the measures API checks them (its OpenAPI document),
 * with German messages at the field.
 */
const isoDate = (message: string) =>
  z
    .string({ required_error: message, invalid_type_error: message })
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine((d) => !Number.isNaN(new Date(`${d}T00:00:00Z`).getTime()) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'Dieses Datum gibt es nicht.');

const text = (max: number, empty: string) =>
  z
    .string({ required_error: empty })
    .trim()
    .min(1, empty)
    .max(max, `Höchstens ${max.toLocaleString('de-DE')} Zeichen.`);

export const reportSchema = z.object({
  date: isoDate('Bitte ein Datum angeben.')
    .refine((d) => d <= todayIso(), 'Der Stichtag darf nicht in der Zukunft liegen.')
    .optional(),
  progress: z
    .number({ required_error: 'Bitte geben Sie den Fortschritt in Prozent an.', invalid_type_error: 'Bitte eine Zahl von 0 bis 100 angeben.' })
    .int('Bitte eine ganze Zahl von 0 bis 100 angeben.')
    .min(0, 'Der Fortschritt liegt zwischen 0 und 100 %.')
    .max(100, 'Der Fortschritt liegt zwischen 0 und 100 %.'),
  trafficLight: z.enum(['green', 'yellow', 'red'], { errorMap: () => ({ message: 'Bitte wählen Sie eine Ampel.' }) }),
  text: text(8000, 'Bitte beschreiben Sie den Stand der Maßnahme.'),
});
export type ReportValues = z.infer<typeof reportSchema>;

const PERIOD = /^\d{4}(-\d{2}-\d{2})?$/;
const period = (empty: string) =>
  z
    .string({ required_error: empty })
    .trim()
    .min(1, empty)
    .regex(PERIOD, 'Bitte ein Jahr (2022) oder einen Stichtag (2022-12-31) angeben.');

export const evaluationSchema = z
  .object({
    outcome: text(8000, 'Bitte beschreiben Sie, was die Maßnahme erreicht hat.'),
    recommendation: z.enum(['continue', 'adapt', 'stop'], { errorMap: () => ({ message: 'Bitte wählen Sie eine Empfehlung.' }) }),
    lessons: z.string().trim().max(8000, 'Höchstens 8.000 Zeichen.').optional(),
    from: period('Bitte den Zeitraum vor der Maßnahme angeben.'),
    to: period('Bitte den Zeitraum nach der Maßnahme angeben.'),
  })
  .refine((v) => !PERIOD.test(v.from) || !PERIOD.test(v.to) || v.from < v.to, { path: ['to'], message: 'Der Zeitraum danach muss nach dem Zeitraum davor liegen.' });
export type EvaluationValues = z.infer<typeof evaluationSchema>;

export const milestoneSchema = z.object({
  title: text(300, 'Bitte benennen Sie den Meilenstein.'),
  dueOn: isoDate('Bitte einen Termin angeben.'),
});
export type MilestoneValues = z.infer<typeof milestoneSchema>;

/** Statuses a change to needs a reason (the API refuses them without one). */
export const REASON_REQUIRED = ['rejected', 'returned', 'paused', 'cancelled'];

export const transitionSchema = z
  .object({
    to: z.string(),
    reason: z.string().trim().max(4000, 'Höchstens 4.000 Zeichen.').optional(),
    approvedBudget: z.number({ invalid_type_error: 'Bitte einen Betrag in Euro angeben.' }).min(0, 'Der Betrag darf nicht negativ sein.').max(999_999_999_999, 'Dieser Betrag ist zu groß.').optional(),
  })
  .refine((v) => !REASON_REQUIRED.includes(v.to) || !!v.reason, { path: ['reason'], message: 'Bitte begründen Sie die Änderung.' });
export type TransitionValues = z.infer<typeof transitionSchema>;

/**
 * A schema as a form resolver. Every schema above states its German messages itself: a contextual error map
 * (as the task forms use) would take precedence over them.
 */
export function germanResolver<T extends FieldValues>(schema: z.ZodType<T, z.ZodTypeDef, unknown>): Resolver<T> {
  return zodResolver(schema as never) as unknown as Resolver<T>;
}
