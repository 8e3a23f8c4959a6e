import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, Outlet, redirect } from '@tanstack/react-router';
import { AuthGate } from '../auth/AuthGate';
import { NotFoundPage } from '../pages/NotFoundPage';
import { SignedOut, StatusPage } from '../pages/status-pages';
import { inboxSearch } from '../pages/tasks/inbox-search';
import { overviewSearch } from '../pages/measures/overview-search';
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

const dataImport = createRoute({
  getParentRoute: () => app,
  path: '/daten/import',
  component: lazyRouteComponent(() => import('../pages/imports/ImportWizardPage'), 'ImportWizardPage'),
});

const routeTree = rootRoute.addChildren([
  signedOut,
  publicPages.addChildren([accessibility]),
  app.addChildren([home, signInCallback, inbox, task, notifications, measures, measure, dataImport]),
]);

export function createAppRouter(context: RouterContext) {
  return createRouter({ routeTree, context, defaultPreload: 'intent', scrollRestoration: true, defaultNotFoundComponent: NotFoundPage });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
