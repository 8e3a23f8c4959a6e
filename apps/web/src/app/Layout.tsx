import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { useAuth } from 'react-oidc-context';
import { hasRole, useMe } from '../api/context';
import { NotificationBell } from '../components/NotificationBell';
import { InboxCountBadge } from '../pages/tasks/InboxCountBadge';

function SkipLink() {
  return (
    <a className="skip-link" href="#inhalt">
      Zum Inhalt springen
    </a>
  );
}

/** The bar every German administration site carries: whose site this is. */
function Kopfzeile() {
  return (
    <div className="kern-kopfzeile">
      <div className="kern-container-fluid">
        <div className="kern-kopfzeile__content">
          <span className="kern-kopfzeile__flagge" aria-hidden="true" />
          <span className="kern-kopfzeile__label">Fachanwendung der Sozialplanung</span>
        </div>
      </div>
    </div>
  );
}

function Footer() {
  return (
    <footer className="app-footer">
      <div className="kern-container-fluid app-footer__inner">
        <span className="kern-body--small">Sozialraum – Monitoring und Strategiezyklen</span>
        <Link to="/barrierefreiheit" className="kern-link kern-link--small">
          Erklärung zur Barrierefreiheit
        </Link>
      </div>
    </footer>
  );
}

/** After a page change, focus goes to the new page's heading, so screen readers announce it. */
function useFocusOnNavigation() {
  const path = useRouterState({ select: (s) => s.location.pathname });
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>('#inhalt h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }, [path]);
}

export function Layout() {
  const auth = useAuth();
  const me = useMe();
  useFocusOnNavigation();
  const name = me.data?.name ?? auth.user?.profile.name ?? '';
  return (
    <div className="app">
      <SkipLink />
      <Kopfzeile />
      <header className="app-header">
        <div className="kern-container-fluid app-header__inner">
          <Link to="/aufgaben" className="app-brand">
            <span className="app-brand__name">Sozialraum</span>
            <span className="app-brand__sub">Sozialplanung</span>
          </Link>
          <nav aria-label="Hauptnavigation" className="app-nav">
            <ul>
              <li>
                <Link to="/aufgaben" activeProps={{ 'aria-current': 'page' }}>
                  Meine Aufgaben <InboxCountBadge />
                </Link>
              </li>
              <li>
                <Link to="/massnahmen" activeProps={{ 'aria-current': 'page' }}>
                  Maßnahmen
                </Link>
              </li>
              {hasRole(me.data, 'planner') && (
                <li>
                  <Link to="/daten/import" activeProps={{ 'aria-current': 'page' }}>
                    Datenimport
                  </Link>
                </li>
              )}
            </ul>
          </nav>
          <div className="app-header__actions">
            <NotificationBell />
            <span className="app-user" data-testid="angemeldet-als">
              <span className="kern-sr-only">Angemeldet als </span>
              {name}
            </span>
            <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => void auth.signoutRedirect()}>
              <span className="kern-icon kern-icon--logout" aria-hidden="true" />
              <span className="kern-label">Abmelden</span>
            </button>
          </div>
        </div>
      </header>
      <main id="inhalt" className="app-main kern-container-fluid">
        <Outlet />
      </main>
      <Footer />
    </div>
  );
}

/** Pages without sign-in (e.g. the accessibility statement): the same frame, no navigation. */
export function PublicLayout() {
  return (
    <div className="app">
      <SkipLink />
      <Kopfzeile />
      <header className="app-header">
        <div className="kern-container-fluid app-header__inner">
          <Link to="/aufgaben" className="app-brand">
            <span className="app-brand__name">Sozialraum</span>
            <span className="app-brand__sub">Sozialplanung</span>
          </Link>
        </div>
      </header>
      <main id="inhalt" className="app-main kern-container-fluid">
        <Outlet />
      </main>
      <Footer />
    </div>
  );
}
