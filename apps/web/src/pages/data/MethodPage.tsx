import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { hasRole, useMe } from '../../api/context';
import { ApiError } from '../../api/problem';
import { Alert, ErrorAlert, Loading } from '../../components/Alert';
import { Field } from '../../components/Field';
import { formatDate, formatNumber } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { NotFoundPage } from '../NotFoundPage';
import { DYNAMICS_SOURCE_LABELS, label } from './data-labels';
import { type MethodDefinition, useIndicators, useMethod, useMethodResults } from './data-queries';
import { RecomputePanel } from './RecomputePanel';
import { ResultsTable } from './ResultsTable';

const route = getRouteApi('/app/daten/methoden/$key/$version');

/** One method version: its definition, its recomputation (planners) and its results per space and period. */
export function MethodPage() {
  const { key, version } = route.useParams();
  const { neu } = route.useSearch();
  usePageTitle(`${key}, Version ${version}`);
  const me = useMe();
  const method = useMethod(key, version);
  const periods = method.data?.periods ?? [];
  const [chosen, setChosen] = useState<string>();
  const period = chosen ?? periods.at(-1);
  const results = useMethodResults(key, version, period, periods.length > 0);

  if (method.isPending) return <Loading what="Die Methode" />;
  if (method.error instanceof ApiError && method.error.status === 404) return <NotFoundPage />;
  if (method.isError) return <ErrorAlert error={method.error} title="Die Methode konnte nicht geladen werden" />;

  return (
    <article className="kern-stack-lg">
      <nav aria-label="Brotkrümelnavigation" className="breadcrumb">
        <Link to="/daten/methoden" className="kern-link">
          Indexmethoden
        </Link>
        <span aria-hidden="true"> › </span>
        <span aria-current="page">
          {key}, Version {version}
        </span>
      </nav>
      <header className="kern-stack-xs">
        <p className="kern-preline">Indexmethode</p>
        <h1 className="kern-heading-large">
          {key}, Version {version}
        </h1>
        <p className="kern-body">{method.data.definition.description}</p>
      </header>
      {neu && <Alert tone="success" title="Die Version ist angelegt. Berechnen Sie sie jetzt, damit es Ergebnisse gibt." />}
      <Definition definition={method.data.definition} createdAt={method.data.createdAt} createdBy={method.data.createdBy} active={method.data.active} />
      {hasRole(me.data, 'planner') && <RecomputePanel methodKey={key} version={version} />}
      <section aria-labelledby="ergebnisse" className="kern-stack-sm">
        <h2 id="ergebnisse" className="kern-heading-medium">
          Ergebnisse je Sozialraum
        </h2>
        {periods.length === 0 ? (
          <p className="kern-body">Diese Version wurde noch nicht berechnet.</p>
        ) : (
          <>
            <div className="filters">
              <Field label="Zeitraum" kind="select">
                {(props) => (
                  <select {...props} value={period} onChange={(e) => setChosen(e.target.value)}>
                    {periods.map((p) => (
                      <option key={p} value={p}>
                        {p}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            {results.isPending && <Loading what="Ergebnisse" />}
            {results.isError && <ErrorAlert error={results.error} title="Die Ergebnisse konnten nicht geladen werden" />}
            {results.data && <ResultsTable run={results.data} />}
          </>
        )}
      </section>
    </article>
  );
}

function Definition({ definition: d, createdAt, createdBy, active }: { definition: MethodDefinition; createdAt: string; createdBy: string; active: boolean }) {
  const indicators = useIndicators();
  const name = (key: string) => indicators.data?.items.find((i) => i.key === key)?.name ?? key;
  const list = (items: MethodDefinition['statusIndicators']) => items.map((i) => `${name(i.indicatorKey)} (Gewicht ${formatNumber(i.weight ?? 1)})`).join(', ');
  const rows: Array<[string, string]> = [
    ['Statusindikatoren', list(d.statusIndicators)],
    ['Dynamikindikatoren', list(d.dynamicsIndicators)],
    ['Dynamik', `${label(DYNAMICS_SOURCE_LABELS, d.dynamicsSource)}, über ${d.dynamicsPeriodYears ?? 2} Jahre`],
    ['Bewertete Räume', `${d.spaceType === 'social-space' ? 'Sozialräume' : (d.spaceType ?? '–')} ab ${formatNumber(d.minPopulation ?? 0)} Einwohnern`],
    ['Schwellen des Statusindex', d.statusCutoffs ? `hoch unter ${formatNumber(d.statusCutoffs.high)}, mittel bis ${formatNumber(d.statusCutoffs.mediumUpper)}, niedrig bis ${formatNumber(d.statusCutoffs.lowUpper)}, darüber sehr niedrig` : '–'],
    ['Schwellen des Dynamikindex', d.dynamicsCutoffs ? `positiv unter ${formatNumber(d.dynamicsCutoffs.positive)}, negativ über ${formatNumber(d.dynamicsCutoffs.negative)}` : '–'],
    ['Angelegt', `${formatDate(createdAt)} von ${createdBy}; ${active ? 'aktiv' : 'nicht aktiv'}`],
  ];
  return (
    <section aria-labelledby="definition" className="kern-stack-sm">
      <h2 id="definition" className="kern-heading-medium">
        Definition
      </h2>
      <dl className="kern-description-list">
        {rows.map(([term, value]) => (
          <div key={term} className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{term}</dt>
            <dd className="kern-description-list-item__value">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
