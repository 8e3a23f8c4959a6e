import { Link } from '@tanstack/react-router';
import { useEffect, useId, useRef, useState } from 'react';
import { formatRelative } from '../lib/format';
import { notificationTarget, useMarkRead, useNotifications } from '../pages/notifications/notification-queries';

/** The bell: unread count, and the newest notifications in a panel; each leads straight to its task. */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const notifications = useNotifications({ limit: 8 });
  const markRead = useMarkRead();
  const unread = notifications.data?.unread ?? 0;
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  return (
    <div className="bell" ref={root}>
      <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small bell__button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        <svg className="bell__icon" aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
          <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" />
        </svg>
        <span className="kern-sr-only">Benachrichtigungen</span>
        {unread > 0 && (
          <span className="count-badge" data-testid="ungelesen">
            {unread}
            <span className="kern-sr-only"> ungelesen</span>
          </span>
        )}
      </button>
      {open && (
        <div className="bell__panel kern-card" id={panelId}>
          <div className="bell__panel-header">
            <h2 className="kern-heading-small">Benachrichtigungen</h2>
            {unread > 0 && (
              <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => markRead.all.mutate()}>
                <span className="kern-label">Alle als gelesen markieren</span>
              </button>
            )}
          </div>
          {notifications.data?.items.length === 0 && <p className="kern-body">Keine Benachrichtigungen.</p>}
          <ul className="notification-list">
            {notifications.data?.items.map((n) => {
              const to = notificationTarget(n);
              const text = (
                <>
                  <span className={n.read ? 'kern-body' : 'kern-body kern-body--bold'}>{n.title}</span>
                  <span className="kern-body--small kern-body--muted notification-list__body">
                    {n.body} · {formatRelative(n.createdAt)}
                  </span>
                </>
              );
              return (
                <li key={n.id}>
                  {to ? (
                    <Link to={to} className="kern-link" onClick={() => { if (!n.read) markRead.one.mutate(n.id); setOpen(false); }}>
                      {text}
                    </Link>
                  ) : (
                    text
                  )}
                </li>
              );
            })}
          </ul>
          <Link to="/benachrichtigungen" className="kern-link" onClick={() => setOpen(false)}>
            Alle Benachrichtigungen
          </Link>
        </div>
      )}
    </div>
  );
}
