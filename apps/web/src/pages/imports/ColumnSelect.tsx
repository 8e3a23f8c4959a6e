import { Field } from '../../components/Field';

/** A select of the table's header columns. */
export function ColumnSelect({ label, header, value, onChange }: { label: string; header: string[]; value: string; onChange: (column: string) => void }) {
  return (
    <Field label={label} kind="select">
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
          {header.map((h) => (
            <option key={h} value={h}>
              {h}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
