import { getRouteApi, Link } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { ErrorAlert, Loading } from '../../components/Alert';
import { SortHeaderRow } from '../../components/SortHeader';
import { SUPPRESSION_NOTE } from '../../lib/disclosed';
import { usePageTitle } from '../../lib/usePageTitle';
import { ChoroplethMap } from './ChoroplethMap';
import { joinByCode, type MapRow, mapRows, type SortColumn, type SortDirection, sortRows } from './map-classes';
import { useIndicatorPeriods, useIndicators, useMapClasses, useMapOutlines } from './map-queries';
import { type MapSearch, SPACE_TYPES } from './map-search';

const route = getRouteApi('/app/karte');

const VIEWS: Array<{ view: MapSearch['ansicht']; label: string }> = [
  { view: 'status', label: 'Statusklasse' },
  { view: 'dynamics', label: 'Dynamikklasse' },
  { view: 'indicator', label: 'Ein Indikator' },
];

/** The map: one space type at a time, coloured by class or by one indicator's values, with the same data as a table. */
export function MapPage() {
  usePageTitle('Karte');
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const change = (next: Partial<MapSearch>) => void navigate({ search: (prev) => ({ ...prev, ...next }), replace: true });
  const indicators = useIndicators();
  const indicatorKey = search.ansicht === 'indicator' ? (search.indikator ?? indicators.data?.[0]?.key) : undefined;
  const indicator = indicators.data?.find((i) => i.key === indicatorKey);
  const periods = useIndicatorPeriods(indicatorKey, search.typ);
  const period = indicatorKey ? (search.jahr ?? periods.data?.[0]) : undefined;
  // The outlines once per type; changing the view fetches only the classes, joined by code.
  const outlines = useMapOutlines(search.typ);
  const classes = useMapClasses(search.typ, indicatorKey, period);
  const [sort, setSort] = useState<{ column: SortColumn; direction: SortDirection }>({ column: 'name', direction: 'ascending' });
  const [hovered, setHovered] = useState<MapRow>();

  const shown = useMemo(
    () => (outlines.data && classes.data ? mapRows(joinByCode(outlines.data.features, classes.data), search.ansicht, indicatorKey, indicator?.polarity ?? 'neutral') : undefined),
    [outlines.data, classes.data, search.ansicht, indicatorKey, indicator?.polarity],
  );
  const classPeriod = classes.data?.classPeriod;
  const rows = useMemo(() => (shown ? sortRows(shown.rows, sort.column, sort.direction) : []), [shown, sort]);
  const what = search.ansicht === 'indicator' ? `${indicator?.name ?? 'Indikator'}${indicator?.unit ? ` (${indicator.unit})` : ''}${period ? `, ${period}` : ''}` : search.ansicht === 'status' ? `Statusklasse${classPeriod ? `, ${classPeriod}` : ''}` : `Dynamikklasse${classPeriod ? `, ${classPeriod}` : ''}`;
  const typeLabel = SPACE_TYPES.find((t) => t.type === search.typ)?.label ?? search.typ;

  // A click sorts ascending, a second one on the same column descending.
  const sortBy = (column: SortColumn) =>
    setSort((current) => ({ column, direction: current.column === column && current.direction === 'ascending' ? 'descending' : 'ascending' }));

  return (
    <div className="page">
      <h1 className="kern-heading-large">Karte</h1>
      <form className="map-controls" onSubmit={(e) => e.preventDefault()} aria-label="Was die Karte zeigt">
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="karte-typ">Raumtyp</label>
          <select id="karte-typ" className="kern-form-input__select" value={search.typ} onChange={(e) => change({ typ: e.target.value as MapSearch['typ'], jahr: undefined })}>
            {SPACE_TYPES.map((t) => <option key={t.type} value={t.type}>{t.label}</option>)}
          </select>
        </div>
        <div className="kern-form-input">
          <label className="kern-label" htmlFor="karte-ansicht">Darstellung</label>
          <select id="karte-ansicht" className="kern-form-input__select" value={search.ansicht} onChange={(e) => change({ ansicht: e.target.value as MapSearch['ansicht'] })}>
            {VIEWS.map((v) => <option key={v.view} value={v.view}>{v.label}</option>)}
          </select>
        </div>
        {search.ansicht === 'indicator' && (
          <>
            <div className="kern-form-input">
              <label className="kern-label" htmlFor="karte-indikator">Indikator</label>
              <select id="karte-indikator" className="kern-form-input__select" value={indicatorKey ?? ''} onChange={(e) => change({ indikator: e.target.value, jahr: undefined })}>
                {(indicators.data ?? []).map((i) => <option key={i.key} value={i.key}>{i.name}</option>)}
              </select>
            </div>
            <div className="kern-form-input">
              <label className="kern-label" htmlFor="karte-jahr">Jahr</label>
              <select id="karte-jahr" className="kern-form-input__select" value={period ?? ''} onChange={(e) => change({ jahr: e.target.value })}>
                {(periods.data ?? []).map((p) => <option key={p} value={p}>{p}</option>)}
              </select>
            </div>
          </>
        )}
      </form>

      {(outlines.isPending || classes.isPending) && !(outlines.isError || classes.isError) && <Loading what="Die Karte" />}
      {(outlines.isError || classes.isError) && <ErrorAlert error={outlines.error ?? classes.error} title="Die Karte konnte nicht geladen werden" />}
      {shown && outlines.data && (
        <div className="map-layout">
          <section className="map-layout__map kern-stack-sm" aria-labelledby="karte-titel">
            <h2 id="karte-titel" className="kern-heading-small">{typeLabel}: {what}</h2>
            <ChoroplethMap features={outlines.data.features} rows={shown.rows} onHover={setHovered} onSelect={(code) => void navigate({ to: '/raeume/$code', params: { code } })} />
            <p className="kern-body--small map-hover" aria-live="polite" data-testid="karte-hover">
              {hovered ? `${hovered.name} (${hovered.code}): ${hovered.text}` : 'Zeigen Sie auf einen Raum für seinen Wert; ein Klick öffnet sein Profil.'}
            </p>
            <ul className="map-legend" aria-label="Legende">
              {shown.legend.map((entry) => (
                <li key={entry.key}>
                  <span className="map-legend__swatch" data-colour={entry.colour} aria-hidden="true" ref={(el) => el?.style.setProperty('background-color', entry.colour)} />
                  {entry.label}
                </li>
              ))}
            </ul>
          </section>
          <section className="map-layout__table" aria-labelledby="karte-tabelle">
            <h2 id="karte-tabelle" className="kern-heading-small">Dieselben Werte als Tabelle</h2>
            <div className="kern-table-responsive">
              <table className="kern-table kern-table--small" data-testid="karte-tabelle">
                <caption className="kern-sr-only">{typeLabel}: {what}</caption>
                <thead className="kern-table__head">
                  <SortHeaderRow
                    columns={[
                      { key: 'code', label: 'Code' },
                      { key: 'name', label: 'Raum' },
                      { key: 'value', label: search.ansicht === 'indicator' ? 'Wert' : 'Klasse' },
                    ]}
                    order={{ key: sort.column, descending: sort.direction === 'descending' }}
                    onSort={sortBy}
                  />
                </thead>
                <tbody className="kern-table__body">
                  {rows.map((row) => (
                    <tr key={row.code} className="kern-table__row" data-code={row.code}>
                      <td className="kern-table__cell">{row.code}</td>
                      <th scope="row" className="kern-table__cell">
                        <Link to="/raeume/$code" params={{ code: row.code }} className="kern-link">{row.name}</Link>
                      </th>
                      <td className="kern-table__cell" data-testid="karte-wert">
                        {row.text}
                        {row.suppressed && <span className="kern-sr-only"> (Geheimhaltung)</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {search.ansicht === 'indicator' && <p className="kern-body--small">{SUPPRESSION_NOTE}</p>}
          </section>
        </div>
      )}
    </div>
  );
}
