import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { ErrorAlert, Loading } from '../../components/Alert';
import { Pagination } from '../../components/Pagination';
import { formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { notificationTarget, useMarkRead, useNotifications } from './notification-queries';

const PAGE_SIZE = 25;

export function NotificationsPage() {
  usePageTitle('Benachrichtigungen');
  const [page, setPage] = useState(1);
  const notifications = useNotifications({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const markRead = useMarkRead();
  return (
    <section className="page kern-stack-md">
      <h1 className="kern-heading-large">Benachrichtigungen</h1>
      {notifications.isPending && <Loading what="Benachrichtigungen" />}
      {notifications.isError && <ErrorAlert error={notifications.error} />}
      {notifications.data && (
        <>
          <p className="kern-body">
            {notifications.data.unread} ungelesen von {notifications.data.total}.{' '}
            {notifications.data.unread > 0 && (
              <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => markRead.all.mutate()}>
                <span className="kern-label">Alle als gelesen markieren</span>
              </button>
            )}
          </p>
          <ul className="notification-list notification-list--page">
            {notifications.data.items.map((n) => {
              const to = notificationTarget(n);
              return (
                <li key={n.id} className={n.read ? '' : 'unread'}>
                  <p className="kern-body--small kern-body--muted">
                    {formatDateTime(n.createdAt)}
                    {!n.read && <span className="kern-sr-only"> (ungelesen)</span>}
                  </p>
                  {to ? (
                    <Link to={to} className="kern-link" onClick={() => !n.read && markRead.one.mutate(n.id)}>
                      {n.title}
                    </Link>
                  ) : (
                    <p className="kern-body">{n.title}</p>
                  )}
                  <p className="kern-body">{n.body}</p>
                </li>
              );
            })}
          </ul>
          <Pagination page={page} pageSize={PAGE_SIZE} total={notifications.data.total} onPage={setPage} label="Seiten der Benachrichtigungen" />
        </>
      )}
    </section>
  );
}
