import { type ReactNode, useId, useState } from 'react';
import { type Control, Controller, type FieldValues, type Path, type UseFormRegisterReturn } from 'react-hook-form';
import { Field, Fieldset } from '../../../components/Field';

/** The first message in a react-hook-form error tree (an array's own error, or its first item's). */
export function messageOf(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { message, root } = error as { message?: unknown; root?: { message?: unknown } };
  if (typeof message === 'string' && message) return message;
  if (typeof root?.message === 'string') return root.message;
  for (const [key, value] of Object.entries(error)) {
    if (key === 'ref' || key === 'root') continue;
    const inner = messageOf(value);
    if (inner) return inner;
  }
  return undefined;
}

/** The error of a whole list (e.g. "at least one entry"), not of one of its entries. */
export function ListError({ error }: { error: unknown }) {
  const list = error as { message?: string; root?: { message?: string } } | undefined;
  const message = list?.root?.message ?? list?.message;
  if (!message) return null;
  return (
    <p className="kern-error">
      <span className="kern-icon kern-icon--danger" aria-hidden="true" />
      <span>{message}</span>
    </p>
  );
}

/** Radios that always say their meaning in words; one legend, one error for the group. */
export function RadioChoice({ legend, hint, error, options, registration }: {
  legend: string;
  hint?: string;
  error?: string;
  options: Record<string, string>;
  registration: UseFormRegisterReturn;
}) {
  const id = useId();
  return (
    <Fieldset legend={legend} hint={hint} error={error}>
      {Object.entries(options).map(([value, label]) => (
        <div key={value} className="kern-form-check">
          <input className="kern-form-check__radio" type="radio" id={`${id}-${value}`} value={value} {...registration} />
          <label className="kern-label" htmlFor={`${id}-${value}`}>
            {label}
          </label>
        </div>
      ))}
    </Fieldset>
  );
}

/** A yes/no checkbox with its own label, and its hint and error below it. */
export function CheckboxField({ label, hint, error, registration }: { label: string; hint?: string; error?: string; registration: UseFormRegisterReturn }) {
  const id = useId();
  return (
    <div className={`kern-form-input check-field${error ? ' kern-form-input--error' : ''}`}>
      <div className="kern-form-check">
        <input
          className="kern-form-check__checkbox"
          type="checkbox"
          id={id}
          aria-describedby={[hint && `${id}-hinweis`, error && `${id}-fehler`].filter(Boolean).join(' ') || undefined}
          aria-invalid={error ? true : undefined}
          {...registration}
        />
        <label className="kern-label" htmlFor={id}>
          {label}
        </label>
      </div>
      {hint && (
        <div className="kern-hint" id={`${id}-hinweis`}>
          {hint}
        </div>
      )}
      {error && (
        <p className="kern-error" id={`${id}-fehler`}>
          <span className="kern-icon kern-icon--danger" aria-hidden="true" />
          <span>{error}</span>
        </p>
      )}
    </div>
  );
}

/** Checkboxes for a list of keys (target groups, departments); the value is the chosen keys in the options' order. */
export function CheckboxChoice<T extends FieldValues>({ control, name, legend, hint, error, options }: {
  control: Control<T>;
  name: Path<T>;
  legend: string;
  hint?: string;
  error?: string;
  options: Record<string, string>;
}) {
  const id = useId();
  const keys = Object.keys(options);
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => {
        const chosen = new Set<string>(Array.isArray(field.value) ? (field.value as string[]) : []);
        const toggle = (key: string, on: boolean) => {
          if (on) chosen.add(key);
          else chosen.delete(key);
          field.onChange(keys.filter((k) => chosen.has(k)));
        };
        return (
          <Fieldset legend={legend} hint={hint} error={error}>
            <div className="check-grid">
              {keys.map((key, i) => (
                <div key={key} className="kern-form-check">
                  <input
                    className="kern-form-check__checkbox"
                    type="checkbox"
                    id={`${id}-${key}`}
                    name={field.name}
                    value={key}
                    checked={chosen.has(key)}
                    onChange={(e) => toggle(key, e.target.checked)}
                    onBlur={field.onBlur}
                    ref={i === 0 ? field.ref : undefined}
                  />
                  <label className="kern-label" htmlFor={`${id}-${key}`}>
                    {options[key]}
                  </label>
                </div>
              ))}
            </div>
          </Fieldset>
        );
      }}
    />
  );
}

/** A list of short texts typed one per line (e.g. the actors of a participation format). */
export function LinesField<T extends FieldValues>({ control, name, label, hint, error }: { control: Control<T>; name: Path<T>; label: string; hint?: string; error?: string }) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <LinesInput label={label} hint={hint} error={error} value={field.value} onChange={field.onChange} onBlur={field.onBlur} inputRef={field.ref} />
      )}
    />
  );
}

function LinesInput({ label, hint, error, value, onChange, onBlur, inputRef }: {
  label: string;
  hint?: string;
  error?: string;
  value: unknown;
  onChange: (lines: string[]) => void;
  onBlur: () => void;
  inputRef: (element: HTMLTextAreaElement | null) => void;
}) {
  // The text as typed (with its empty last line while typing); the form holds the lines.
  const [text, setText] = useState(() => (Array.isArray(value) ? value.join('\n') : ''));
  return (
    <Field label={label} hint={hint} error={error}>
      {(props) => (
        <textarea
          {...props}
          rows={3}
          value={text}
          ref={inputRef}
          onBlur={onBlur}
          onChange={(e) => {
            setText(e.target.value);
            onChange(e.target.value.split('\n').map((line) => line.trim()).filter(Boolean));
          }}
        />
      )}
    </Field>
  );
}

/** A button that adds or removes an entry of a repeatable group. */
export function RepeatButton({ kind, onClick, children }: { kind: 'add' | 'remove'; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      className={kind === 'add' ? 'kern-btn kern-btn--secondary' : 'kern-btn kern-btn--tertiary kern-btn--x-small'}
      onClick={onClick}
    >
      <span className={`kern-icon kern-icon--${kind === 'add' ? 'add' : 'delete'}`} aria-hidden="true" />
      <span className="kern-label">{children}</span>
    </button>
  );
}

/** A short key for a title: "Übergang Schule–Beruf" → "uebergang-schule-beruf" (as the contracts' need keys want). */
export function slugOf(title: string): string {
  return title
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}
