import { Link, Outlet } from '@tanstack/react-router';

const AREAS = [
  { to: '/daten/indikatoren', label: 'Indikatoren' },
  { to: '/daten/methoden', label: 'Indexmethoden' },
  { to: '/daten/warnungen', label: 'Warnungen' },
  { to: '/daten/import', label: 'Datenimport' },
  { to: '/daten/import-raeume', label: 'Räume importieren' },
] as const;

/** Daten: the monitoring's catalogue, index methods, alerts and the import wizard, one page each under one set of tabs. */
export function DataLayout() {
  return (
    <div className="page">
      <nav aria-label="Bereiche der Daten" className="view-tabs">
        <ul>
          {AREAS.map((area) => (
            <li key={area.to}>
              <Link to={area.to} activeProps={{ 'aria-current': 'page' }} activeOptions={{ exact: false }}>
                {area.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
