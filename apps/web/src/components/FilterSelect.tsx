import { Field } from './Field';

/** A labelled filter select: the first option ("all") clears the filter, so the value is undefined. */
export function FilterSelect({ label, all, value, options, onChange }: {
  label: string;
  /** The label of the empty option, e.g. "Alle Sozialräume". */
  all: string;
  value: string | undefined;
  options: ReadonlyArray<{ value: string; label: string }>;
  onChange: (value: string | undefined) => void;
}) {
  return (
    <Field label={label} kind="select">
      {(props) => (
        <select {...props} value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
          <option value="">{all}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
