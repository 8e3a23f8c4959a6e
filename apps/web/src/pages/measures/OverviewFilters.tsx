import { TARGET_GROUPS } from '@sozialraum/contracts/browser';
import { type FormEvent, useId, useState } from 'react';
import { Field } from '../../components/Field';
import { DEPARTMENT_LABELS, measureStatusLabel, TARGET_GROUP_LABELS } from '../../lib/labels';
import { useSpaceName, useSpaces } from '../../lib/spaces';
import { trafficLightText } from './badges';
import { useCycles } from './measure-queries';
import { filtersFromSearch, MEASURE_STATUSES, type OverviewFilters as Filters, type OverviewSearch, searchFromFilters, TRAFFIC_LIGHTS } from './overview-search';

interface Option {
  value: string;
  label: string;
}

/** A group of checkboxes that folds away; it starts open when something in it is chosen. */
function CheckboxGroup({ legend, options, chosen, onChange }: { legend: string; options: Option[]; chosen: string[]; onChange: (values: string[]) => void }) {
  const id = useId();
  const [open, setOpen] = useState(chosen.length > 0);
  const toggle = (value: string, on: boolean) => onChange(on ? [...chosen, value] : chosen.filter((v) => v !== value));
  return (
    <details className="filter-group" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="filter-group__summary">
        {legend}
        {chosen.length > 0 && (
          <span className="count-badge count-badge--muted">
            {chosen.length}
            <span className="kern-sr-only"> gewählt</span>
          </span>
        )}
      </summary>
      <fieldset className="kern-fieldset filter-group__body">
        <legend className="kern-sr-only">{legend}</legend>
        {options.map((o, index) => (
          <div className="kern-form-check" key={o.value}>
            <input className="kern-form-check__checkbox" type="checkbox" id={`${id}-${index}`} checked={chosen.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} />
            <label className="kern-label" htmlFor={`${id}-${index}`}>
              {o.label}
            </label>
          </div>
        ))}
      </fieldset>
    </details>
  );
}

export interface OverviewFiltersProps {
  search: OverviewSearch;
  /** The spaces the person coordinates: only then is "my spaces" offered (the service refuses it to others). */
  mySpaces: string[];
  /** Department staff see only their own department: no department filter for them. */
  showDepartments: boolean;
  onApply: (search: OverviewSearch) => void;
}

/**
 * The filters as a form: chosen here, applied with one button, kept in the address. Mount it with a key of
 * the address's filters, so it starts again from the address after back and forward.
 */
export function OverviewFilters({ search, mySpaces, showDepartments, onApply }: OverviewFiltersProps) {
  const [filters, setFilters] = useState<Filters>(() => filtersFromSearch(search));
  const spaces = useSpaces();
  const spaceName = useSpaceName();
  const cycles = useCycles();
  const set = <K extends keyof Filters>(key: K) => (value: Filters[K]) => setFilters((f) => ({ ...f, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(searchFromFilters(filters, search.sort));
  };
  const reset = () => {
    const empty = filtersFromSearch({ page: 1 });
    setFilters(empty);
    onApply(searchFromFilters(empty, search.sort));
  };

  const cycleOptions = (cycles.data?.items ?? []).map((c) => ({ value: c.id, label: `${spaceName(c.spaceCode)}, Zyklus ${c.number} (${c.phaseLabel})` }));
  if (filters.cycle && !cycleOptions.some((c) => c.value === filters.cycle)) cycleOptions.push({ value: filters.cycle, label: filters.cycle });

  return (
    <form className="overview-filters kern-stack-md" aria-labelledby="filter-ueberschrift" onSubmit={submit}>
      <h2 id="filter-ueberschrift" className="kern-heading-small">
        Filter
      </h2>
      {mySpaces.length > 0 && (
        <div className="kern-form-check">
          <input className="kern-form-check__checkbox" type="checkbox" id="meine-sozialraeume" checked={filters.mySpaces} onChange={(e) => set('mySpaces')(e.target.checked)} />
          <label className="kern-label" htmlFor="meine-sozialraeume">
            Nur meine Sozialräume ({mySpaces.map(spaceName).join(', ')})
          </label>
        </div>
      )}
      <div className="filters filters--groups">
        <CheckboxGroup legend="Sozialraum" options={(spaces.data ?? []).map((s) => ({ value: s.code, label: s.name }))} chosen={filters.spaces} onChange={set('spaces')} />
        {showDepartments && (
          <CheckboxGroup legend="Fachbereich" options={Object.entries(DEPARTMENT_LABELS).map(([value, label]) => ({ value, label }))} chosen={filters.departments} onChange={set('departments')} />
        )}
        <CheckboxGroup legend="Status" options={MEASURE_STATUSES.map((s) => ({ value: s, label: measureStatusLabel(s) }))} chosen={filters.statuses} onChange={(v) => set('statuses')(v as Filters['statuses'])} />
        <CheckboxGroup legend="Ampel" options={TRAFFIC_LIGHTS.map((t) => ({ value: t, label: trafficLightText(t) }))} chosen={filters.trafficLights} onChange={(v) => set('trafficLights')(v as Filters['trafficLights'])} />
        <CheckboxGroup legend="Zielgruppe" options={TARGET_GROUPS.map((t) => ({ value: t, label: TARGET_GROUP_LABELS[t] ?? t }))} chosen={filters.targetGroups} onChange={(v) => set('targetGroups')(v as Filters['targetGroups'])} />
        <Field label="Strategiezyklus" kind="select">
          {(props) => (
            <select {...props} value={filters.cycle} onChange={(e) => set('cycle')(e.target.value)}>
              <option value="">Alle Zyklen</option>
              {cycleOptions.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="kern-btn-wrapper">
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-icon kern-icon--search" aria-hidden="true" />
          <span className="kern-label">Filter anwenden</span>
        </button>
        <button type="button" className="kern-btn kern-btn--tertiary" onClick={reset}>
          <span className="kern-label">Filter zurücksetzen</span>
        </button>
      </div>
    </form>
  );
}
