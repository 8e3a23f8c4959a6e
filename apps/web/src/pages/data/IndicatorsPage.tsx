import { TARGET_GROUP_LABELS } from '@sozialraum/contracts/browser';
import { useState } from 'react';
import { hasRole, useMe } from '../../api/context';
import { Alert, ErrorAlert, Loading } from '../../components/Alert';
import { FilterSelect } from '../../components/FilterSelect';
import { byGerman, formatNumber } from '../../lib/format';
import { targetGroupLabel } from '../../lib/labels';
import { usePageTitle } from '../../lib/usePageTitle';
import { INDICATOR_KIND_LABELS, label, POLARITY_LABELS } from './data-labels';
import { type Indicator, type TargetGroup, useIndicators } from './data-queries';
import { IndicatorForm } from './IndicatorForm';

/** The indicator catalogue: what each indicator measures, from which source, for which target groups. */
export function IndicatorsPage() {
  usePageTitle('Indikatoren');
  const [topic, setTopic] = useState('');
  const [targetGroup, setTargetGroup] = useState('');
  const all = useIndicators();
  const shown = useIndicators({ ...(topic ? { topic } : {}), ...(targetGroup ? { targetGroup: targetGroup as TargetGroup } : {}) });
  const topics = [...new Set((all.data?.items ?? []).map((i) => i.topic).filter(Boolean))].sort(byGerman((t) => t));
  const items = [...(shown.data?.items ?? [])].sort(byGerman((i) => i.name));
  const me = useMe();
  const planner = hasRole(me.data, 'planner');
  // The open form: a new indicator, or the one to change; and what was saved last.
  const [editing, setEditing] = useState<Indicator | 'new'>();
  const [saved, setSaved] = useState<{ indicator: Indicator; created: boolean }>();
  const open = (next: Indicator | 'new') => {
    setSaved(undefined);
    setEditing(next);
    // The form's heading takes the focus once it is there.
    requestAnimationFrame(() => document.getElementById(next === 'new' ? 'indikator-neu-titel' : 'indikator-aendern-titel')?.focus());
  };

  return (
    <section className="kern-stack-lg">
      <header className="kern-stack-xs">
        <p className="kern-preline">Daten</p>
        <h1 className="kern-heading-large">Indikatoren</h1>
        <p className="kern-body">Der Katalog der Indikatoren des Monitorings: Definition, Einheit, Quelle und die Zielgruppen, über die sie etwas sagen.</p>
      </header>
      {saved && (
        <Alert tone="success" title={saved.created ? 'Indikator angelegt' : 'Änderung gespeichert'}>
          <p data-testid="indikator-gespeichert">
            {saved.created ? `Der Indikator „${saved.indicator.name}“ (${saved.indicator.key}) steht jetzt im Katalog.` : `Der Indikator „${saved.indicator.name}“ ist geändert.`}
          </p>
        </Alert>
      )}
      {planner && editing === undefined && (
        <div>
          <button type="button" className="kern-btn kern-btn--secondary" onClick={() => open('new')}>
            <span className="kern-icon kern-icon--add" aria-hidden="true" />
            <span className="kern-label">Neuen Indikator anlegen</span>
          </button>
        </div>
      )}
      {editing !== undefined && (
        <div className="kern-card kern-stack-sm indicator-form-card">
          <IndicatorForm
            key={editing === 'new' ? 'new' : editing.key}
            indicator={editing === 'new' ? undefined : editing}
            onDone={(indicator) => {
              setSaved({ indicator, created: editing === 'new' });
              setEditing(undefined);
            }}
          />
          <div>
            <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => setEditing(undefined)}>
              <span className="kern-label">Abbrechen</span>
            </button>
          </div>
        </div>
      )}
      <form className="filters" aria-label="Indikatoren filtern" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect label="Thema" all="Alle Themen" value={topic || undefined} options={topics.map((t) => ({ value: t, label: t }))} onChange={(t) => setTopic(t ?? '')} />
        <FilterSelect label="Zielgruppe" all="Alle Zielgruppen" value={targetGroup || undefined} options={Object.entries(TARGET_GROUP_LABELS).map(([value, label]) => ({ value, label }))} onChange={(g) => setTargetGroup(g ?? '')} />
      </form>
      {shown.isPending && <Loading what="Indikatoren" />}
      {shown.isError && <ErrorAlert error={shown.error} title="Die Indikatoren konnten nicht geladen werden" />}
      {shown.data && items.length === 0 && <p className="kern-body empty">Kein Indikator für diese Auswahl.</p>}
      {items.length > 0 && (
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--striped" data-testid="indikatoren">
            <caption className="kern-title">
              {items.length} {items.length === 1 ? 'Indikator' : 'Indikatoren'}
            </caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Indikator</th>
                <th scope="col" className="kern-table__header">Definition</th>
                <th scope="col" className="kern-table__header">Einheit und Art</th>
                <th scope="col" className="kern-table__header">Richtung</th>
                <th scope="col" className="kern-table__header">Thema</th>
                <th scope="col" className="kern-table__header">Zielgruppen</th>
                <th scope="col" className="kern-table__header">Quelle</th>
                {planner && <th scope="col" className="kern-table__header"><span className="kern-sr-only">Aktionen</span></th>}
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {items.map((i) => (
                <tr key={i.key} className="kern-table__row" data-testid="indikator">
                  <th scope="row" className="kern-table__cell">
                    {i.name}
                    <span className="kern-body--small kern-body--muted block">Schlüssel {i.key}</span>
                  </th>
                  <td className="kern-table__cell">{i.definition || '–'}</td>
                  <td className="kern-table__cell">
                    {i.unit || '–'}
                    <span className="kern-body--small kern-body--muted block">{label(INDICATOR_KIND_LABELS, i.kind)}</span>
                    {(i.minValue !== null && i.minValue !== undefined) || (i.maxValue !== null && i.maxValue !== undefined) ? (
                      <span className="kern-body--small kern-body--muted block">
                        Wertebereich {formatNumber(i.minValue)} bis {formatNumber(i.maxValue)}
                      </span>
                    ) : null}
                  </td>
                  <td className="kern-table__cell">{label(POLARITY_LABELS, i.polarity)}</td>
                  <td className="kern-table__cell">{i.topic || '–'}</td>
                  <td className="kern-table__cell">{i.targetGroups.map(targetGroupLabel).join(', ') || '–'}</td>
                  <td className="kern-table__cell">{i.source || '–'}</td>
                  {planner && (
                    <td className="kern-table__cell">
                      <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" aria-label={`Ändern: ${i.name}`} onClick={() => open(i)}>
                        <span className="kern-label">Ändern</span>
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
