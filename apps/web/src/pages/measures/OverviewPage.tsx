import { getRouteApi } from '@tanstack/react-router';
import { hasRole, useMe } from '../../api/context';
import { Alert, ErrorAlert, Loading } from '../../components/Alert';
import { formatNumber } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { ExportButtons } from './ExportButtons';
import { OVERVIEW_MAX_ITEMS, useOverview } from './measure-queries';
import { Breakdown, Totals } from './OverviewFigures';
import { OverviewFilters } from './OverviewFilters';
import { overviewQuery, type OverviewSearch } from './overview-search';
import { OverviewTable } from './OverviewTable';

const route = getRouteApi('/app/massnahmen');

/** The measures the person may see: figures, filters, the sortable list and its export. */
export function OverviewPage() {
  usePageTitle('Maßnahmen');
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const me = useMe();
  const mySpaces = me.data?.spaces ?? [];
  // "My spaces" only for those who coordinate some: the service refuses it to everyone else.
  const query = overviewQuery(mySpaces.length > 0 ? search : { ...search, mySpaces: undefined });
  const overview = useOverview(query, me.isSuccess);
  const departmentOnly = hasRole(me.data, 'department-staff') && !['planner', 'coordinator', 'steering-committee'].some((r) => hasRole(me.data, r)) && (me.data?.departments.length ?? 0) <= 1;
  const change = (next: Partial<OverviewSearch>) => void navigate({ search: (prev) => ({ ...prev, ...next }) });
  const apply = (next: OverviewSearch) => void navigate({ search: next });
  const filterKey = JSON.stringify({ ...query, mySpaces: search.mySpaces });

  return (
    <section className="page">
      <header className="kern-stack-xs">
        <h1 className="kern-heading-large">Maßnahmen</h1>
        <p className="kern-body">
          {departmentOnly
            ? 'Die Maßnahmen Ihres Fachbereichs: Stand, Ampel, Meilensteine, Statusberichte und Budget.'
            : 'Die Maßnahmen der Strategiezyklen: Stand, Ampel, Meilensteine, Statusberichte und Budget.'}
        </p>
      </header>

      {me.data && <OverviewFilters key={filterKey} search={search} mySpaces={mySpaces} showDepartments={!departmentOnly} onApply={apply} />}

      {(me.isPending || overview.isPending) && <Loading what="Maßnahmen" />}
      {me.isError && <ErrorAlert error={me.error} title="Ihre Anmeldedaten konnten nicht geladen werden" />}
      {overview.isError && <ErrorAlert error={overview.error} title="Die Maßnahmen konnten nicht geladen werden" />}
      {overview.data && (
        <div className="kern-stack-lg" aria-busy={overview.isFetching}>
          <Totals overview={overview.data} />
          <Breakdown overview={overview.data} search={search} />
          <section aria-labelledby="liste" className="kern-stack-sm">
            <div className="form-row form-row--between">
              <h2 id="liste" className="kern-heading-medium">
                Liste
              </h2>
              <ExportButtons query={query} disabled={overview.data.total === 0} />
            </div>
            {overview.data.total > overview.data.items.length && (
              <Alert tone="info" title="Nicht alle Maßnahmen in der Tabelle">
                <p>
                  Die Tabelle zeigt die ersten {formatNumber(OVERVIEW_MAX_ITEMS)} von {formatNumber(overview.data.total)} Maßnahmen. Grenzen Sie die Auswahl mit den Filtern ein, oder laden Sie die
                  ganze Liste als Datei herunter.
                </p>
              </Alert>
            )}
            <OverviewTable overview={overview.data} search={search} onChange={change} />
          </section>
        </div>
      )}
    </section>
  );
}
