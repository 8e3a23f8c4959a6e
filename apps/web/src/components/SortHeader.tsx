/** A column heading that sorts the table by its column: a click ascending, again descending; the state in aria-sort. */
export function SortHeader({ label, numeric, sorted, onSort }: { label: string; numeric?: boolean; sorted?: 'ascending' | 'descending'; onSort: () => void }) {
  return (
    <th scope="col" className={`kern-table__header${numeric ? ' kern-table__header--numeric' : ''}`} aria-sort={sorted}>
      <button type="button" className="sort-button" onClick={onSort}>
        {label}
        <span className="sort-button__arrow" aria-hidden="true">
          {sorted ? (sorted === 'descending' ? '▼' : '▲') : '↕'}
        </span>
      </button>
    </th>
  );
}

/** The header row of a sortable table: one SortHeader per column, the sorted one marked. */
export function SortHeaderRow<K extends string>({ columns, order, onSort }: {
  columns: ReadonlyArray<{ key: K; label: string; numeric?: boolean }>;
  order: { key: K; descending: boolean } | undefined;
  onSort: (key: K) => void;
}) {
  return (
    <tr className="kern-table__row">
      {columns.map((c) => (
        <SortHeader key={c.key} label={c.label} numeric={c.numeric} sorted={order?.key === c.key ? (order.descending ? 'descending' : 'ascending') : undefined} onSort={() => onSort(c.key)} />
      ))}
    </tr>
  );
}
