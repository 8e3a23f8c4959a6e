import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { unwrap } from '../../api/client';
import { hasRole, useApi, useMe } from '../../api/context';
import { ErrorAlert, Loading } from '../../components/Alert';
import { FilterSelect } from '../../components/FilterSelect';
import { byGerman, formatDate } from '../../lib/format';
import { DEPARTMENT_LABELS, departmentLabel } from '../../lib/labels';
import { useSpaceName, useSpaces } from '../../lib/spaces';
import { usePageTitle } from '../../lib/usePageTitle';
import { type BoardColumn, boardColumns, inDistrict, openTasksText, overdueText } from './board';
import { type CycleSummary, useBoardCycles } from './cycle-queries';
import type { CyclesSearch } from './cycles-search';
import { CycleStatusBadge } from './CycleStatusBadge';
import { StartCycleForm } from './StartCycleForm';

const route = getRouteApi('/app/zyklen');

/** The spaces above the social spaces (districts), by code, for the district filter. */
function useDistricts() {
  const api = useApi();
  const spaces = useSpaces();
  const all = useQuery({ queryKey: ['spaces', 'all'], queryFn: () => unwrap(api.monitoring.GET('/v1/spaces')), staleTime: 10 * 60_000 });
  const parents = new Set((spaces.data ?? []).map((s) => s.parentCode).filter(Boolean));
  return (all.data?.items ?? []).filter((s) => parents.has(s.code)).sort(byGerman((s) => s.name));
}

/** All strategy cycles by phase, filtered by space, district and department; planners start new ones here. */
export function BoardPage() {
  usePageTitle('Strategiezyklen');
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const me = useMe();
  const spaces = useSpaces();
  const spaceName = useSpaceName();
  const districts = useDistricts();
  const cycles = useBoardCycles({ space: search.space, department: search.department });
  const set = (change: Partial<CyclesSearch>) => void navigate({ search: (prev) => ({ ...prev, ...change }) });
  const shown = inDistrict(cycles.data?.items ?? [], spaces.data ?? [], search.district);
  const columns = boardColumns(shown, { closed: !!search.closed, spaceName });
  const count = columns.reduce((sum, c) => sum + c.cycles.length, 0);

  return (
    <section className="page">
      <header className="kern-stack-xs">
        <h1 className="kern-heading-large">Strategiezyklen</h1>
        <p className="kern-body">Alle Strategiezyklen nach ihrer Phase, mit den offenen und überfälligen Aufgaben, soweit Sie sie sehen dürfen.</p>
      </header>

      {hasRole(me.data, 'planner') && <StartCycleForm />}

      <form className="filters" aria-label="Strategiezyklen filtern" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect label="Sozialraum" all="Alle Sozialräume" value={search.space} options={(spaces.data ?? []).map((s) => ({ value: s.code, label: s.name }))} onChange={(space) => set({ space })} />
        <FilterSelect label="Bezirk" all="Alle Bezirke" value={search.district} options={districts.map((d) => ({ value: d.code, label: d.name }))} onChange={(district) => set({ district })} />
        <FilterSelect label="Fachbereich" all="Alle Fachbereiche" value={search.department} options={Object.entries(DEPARTMENT_LABELS).map(([value, label]) => ({ value, label }))} onChange={(department) => set({ department })} />
        <div className="kern-form-check">
          <input className="kern-form-check__checkbox" type="checkbox" id="abgeschlossene" checked={!!search.closed} onChange={(e) => set({ closed: e.target.checked || undefined })} />
          <label className="kern-label" htmlFor="abgeschlossene">
            Abgeschlossene und abgebrochene Zyklen zeigen
          </label>
        </div>
      </form>

      {cycles.isPending && <Loading what="Strategiezyklen" />}
      {cycles.isError && <ErrorAlert error={cycles.error} title="Die Strategiezyklen konnten nicht geladen werden" />}
      {cycles.data && (
        <>
          <p className="kern-body" aria-live="polite" data-testid="zyklen-anzahl">
            {count === 0 ? 'Keine Strategiezyklen für diese Auswahl.' : `${count} ${count === 1 ? 'Strategiezyklus' : 'Strategiezyklen'}`}
          </p>
          <div className="board">
            {columns.map((column) => (
              <BoardColumnSection key={column.key} column={column} spaceName={spaceName} />
            ))}
          </div>
        </>
      )}
    </section>
  );
}

function BoardColumnSection({ column, spaceName }: { column: BoardColumn; spaceName: (code: string) => string }) {
  const id = `spalte-${column.key}`;
  return (
    <section aria-labelledby={id} className="board__column" data-testid={`spalte-${column.key}`}>
      <h2 id={id} className="kern-heading-small board__heading">
        {column.label}{' '}
        <span className="count-badge count-badge--muted">
          {column.cycles.length}
          <span className="kern-sr-only">{column.cycles.length === 1 ? ' Zyklus' : ' Zyklen'}</span>
        </span>
      </h2>
      {column.cycles.length === 0 ? (
        <p className="kern-body--small kern-body--muted">Kein Zyklus in dieser Phase.</p>
      ) : (
        <ul className="board__cards">
          {column.cycles.map((cycle) => (
            <li key={cycle.id}>
              <CycleCard cycle={cycle} spaceName={spaceName} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CycleCard({ cycle, spaceName }: { cycle: CycleSummary; spaceName: (code: string) => string }) {
  const overdue = overdueText(cycle.taskCounts.overdue);
  return (
    <article className="kern-card board__card" data-testid="zyklus">
      <h3 className="kern-title kern-title--small">
        <Link to="/zyklen/$cycleId" params={{ cycleId: cycle.id }} className="kern-link">
          {spaceName(cycle.spaceCode)}, Zyklus {cycle.number}
        </Link>
      </h3>
      {cycle.status !== 'running' && <CycleStatusBadge status={cycle.status} />}
      <p className="kern-body--small">
        <span data-testid="offene-aufgaben">{openTasksText(cycle.taskCounts.open)}</span>
        {overdue && (
          <span className="kern-badge kern-badge--warning kern-badge--small" data-testid="ueberfaellige-aufgaben">
            <span className="kern-label">{overdue}</span>
          </span>
        )}
      </p>
      <p className="kern-body--small kern-body--muted">
        Seit {formatDate(cycle.startedAt)}
        {cycle.departments.length > 0 && <> · {cycle.departments.map(departmentLabel).join(', ')}</>}
      </p>
    </article>
  );
}
