import { useState } from 'react';
import { Field, Fieldset } from '../../components/Field';
import { ColumnSelect } from './ColumnSelect';
import { formatNumber } from '../../lib/format';
import type { ImportMapping, ReleaseInput, ValuePreview, WideMapping } from './import-queries';
import { useIndicators } from './import-queries';
import { isoPeriod } from './import-texts';
import { LongFields } from './LongFields';
import { columnNamed, distinctValues, indicatorFor, indicatorMapOf, looksLong } from './long-layout';

export interface ConfirmedImport {
  mapping: ImportMapping;
  release: ReleaseInput;
  acceptValidRows: boolean;
}

/** "Bevölkerung 2022.xlsx" → "Bevoelkerung-2022": a release key the catalogue accepts. */
export function releaseKeyOf(fileName: string): string {
  const base = fileName.replace(/\.[^.]+$/, '').replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/Ä/g, 'Ae').replace(/Ö/g, 'Oe').replace(/Ü/g, 'Ue').replace(/ß/g, 'ss');
  return base.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 120) || 'import';
}

const PERIOD = /^(\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})$/;


/** The suggested mapping, for the planner to confirm or change: space column, period, one indicator per column. */
export function MappingSection({ preview, spaceType, busy, onConfirm }: { preview: ValuePreview; spaceType?: WideMapping['spaceType']; busy: boolean; onConfirm: (c: ConfirmedImport) => void }) {
  const indicators = useIndicators();
  const suggestion = preview.suggestion?.layout === 'wide' ? preview.suggestion : undefined;
  const spaceGuess = suggestion?.spaceColumn ?? preview.columns.find((c) => c.role === 'space')?.name ?? preview.header[0] ?? '';
  const periodGuess = preview.columns.find((c) => c.role === 'period')?.name;
  const [spaceColumn, setSpaceColumn] = useState(spaceGuess);
  const [periodMode, setPeriodMode] = useState<'column' | 'fixed'>(periodGuess ? 'column' : 'fixed');
  const [periodColumn, setPeriodColumn] = useState(periodGuess ?? preview.header[0] ?? '');
  const [period, setPeriod] = useState(preview.period ?? '');
  const [layout, setLayout] = useState<'wide' | 'long'>(looksLong(preview) ? 'long' : 'wide');
  const [long, setLong] = useState(() => ({
    indicatorColumn: columnNamed(preview.header, /^(indikator|indicator|merkmal|kennzahl|kennziffer)/i),
    periodColumn: columnNamed(preview.header, /^(jahr|zeitraum|stichtag|year|period)/i),
    valueColumn: columnNamed(preview.header, /^(wert|value|anzahl)/i, preview.header.at(-1)),
    indicators: {} as Record<string, string>,
  }));
  const [columns, setColumns] = useState<Record<string, string>>(() => Object.fromEntries(preview.columns.map((c) => [c.name, c.indicatorKey ?? ''])));
  // A header of two rows gives each column its own period (the year below the indicator).
  const [ownPeriods, setOwnPeriods] = useState<Record<string, string>>(() => Object.fromEntries(preview.columns.flatMap((c) => (c.period ? [[c.name, c.period]] : []))));
  const twoRows = (preview.headerRows ?? 1) > 1 || preview.columns.some((c) => c.period);
  const [releaseKey, setReleaseKey] = useState(releaseKeyOf(preview.fileName));
  const [releaseTitle, setReleaseTitle] = useState(preview.fileName);
  const [acceptValidRows, setAcceptValidRows] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const matches = preview.spaceMatches;
  const valueColumns = preview.columns.filter((c) => c.name !== spaceColumn && !(periodMode === 'column' && c.name === periodColumn));

  const submit = () => {
    const mapped = Object.fromEntries(valueColumns.flatMap((c) => (columns[c.name] ? [[c.name, columns[c.name]!]] : [])));
    const found: Record<string, string> = {};
    const dated = Object.fromEntries(Object.keys(mapped).flatMap((c) => (twoRows && ownPeriods[c]?.trim() ? [[c, ownPeriods[c]!.trim()]] : [])));
    const allDated = Object.keys(mapped).length > 0 && Object.keys(mapped).every((c) => dated[c]);
    if (layout === 'wide' && Object.values(dated).some((p) => !PERIOD.test(p))) found.columns = 'Der Zeitraum einer Spalte ist ein Jahr (2022) oder ein Stichtag (31.12.2022).';
    if (layout === 'long' && new Set([spaceColumn, long.indicatorColumn, long.periodColumn, long.valueColumn]).size < 4) found.long = 'Gebiet, Indikator, Zeitraum und Wert müssen in vier verschiedenen Spalten stehen.';
    if (layout === 'wide' && Object.keys(mapped).length === 0) found.columns = 'Ordnen Sie mindestens einer Spalte einen Indikator zu.';
    if (layout === 'wide' && periodMode === 'fixed' && !(allDated && period.trim() === '') && !PERIOD.test(period.trim())) found.period = 'Geben Sie ein Jahr (2022) oder einen Stichtag (31.12.2022) an.';
    if (!/^[A-Za-z0-9_.-]{1,120}$/.test(releaseKey)) found.releaseKey = 'Nur Buchstaben ohne Umlaute, Ziffern, Punkt, Binde- und Unterstrich, höchstens 120 Zeichen.';
    if (releaseTitle.trim() === '') found.releaseTitle = 'Geben Sie einen Titel an.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const read = {
      headerRow: preview.headerRow,
      decimal: preview.decimal,
      ...(preview.sheet ? { sheet: preview.sheet } : {}),
      ...(preview.delimiter ? { delimiter: preview.delimiter } : {}),
      ...(preview.encoding ? { encoding: preview.encoding } : {}),
      ...(spaceType ? { spaceType } : {}),
    };
    const catalogue = indicators.data?.items ?? [];
    const indicatorMap = indicatorMapOf(Object.fromEntries(distinctValues(preview, long.indicatorColumn).map((t) => [t, long.indicators[t] ?? indicatorFor(t, catalogue)])));
    onConfirm({
      mapping: layout === 'long' ? {
        layout: 'long',
        spaceColumn,
        indicatorColumn: long.indicatorColumn,
        periodColumn: long.periodColumn,
        valueColumn: long.valueColumn,
        ...(Object.keys(indicatorMap).length > 0 ? { indicatorMap } : {}),
        ...read,
      } : {
        layout: 'wide',
        spaceColumn,
        ...(periodMode === 'column' ? { periodColumn } : period.trim() ? { period: isoPeriod(period) } : {}),
        columns: mapped,
        ...(Object.keys(dated).length > 0 ? { columnPeriods: Object.fromEntries(Object.entries(dated).map(([c, p]) => [c, isoPeriod(p)])) } : {}),
        ...read,
      },
      release: { key: releaseKey, title: releaseTitle.trim() },
      acceptValidRows,
    });
  };

  return (
    <section className="kern-stack-md" aria-labelledby="zuordnung-titel">
      <h2 id="zuordnung-titel" className="kern-heading-medium">
        Zuordnung bestätigen
      </h2>
      <form
        className="kern-stack-md"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <ColumnSelect label="Spalte mit dem Gebiet (Schlüssel oder Name)" header={preview.header} value={spaceColumn} onChange={setSpaceColumn} />
        <div className="kern-body" data-testid="gebietszuordnung">
          <p>
            In den ersten Zeilen erkannt: {formatNumber(matches.byName)} Gebiete nach Namen, {formatNumber(matches.byCode)} nach Schlüssel.
          </p>
          {matches.unmatched.length > 0 && <p>Nicht erkannt: {matches.unmatched.join(', ')}</p>}
          {matches.ambiguous.length > 0 && <p>Mehrdeutig (Name auf mehreren Ebenen – wählen Sie oben einen Raumtyp): {matches.ambiguous.join(', ')}</p>}
        </div>

        <Fieldset legend="Aufbau der Tabelle">
          <div className="kern-form-check">
            <input className="kern-form-check__radio" type="radio" id="aufbau-breit" name="aufbau" checked={layout === 'wide'} onChange={() => setLayout('wide')} />
            <label className="kern-label" htmlFor="aufbau-breit">
              Breit: eine Spalte je Indikator
            </label>
          </div>
          <div className="kern-form-check">
            <input className="kern-form-check__radio" type="radio" id="aufbau-lang" name="aufbau" checked={layout === 'long'} onChange={() => setLayout('long')} />
            <label className="kern-label" htmlFor="aufbau-lang">
              Lang: eine Zeile je Gebiet, Indikator und Zeitraum
            </label>
          </div>
        </Fieldset>

        {layout === 'long' && <LongFields preview={preview} catalogue={indicators.data?.items ?? []} value={long} error={errors.long} onChange={(patch) => setLong((l) => ({ ...l, ...patch }))} />}

        {layout === 'wide' && (
        <>
        <Fieldset legend="Zeitraum der Werte" error={errors.period}>
          <div className="kern-form-check">
            <input className="kern-form-check__radio" type="radio" id="zeitraum-fest" name="zeitraum" checked={periodMode === 'fixed'} onChange={() => setPeriodMode('fixed')} />
            <label className="kern-label" htmlFor="zeitraum-fest">
              Ein Zeitraum für die ganze Datei
            </label>
          </div>
          {periodMode === 'fixed' && (
            <Field label="Jahr oder Stichtag" hint={preview.period ? `Aus dem Titel oder Dateinamen übernommen: ${preview.period}` : undefined}>
              {(p) => <input {...p} value={period} onChange={(e) => setPeriod(e.target.value)} inputMode="numeric" />}
            </Field>
          )}
          <div className="kern-form-check">
            <input className="kern-form-check__radio" type="radio" id="zeitraum-spalte" name="zeitraum" checked={periodMode === 'column'} onChange={() => setPeriodMode('column')} />
            <label className="kern-label" htmlFor="zeitraum-spalte">
              Aus einer Spalte
            </label>
          </div>
          {periodMode === 'column' && (
            <ColumnSelect label="Spalte mit dem Zeitraum" header={preview.header} value={periodColumn} onChange={setPeriodColumn} />
          )}
        </Fieldset>

        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="spalten-titel">
          <table className="kern-table kern-table--small" data-testid="spaltenzuordnung">
            <caption id="spalten-titel" className="kern-title">
              Spalten und Indikatoren
            </caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  Spalte der Datei
                </th>
                <th scope="col" className="kern-table__header">
                  Zahlen / Zeichen in der Vorschau
                </th>
                <th scope="col" className="kern-table__header">
                  Indikator
                </th>
                {twoRows && (
                  <th scope="col" className="kern-table__header">
                    Zeitraum der Spalte
                  </th>
                )}
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {valueColumns.map((c) => (
                <tr key={c.name} className="kern-table__row">
                  <th scope="row" className="kern-table__header">
                    {c.name}
                  </th>
                  <td className="kern-table__cell">
                    {c.numbers ?? 0} / {c.symbols ?? 0}
                  </td>
                  <td className="kern-table__cell">
                    <label className="kern-sr-only" htmlFor={`indikator-${c.name}`}>
                      Indikator für Spalte {c.name}
                    </label>
                    <div className="kern-form-input__select-wrapper">
                      <select className="kern-form-input__select" id={`indikator-${c.name}`} value={columns[c.name] ?? ''} onChange={(e) => setColumns((m) => ({ ...m, [c.name]: e.target.value }))}>
                        <option value="">– nicht importieren –</option>
                        {(indicators.data?.items ?? []).map((i) => (
                          <option key={i.key} value={i.key}>
                            {i.name} ({i.key})
                          </option>
                        ))}
                      </select>
                    </div>
                  </td>
                  {twoRows && (
                    <td className="kern-table__cell">
                      <label className="kern-sr-only" htmlFor={`zeitraum-${c.name}`}>
                        Zeitraum für Spalte {c.name}
                      </label>
                      <input className="kern-form-input__input column-period" id={`zeitraum-${c.name}`} value={ownPeriods[c.name] ?? ''} inputMode="numeric" maxLength={10} onChange={(e) => setOwnPeriods((m) => ({ ...m, [c.name]: e.target.value }))} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {errors.columns && (
          <p className="kern-error" role="alert">
            <span className="kern-icon kern-icon--danger" aria-hidden="true" />
            <span>{errors.columns}</span>
          </p>
        )}
        </>
        )}

        <Fieldset legend="Datenstand">
          <Field label="Schlüssel des Datenstands" error={errors.releaseKey} hint="Ein erneuter Import mit demselben Schlüssel ersetzt dessen Werte.">
            {(p) => <input {...p} value={releaseKey} onChange={(e) => setReleaseKey(e.target.value)} maxLength={120} />}
          </Field>
          <Field label="Titel" error={errors.releaseTitle}>
            {(p) => <input {...p} value={releaseTitle} onChange={(e) => setReleaseTitle(e.target.value)} maxLength={300} />}
          </Field>
        </Fieldset>
        <div className="kern-form-check">
          <input className="kern-form-check__checkbox" type="checkbox" id="gueltige-zeilen" checked={acceptValidRows} onChange={(e) => setAcceptValidRows(e.target.checked)} />
          <label className="kern-label" htmlFor="gueltige-zeilen">
            Gültige Zeilen auch dann speichern, wenn andere abgelehnt werden
          </label>
        </div>
        <button type="submit" className="kern-btn kern-btn--primary" disabled={busy}>
          <span className="kern-label">Importieren</span>
        </button>
      </form>
    </section>
  );
}
