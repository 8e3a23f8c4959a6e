import { zodResolver } from '@hookform/resolvers/zod';
import { forms, type TaskResult, type TaskType } from '@sozialraum/contracts/browser';
import { useEffect } from 'react';
import { type DefaultValues, type FieldValues, type Resolver, useForm } from 'react-hook-form';
import { germanErrorMap, toGerman } from './german-errors';

/**
 * The contracts' schema of a task type as a form resolver, with German messages. `prepare` leaves out what
 * the person's choice makes irrelevant (e.g. drafted measures when declining), without deleting it from the form.
 */
export function taskResolver<T extends FieldValues>(type: TaskType, prepare: (values: T) => T = (values) => values): Resolver<T> {
  const resolve = zodResolver(forms[type] as never, { errorMap: germanErrorMap } as never) as unknown as Resolver<T>;
  return async (values, context, options) => {
    const result = await resolve(prepare(values), context, options);
    translate(result.errors);
    return result;
  };
}

/** Translates the messages of an error tree in place; `ref` (the field's DOM element) is never walked into. */
function translate(errors: unknown): void {
  if (!errors || typeof errors !== 'object') return;
  const error = errors as { message?: unknown };
  if (typeof error.message === 'string') error.message = toGerman(error.message);
  for (const [key, value] of Object.entries(errors)) if (key !== 'ref' && value && typeof value === 'object') translate(value);
}

const draftKey = (taskId: string) => `entwurf:${taskId}`;

/**
 * A task form whose input survives a reload or a refused completion: a draft is kept in this tab's
 * sessionStorage until the task is completed.
 */
export function useTaskForm<T extends TaskType>(type: T, taskId: string, defaults: DefaultValues<TaskResult<T>>, prepare?: (values: TaskResult<T>) => TaskResult<T>) {
  const saved = readDraft<TaskResult<T>>(taskId);
  const form = useForm<TaskResult<T>>({ resolver: taskResolver<TaskResult<T>>(type, prepare), defaultValues: saved ?? defaults, mode: 'onTouched' });
  useEffect(() => {
    const subscription = form.watch((values) => sessionStorage.setItem(draftKey(taskId), JSON.stringify(values)));
    return () => subscription.unsubscribe();
  }, [form, taskId]);
  return form;
}

function readDraft<T>(taskId: string): DefaultValues<T> | undefined {
  try {
    const text = sessionStorage.getItem(draftKey(taskId));
    return text ? (JSON.parse(text) as DefaultValues<T>) : undefined;
  } catch {
    return undefined;
  }
}

export const discardDraft = (taskId: string): void => sessionStorage.removeItem(draftKey(taskId));

/**
 * Numbers as Germans type them: "20.000,50" → 20000.5, "25.000" → 25000 (a dot before groups of three digits
 * separates thousands), "12,5" → 12.5; empty → undefined (for optional fields); anything else → NaN (invalid).
 */
export function germanNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isNaN(value) ? undefined : value;
  const text = String(value ?? '').trim().replace(/[\s\u00a0\u202f]/g, '');
  if (!text) return undefined;
  if (text.includes(',')) return Number(text.replace(/\./g, '').replace(',', '.'));
  if (/^-?\d{1,3}(\.\d{3})+$/.test(text)) return Number(text.replace(/\./g, ''));
  return Number(text);
}

/** Empty text inputs mean "not given" for optional fields. */
export const emptyToUndefined = (value: unknown): unknown => (value === '' || value === null ? undefined : value);
