import type { ReactNode } from 'react';
import { useEffect, useRef, useState } from 'react';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { fieldErrors } from '../../../api/problem';
import { Alert, ErrorAlert } from '../../../components/Alert';
import { serverFieldMessage } from './german-errors';

export interface TaskFormShellProps<T extends FieldValues> {
  form: UseFormReturn<T>;
  /** Sends the result; rejects with the server's refusal. */
  complete: (result: T) => Promise<unknown>;
  children: ReactNode;
  submitLabel?: string;
}

/**
 * The frame of every task form: checks in the browser with the contracts' schema, completes once (a double
 * click sends one request), and on a refusal keeps everything typed, says why in German and marks the fields.
 */
export function TaskFormShell<T extends FieldValues>({ form, complete, children, submitLabel = 'Abschließen' }: TaskFormShellProps<T>) {
  const sending = useRef(false);
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<unknown>();
  const [invalidCount, setInvalidCount] = useState(0);
  const refusalBox = useRef<HTMLDivElement>(null);
  // A refusal is said at the top of the form: focus goes there, so keyboard and screen reader users hear it first.
  useEffect(() => {
    if (refusal !== undefined) refusalBox.current?.focus();
  }, [refusal]);

  const onValid = async (values: T) => {
    if (sending.current) return;
    sending.current = true;
    setPending(true);
    setRefusal(undefined);
    setInvalidCount(0);
    try {
      await complete(values);
      // Done: the page moves on; the guard stays closed so nothing is sent twice.
    } catch (error) {
      sending.current = false;
      setRefusal(error);
      for (const { path, detail } of fieldErrors(error, '/result')) form.setError(path as Path<T>, { type: 'server', message: serverFieldMessage(detail) });
    } finally {
      setPending(false);
    }
  };

  const onInvalid = (errors: Record<string, unknown>) => setInvalidCount(countErrors(errors));

  return (
    // eslint-disable-next-line react-hooks/refs -- the guard is read when the form is submitted, never while rendering
    <form className="task-form kern-stack-lg" noValidate onSubmit={form.handleSubmit(onValid, onInvalid)} aria-busy={pending}>
      {refusal !== undefined && (
        <div ref={refusalBox} tabIndex={-1} className="task-form__refusal">
          <ErrorAlert error={refusal} title="Die Aufgabe wurde nicht abgeschlossen" />
        </div>
      )}
      {invalidCount > 0 && (
        <Alert tone="danger" title="Bitte prüfen Sie Ihre Eingaben">
          <p>{invalidCount === 1 ? 'Eine Angabe fehlt oder ist ungültig; sie ist unten markiert.' : `${invalidCount} Angaben fehlen oder sind ungültig; sie sind unten markiert.`}</p>
        </Alert>
      )}
      {children}
      <div className="kern-btn-wrapper">
        <button type="submit" className="kern-btn kern-btn--primary" aria-disabled={pending} disabled={pending}>
          <span className="kern-label">{pending ? 'Wird abgeschlossen …' : submitLabel}</span>
        </button>
      </div>
    </form>
  );
}

function countErrors(errors: unknown): number {
  if (!errors || typeof errors !== 'object') return 0;
  if ('message' in errors && typeof (errors as { message: unknown }).message === 'string' && 'type' in errors) return 1;
  return Object.values(errors).reduce<number>((n, e) => n + countErrors(e), 0);
}
