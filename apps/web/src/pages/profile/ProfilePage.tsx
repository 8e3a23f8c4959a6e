import { CYCLE_STATUS_LABELS } from '@sozialraum/contracts/browser';
import { getRouteApi, Link } from '@tanstack/react-router';
import { unwrap } from '../../api/client';
import { useApi } from '../../api/context';
import { ApiError } from '../../api/problem';
import { ErrorAlert, Loading } from '../../components/Alert';
import { PdfDownloadButton } from '../../components/PdfDownloadButton';
import { type Disclosed, disclosedText, SUPPRESSION_NOTE, suppressionReason, visibleValue } from '../../lib/disclosed';
import { formatDate, formatNumber } from '../../lib/format';
import { departmentLabel, measureStatusLabel } from '../../lib/labels';
import { usePageTitle } from '../../lib/usePageTitle';
import { NotFoundPage } from '../NotFoundPage';
import { IndicatorChart } from './IndicatorChart';
import { type Profile, useProfile, useSpaceActivity } from './profile-queries';

const route = getRouteApi('/app/raeume/$code');

/** A value cell: "geheim" with its reason for screen readers and as a tooltip, "–" for none, never 0. */
function ValueCell({ value }: { value: Disclosed }) {
  if (value.suppressed)
    return (
      <td className="kern-table__cell" data-testid="profil-wert">
        <span className="kern-badge kern-badge--info" title={suppressionReason(value.reason)}>geheim</span>
        <span className="kern-sr-only"> ({suppressionReason(value.reason)})</span>
      </td>
    );
  return <td className="kern-table__cell" data-testid="profil-wert">{disclosedText(value)}</td>;
}

function PdfButton({ code }: { code: string }) {
  const api = useApi();
  const fetchPdf = () => unwrap(api.monitoring.GET('/v1/spaces/{code}/profile.pdf', { params: { path: { code } }, parseAs: 'blob' }));
  return <PdfDownloadButton fetchPdf={fetchPdf} filename={`Sozialraumprofil_${code}.pdf`} />;
}

function IndicatorSection({ indicator, spaceName }: { indicator: Profile['indicators'][number]; spaceName: string }) {
  const id = `indikator-${indicator.key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const title = `${indicator.name}${indicator.unit ? ` (${indicator.unit})` : ''}`;
  const periods = indicator.points.map((p) => p.period);
  return (
    <section aria-labelledby={id} className="kern-stack-sm profile-indicator">
      <h3 id={id} className="kern-heading-small">{title}</h3>
      {indicator.points.some((p) => visibleValue(p.value) !== null) && (
        <IndicatorChart label={title} periods={periods} spaceName={spaceName} own={indicator.points.map((p) => visibleValue(p.value))} city={indicator.points.map((p) => p.cityValue ?? null)} />
      )}
      <div className="kern-table-responsive">
        <table className="kern-table kern-table--small">
          <caption className="kern-sr-only">{title} im Zeitverlauf</caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">Jahr</th>
              <th scope="col" className="kern-table__header">Wert</th>
              <th scope="col" className="kern-table__header">Stadt (gewichtet)</th>
              <th scope="col" className="kern-table__header">Rang</th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {indicator.points.map((p) => (
              <tr key={p.period} className="kern-table__row">
                <th scope="row" className="kern-table__cell">{p.period}</th>
                <ValueCell value={p.value} />
                <td className="kern-table__cell">{formatNumber(p.cityValue ?? null)}</td>
                <td className="kern-table__cell">{p.rank ? `${p.rank} von ${p.of}` : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A list section of the other services; a refusal (403) reads as "not visible to you", not as an error. */
function Listing<T>({ id, title, query, empty, render }: { id: string; title: string; query: { isPending: boolean; isError: boolean; error: unknown; data?: T[] }; empty: string; render: (item: T) => React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="kern-stack-sm">
      <h2 id={id} className="kern-heading-medium">{title}</h2>
      {query.isPending && <Loading what={title} />}
      {query.isError && (query.error instanceof ApiError && query.error.status === 403 ? <p className="kern-body">Für Ihre Rolle nicht sichtbar.</p> : <ErrorAlert error={query.error} title={`${title}: nicht geladen`} />)}
      {query.data && (query.data.length === 0 ? <p className="kern-body">{empty}</p> : <ul className="kern-list">{query.data.map(render)}</ul>)}
    </section>
  );
}

/** Everything about one space: indicators over time with the city's value, rank, classes, alerts, offers, measures and cycles. */
export function ProfilePage() {
  const { code } = route.useParams();
  const profile = useProfile(code);
  const activity = useSpaceActivity(code);
  const notFound = profile.error instanceof ApiError && [400, 404].includes(profile.error.status);
  const name = profile.data ? `${profile.data.space.code} ${profile.data.space.name}` : code;
  usePageTitle(notFound ? 'Nicht gefunden' : `Raumprofil ${name}`);

  if (profile.isPending) return <Loading what="Das Raumprofil" />;
  if (notFound) return <NotFoundPage />;
  if (profile.isError) return <ErrorAlert error={profile.error} title="Das Raumprofil konnte nicht geladen werden" />;
  const p = profile.data;
  const space = p.space as { code: string; name: string; type: string; population?: number | null };

  return (
    <article className="page">
      <nav aria-label="Brotkrümelnavigation" className="breadcrumb">
        <Link to="/karte" search={{ typ: 'social-space', ansicht: 'status' }} className="kern-link">Karte</Link>
        <span aria-hidden="true"> › </span>
        <span aria-current="page">{name}</span>
      </nav>
      <header className="kern-stack-xs">
        <p className="kern-preline">Raumprofil</p>
        <h1 className="kern-heading-large">{name}</h1>
        <p className="kern-body">{space.population ? `${formatNumber(space.population)} Einwohnerinnen und Einwohner` : 'Einwohnerzahl unbekannt'}</p>
        <PdfButton code={code} />
      </header>

      <section aria-labelledby="klassen" className="kern-stack-sm">
        <h2 id="klassen" className="kern-heading-medium">Klassen im Zeitverlauf</h2>
        {p.classHistory.length === 0 ? (
          <p className="kern-body">{p.method ? 'Für diesen Raum liegen keine Indexergebnisse vor.' : 'Es ist keine Indexmethode aktiv.'}</p>
        ) : (
          <table className="kern-table kern-table--small" data-testid="klassen">
            <caption className="kern-sr-only">Status- und Dynamikklassen nach Jahr (Methode {p.method})</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Jahr</th>
                <th scope="col" className="kern-table__header">Status</th>
                <th scope="col" className="kern-table__header">Dynamik</th>
                <th scope="col" className="kern-table__header">Gesamt</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {p.classHistory.map((r) => (
                <tr key={r.period} className="kern-table__row">
                  <th scope="row" className="kern-table__cell">{r.period}</th>
                  <td className="kern-table__cell">{r.statusClass ? `${r.statusClass} – ${r.statusLabel}` : r.excluded ? 'nicht bewertet' : '–'}</td>
                  <td className="kern-table__cell">{r.dynamicsClass ? `${r.dynamicsClass} – ${r.dynamicsLabel}` : '–'}</td>
                  <td className="kern-table__cell">{r.combinedLabel ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="hinweise" className="kern-stack-sm">
        <h2 id="hinweise" className="kern-heading-medium">Hinweise</h2>
        {p.alerts.length === 0 ? <p className="kern-body">Keine Hinweise.</p> : (
          <ul className="kern-list">
            {p.alerts.map((a) => <li key={a.id}>{a.period}: {a.message} ({a.status === 'open' ? 'offen' : a.status === 'acknowledged' ? 'zur Kenntnis genommen' : 'übergeben'})</li>)}
          </ul>
        )}
      </section>

      <section aria-labelledby="indikatoren" className="kern-stack-md">
        <h2 id="indikatoren" className="kern-heading-medium">Indikatoren</h2>
        <p className="kern-body--small">Die Stadt ist der nach Bezugsgrößen gewichtete Wert aller für Sie sichtbaren Räume dieses Typs; Rang 1 ist die ungünstigste Lage. {SUPPRESSION_NOTE}</p>
        {p.indicators.map((indicator) => <IndicatorSection key={indicator.key} indicator={indicator} spaceName={space.name} />)}
      </section>

      <Listing id="angebote" title="Angebote" query={activity.offers} empty="Keine Angebote im Raum erfasst." render={(o) => <li key={o.id}>{o.title} ({o.provider.name})</li>} />
      <Listing id="massnahmen" title="Laufende Maßnahmen" query={activity.measures} empty="Keine laufenden Maßnahmen." render={(m) => (
        <li key={m.id}><Link to="/massnahmen/$measureId" params={{ measureId: m.id }} className="kern-link">{m.title}</Link> – {departmentLabel(m.department)}, {measureStatusLabel(m.status)}</li>
      )} />
      <Listing id="zyklen" title="Strategiezyklen" query={activity.cycles} empty="Noch kein Strategiezyklus." render={(c) => (
        <li key={c.id}>Zyklus {c.number}: {c.phaseLabel}, {CYCLE_STATUS_LABELS[c.status]} (seit {formatDate(c.startedAt)})</li>
      )} />
    </article>
  );
}
