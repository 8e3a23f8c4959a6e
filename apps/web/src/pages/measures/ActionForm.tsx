import { type ReactNode, useRef, useState } from 'react';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { ApiError, fieldErrors } from '../../api/problem';
import { ErrorAlert } from '../../components/Alert';
import { toGerman } from '../tasks/forms/german-errors';

/** What to say about a refused change to a measure, where the status code alone says too little. */
export function measureProblemMessage(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.status === 409 && error.problem.currentVersion !== undefined) {
    return 'Jemand hat diese Maßnahme inzwischen geändert. Die Seite zeigt jetzt den aktuellen Stand; bitte prüfen Sie ihn und versuchen Sie es dann noch einmal.';
  }
  if (error.status === 409 && Array.isArray(error.problem.allowed)) {
    return 'Diese Statusänderung ist vom jetzigen Status aus nicht (mehr) möglich. Die Seite zeigt jetzt den aktuellen Stand.';
  }
  if (error.status === 403) return 'Diese Änderung dürfen nur die Sozialplanung und der zuständige Fachbereich vornehmen.';
  return undefined;
}

export interface ActionFormProps<T extends FieldValues> {
  form: UseFormReturn<T>;
  /** Sends the values; rejects with the service's refusal. */
  send: (values: T) => Promise<unknown>;
  submitLabel: string;
  pendingLabel: string;
  errorTitle: string;
  children: ReactNode;
  /** What happens after success (e.g. clear the form); the default keeps it as it is. */
  onDone?: () => void;
  secondary?: ReactNode;
  /** The form's accessible name. */
  label: string;
}

/**
 * A form on the measure page: checked in the browser first, sent once (a double click sends one request),
 * and on a refusal everything typed stays, the reason is given in German and the fields the service named are marked.
 */
export function ActionForm<T extends FieldValues>({ form, send, submitLabel, pendingLabel, errorTitle, children, onDone, secondary, label }: ActionFormProps<T>) {
  const [refusal, setRefusal] = useState<unknown>();
  const sending = useRef(false);
  const pending = form.formState.isSubmitting;

  const onValid = async (values: T) => {
    if (sending.current) return;
    sending.current = true;
    setRefusal(undefined);
    try {
      await send(values);
      onDone?.();
    } catch (error) {
      setRefusal(error);
      for (const { path, detail } of fieldErrors(error)) form.setError(path as Path<T>, { type: 'server', message: toGerman(detail) });
    } finally {
      sending.current = false;
    }
  };

  return (
    <form className="kern-stack-md action-form" noValidate aria-label={label} onSubmit={(event) => void form.handleSubmit(onValid)(event)} aria-busy={pending}>
      {refusal !== undefined && <ErrorAlert error={refusal} title={errorTitle} message={measureProblemMessage(refusal)} />}
      {children}
      <div className="kern-btn-wrapper">
        <button type="submit" className="kern-btn kern-btn--primary" disabled={pending} aria-disabled={pending}>
          <span className="kern-label">{pending ? pendingLabel : submitLabel}</span>
        </button>
        {secondary}
      </div>
    </form>
  );
}
