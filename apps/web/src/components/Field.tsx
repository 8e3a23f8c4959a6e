import { type ReactNode, useId } from 'react';

export interface FieldProps {
  label: string;
  /** The message to show at the field, if it is wrong. */
  error?: string;
  hint?: string;
  optional?: boolean;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean; className: string }) => ReactNode;
  /** select fields need KERN's wrapper for their arrow. */
  kind?: 'input' | 'select' | 'textarea';
}

/** A labelled KERN form field; the control is rendered by the caller with the ids that tie label, hint and error to it. */
export function Field({ label, error, hint, optional, children, kind = 'input' }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hinweis` : undefined;
  const errorId = error ? `${id}-fehler` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const base = kind === 'select' ? 'kern-form-input__select' : 'kern-form-input__input';
  const control = children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, className: error ? `${base} ${base}--error` : base });
  return (
    <div className={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <label className="kern-label" htmlFor={id}>
        {label}
        {optional && <span className="kern-label__optional"> – optional</span>}
      </label>
      {hint && (
        <div className="kern-hint" id={hintId}>
          {hint}
        </div>
      )}
      {kind === 'select' ? <div className="kern-form-input__select-wrapper">{control}</div> : control}
      {error && (
        <p className="kern-error" id={errorId}>
          <span className="kern-icon kern-icon--danger" aria-hidden="true" />
          <span>{error}</span>
        </p>
      )}
    </div>
  );
}

/** A group of checkboxes or radios with one legend and one error. */
export function Fieldset({ legend, error, hint, children }: { legend: string; error?: string; hint?: string; children: ReactNode }) {
  const id = useId();
  return (
    <fieldset className={`kern-fieldset${error ? ' kern-fieldset--error' : ''}`} aria-describedby={[hint && `${id}-hinweis`, error && `${id}-fehler`].filter(Boolean).join(' ') || undefined}>
      <legend className="kern-label">{legend}</legend>
      {hint && (
        <div className="kern-hint" id={`${id}-hinweis`}>
          {hint}
        </div>
      )}
      <div className="kern-fieldset__body">{children}</div>
      {error && (
        <p className="kern-error" id={`${id}-fehler`}>
          <span className="kern-icon kern-icon--danger" aria-hidden="true" />
          <span>{error}</span>
        </p>
      )}
    </fieldset>
  );
}
