import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, Outlet, redirect } from '@tanstack/react-router';
import { AuthGate } from '../auth/AuthGate';
import { NotFoundPage } from '../pages/NotFoundPage';
import { SignedOut, StatusPage } from '../pages/status-pages';
import { inboxSearch } from '../pages/tasks/inbox-search';
import { overviewSearch } from '../pages/measures/overview-search';
import { cyclesSearch } from '../pages/cycles/cycles-search';
import { methodSearch } from '../pages/data/method-search';
import { mapSearch } from '../pages/map/map-search';
import { Layout, PublicLayout } from './Layout';

export interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({ component: Outlet, notFoundComponent: NotFoundPage });

// Pages anyone may open, signed in or not.
const signedOut = createRoute({ getParentRoute: () => rootRoute, path: '/abgemeldet', component: SignedOut });
const publicPages = createRoute({ getParentRoute: () => rootRoute, id: 'public', component: PublicLayout });
const accessibility = createRoute({
  getParentRoute: () => publicPages,
  path: '/barrierefreiheit',
  component: lazyRouteComponent(() => import('../pages/AccessibilityStatement'), 'AccessibilityStatement'),
});

// Everything else needs a sign-in.
const app = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  component: () => (
    <AuthGate>
      <Layout />
    </AuthGate>
  ),
});
const home = createRoute({ getParentRoute: () => app, path: '/', beforeLoad: () => { throw redirect({ to: '/aufgaben' }); } });
const signInCallback = createRoute({ getParentRoute: () => app, path: '/anmeldung', component: () => <StatusPage title="Anmeldung" busy>Anmeldung wird abgeschlossen …</StatusPage> });
const inbox = createRoute({
  getParentRoute: () => app,
  path: '/aufgaben',
  validateSearch: inboxSearch,
  component: lazyRouteComponent(() => import('../pages/tasks/InboxPage'), 'InboxPage'),
});
const task = createRoute({
  getParentRoute: () => app,
  path: '/aufgaben/$taskId',
  component: lazyRouteComponent(() => import('../pages/tasks/TaskPage'), 'TaskPage'),
});
const notifications = createRoute({
  getParentRoute: () => app,
  path: '/benachrichtigungen',
  component: lazyRouteComponent(() => import('../pages/notifications/NotificationsPage'), 'NotificationsPage'),
});
const measures = createRoute({
  getParentRoute: () => app,
  path: '/massnahmen',
  validateSearch: overviewSearch,
  component: lazyRouteComponent(() => import('../pages/measures/OverviewPage'), 'OverviewPage'),
});
const measure = createRoute({
  getParentRoute: () => app,
  path: '/massnahmen/$measureId',
  component: lazyRouteComponent(() => import('../pages/measures/MeasurePage'), 'MeasurePage'),
});
const karte = createRoute({
  getParentRoute: () => app,
  path: '/karte',
  validateSearch: mapSearch,
  component: lazyRouteComponent(() => import('../pages/map/MapPage'), 'MapPage'),
});
const profile = createRoute({
  getParentRoute: () => app,
  path: '/raeume/$code',
  component: lazyRouteComponent(() => import('../pages/profile/ProfilePage'), 'ProfilePage'),
});

const cycles = createRoute({
  getParentRoute: () => app,
  path: '/zyklen',
  validateSearch: cyclesSearch,
  component: lazyRouteComponent(() => import('../pages/cycles/BoardPage'), 'BoardPage'),
});
const cycle = createRoute({
  getParentRoute: () => app,
  path: '/zyklen/$cycleId',
  component: lazyRouteComponent(() => import('../pages/cycles/CyclePage'), 'CyclePage'),
});
const committee = createRoute({
  getParentRoute: () => app,
  path: '/lenkungskreis',
  component: lazyRouteComponent(() => import('../pages/committee/CommitteePage'), 'CommitteePage'),
});
const data = createRoute({
  getParentRoute: () => app,
  path: '/daten',
  component: lazyRouteComponent(() => import('../pages/data/DataLayout'), 'DataLayout'),
});
const dataHome = createRoute({ getParentRoute: () => data, path: '/', beforeLoad: () => { throw redirect({ to: '/daten/indikatoren' }); } });
const indicators = createRoute({
  getParentRoute: () => data,
  path: 'indikatoren',
  component: lazyRouteComponent(() => import('../pages/data/IndicatorsPage'), 'IndicatorsPage'),
});
const methods = createRoute({
  getParentRoute: () => data,
  path: 'methoden',
  component: lazyRouteComponent(() => import('../pages/data/MethodsPage'), 'MethodsPage'),
});
const method = createRoute({
  getParentRoute: () => data,
  path: 'methoden/$key/$version',
  validateSearch: methodSearch,
  component: lazyRouteComponent(() => import('../pages/data/MethodPage'), 'MethodPage'),
});
const alerts = createRoute({
  getParentRoute: () => data,
  path: 'warnungen',
  component: lazyRouteComponent(() => import('../pages/data/AlertsPage'), 'AlertsPage'),
});

const dataImport = createRoute({
  getParentRoute: () => data,
  path: 'import',
  component: lazyRouteComponent(() => import('../pages/imports/ImportWizardPage'), 'ImportWizardPage'),
});
const spaceImport = createRoute({
  getParentRoute: () => data,
  path: 'import-raeume',
  component: lazyRouteComponent(() => import('../pages/imports/SpaceImportPage'), 'SpaceImportPage'),
});

const routeTree = rootRoute.addChildren([
  signedOut,
  publicPages.addChildren([accessibility]),
  app.addChildren([
    home,
    signInCallback,
    inbox,
    task,
    notifications,
    measures,
    measure,
    karte,
    profile,
    cycles,
    cycle,
    committee,
    data.addChildren([dataHome, indicators, methods, method, alerts, dataImport, spaceImport]),
  ]),
]);

export function createAppRouter(context: RouterContext) {
  return createRouter({ routeTree, context, defaultPreload: 'intent', scrollRestoration: true, defaultNotFoundComponent: NotFoundPage });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
