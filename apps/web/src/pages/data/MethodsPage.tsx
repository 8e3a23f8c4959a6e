import { Link } from '@tanstack/react-router';
import { hasRole, useMe } from '../../api/context';
import { ErrorAlert, Loading } from '../../components/Alert';
import { formatDate } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { useMethods } from './data-queries';
import { NewMethodForm } from './NewMethodForm';

/** The index methods and their versions; planners add new versions here. */
export function MethodsPage() {
  usePageTitle('Indexmethoden');
  const me = useMe();
  const methods = useMethods();
  const items = methods.data?.items ?? [];
  return (
    <section className="kern-stack-lg">
      <header className="kern-stack-xs">
        <p className="kern-preline">Daten</p>
        <h1 className="kern-heading-large">Indexmethoden</h1>
        <p className="kern-body">Wie aus den Indikatoren der Status- und der Dynamikindex jedes Sozialraums und ihre Klassen werden, Version für Version.</p>
      </header>
      {methods.isPending && <Loading what="Indexmethoden" />}
      {methods.isError && <ErrorAlert error={methods.error} title="Die Indexmethoden konnten nicht geladen werden" />}
      {methods.data && items.length === 0 && <p className="kern-body empty">Es gibt noch keine Indexmethode.</p>}
      {items.length > 0 && (
        <div className="kern-table-responsive">
          <table className="kern-table kern-table--striped" data-testid="methoden">
            <caption className="kern-title">
              {items.length} {items.length === 1 ? 'Methodenversion' : 'Methodenversionen'}
            </caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">Methode und Version</th>
                <th scope="col" className="kern-table__header">Beschreibung</th>
                <th scope="col" className="kern-table__header">Status</th>
                <th scope="col" className="kern-table__header">Angelegt</th>
                <th scope="col" className="kern-table__header">Ergebnisse für</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {items.map((m) => (
                <tr key={`${m.key}@${m.version}`} className="kern-table__row" data-testid="methode">
                  <th scope="row" className="kern-table__cell">
                    <Link to="/daten/methoden/$key/$version" params={{ key: m.key, version: m.version }} search={{}} className="kern-link">
                      {m.key}, Version {m.version}
                    </Link>
                  </th>
                  <td className="kern-table__cell">{m.definition.description || '–'}</td>
                  <td className="kern-table__cell">{m.active ? 'aktiv' : 'nicht aktiv'}</td>
                  <td className="kern-table__cell">
                    {formatDate(m.createdAt)} von {m.createdBy}
                  </td>
                  <td className="kern-table__cell">{m.periods?.length ? m.periods.join(', ') : 'noch nicht berechnet'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {methods.data && hasRole(me.data, 'planner') && <NewMethodForm methods={items} />}
    </section>
  );
}
