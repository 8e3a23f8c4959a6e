import { Field } from '../../components/Field';
import type { ValuePreview } from './import-queries';
import { ColumnSelect } from './ColumnSelect';
import { distinctValues, indicatorFor } from './long-layout';

export interface LongChoice {
  indicatorColumn: string;
  periodColumn: string;
  valueColumn: string;
  /** Each text of the indicator column seen in the preview → the catalogue's key ('' = as written). */
  indicators: Record<string, string>;
}

/**
 * The long layout (one row per space, indicator and period): which columns hold indicator, period and value,
 * and which catalogue indicator each text of the indicator column means (matched by key or name first).
 */
export function LongFields({ preview, catalogue, value, error, onChange }: {
  preview: ValuePreview;
  catalogue: Array<{ key: string; name: string }>;
  value: LongChoice;
  error?: string;
  onChange: (patch: Partial<LongChoice>) => void;
}) {
  const texts = distinctValues(preview, value.indicatorColumn);
  const chosen = (text: string) => value.indicators[text] ?? indicatorFor(text, catalogue);
  return (
    <div className="kern-stack-md" data-testid="lange-zuordnung">
      <div className="form-row">
        <ColumnSelect label="Spalte mit dem Indikator" header={preview.header} value={value.indicatorColumn} onChange={(indicatorColumn) => onChange({ indicatorColumn, indicators: {} })} />
        <ColumnSelect label="Spalte mit dem Zeitraum (Jahr oder Stichtag)" header={preview.header} value={value.periodColumn} onChange={(periodColumn) => onChange({ periodColumn })} />
        <ColumnSelect label="Spalte mit dem Wert" header={preview.header} value={value.valueColumn} onChange={(valueColumn) => onChange({ valueColumn })} />
      </div>
      {error && (
        <p className="kern-error" role="alert">
          <span className="kern-icon kern-icon--danger" aria-hidden="true" />
          <span>{error}</span>
        </p>
      )}
      {texts.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="merkmale-titel">
          <table className="kern-table kern-table--small" data-testid="merkmalzuordnung">
            <caption id="merkmale-titel" className="kern-title">
              Indikatoren in der Spalte {value.indicatorColumn} (aus der Vorschau)
            </caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">In der Datei</th>
                <th scope="col" className="kern-table__header">Indikator des Katalogs</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {texts.map((text) => (
                <tr key={text} className="kern-table__row">
                  <th scope="row" className="kern-table__header">{text}</th>
                  <td className="kern-table__cell">
                    <Field label={`Indikator für „${text}“`} kind="select">
                      {(p) => (
                        <select {...p} value={chosen(text)} onChange={(e) => onChange({ indicators: { ...value.indicators, [text]: e.target.value } })}>
                          <option value="">– so wie geschrieben (als Schlüssel) –</option>
                          {catalogue.map((i) => (
                            <option key={i.key} value={i.key}>
                              {i.name} ({i.key})
                            </option>
                          ))}
                        </select>
                      )}
                    </Field>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
