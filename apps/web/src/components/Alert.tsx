import type { ReactNode } from 'react';
import { ApiError, problemMessage } from '../api/problem';

type Tone = 'info' | 'success' | 'warning' | 'danger';
const icons: Record<Tone, string> = { info: 'info', success: 'success', warning: 'warning', danger: 'danger' };

/** A KERN alert; `role=alert` for errors so screen readers announce them at once, `status` otherwise. */
export function Alert({ tone, title, children }: { tone: Tone; title: string; children?: ReactNode }) {
  return (
    <div className={`kern-alert kern-alert--${tone}`} role={tone === 'danger' ? 'alert' : 'status'}>
      <div className="kern-alert__header">
        <span className={`kern-icon kern-icon--${icons[tone]}`} aria-hidden="true" />
        <span className="kern-title">{title}</span>
      </div>
      {children && <div className="kern-alert__body kern-body">{children}</div>}
    </div>
  );
}

/**
 * A failed call, in German (`message` where the page knows better than the status code); the service's own
 * words (English) and the request ID follow for the IT service.
 */
export function ErrorAlert({ error, title = 'Das hat nicht geklappt', message }: { error: unknown; title?: string; message?: string }) {
  const detail = error instanceof ApiError ? error.problem.detail : undefined;
  const requestId = error instanceof ApiError ? (error.problem.requestId as string | undefined) : undefined;
  return (
    <Alert tone="danger" title={title}>
      <p data-testid="fehlermeldung">{message ?? problemMessage(error)}</p>
      {(detail || requestId) && (
        <p className="kern-body--small kern-body--muted">
          {detail && <>Antwort des Servers: {detail}</>}
          {requestId && <> (Vorgangsnummer {requestId})</>}
        </p>
      )}
    </Alert>
  );
}

export function Loading({ what = 'Daten' }: { what?: string }) {
  return (
    <div className="loading" role="status">
      <span className="kern-loader kern-loader--visible" aria-hidden="true" />
      <span>{what} werden geladen …</span>
    </div>
  );
}
