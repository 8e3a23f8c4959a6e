import type { ReactNode } from 'react';

/** A page on its own (no navigation): sign-in states and errors before the app can show anything. */
export function StatusPage({ title, children, busy = false }: { title: string; children: ReactNode; busy?: boolean }) {
  return (
    <main className="status-page kern-container" id="inhalt" aria-busy={busy}>
      <div className="kern-card status-page__card">
        <div className="kern-card__container">
          <header className="kern-card__header">
            <p className="kern-preline">Sozialraum</p>
            <h1 className="kern-heading-medium">{title}</h1>
          </header>
          <div className="kern-card__body kern-body">{children}</div>
        </div>
      </div>
    </main>
  );
}

export function LoginUnavailable({ detail, onRetry }: { detail?: string; onRetry: () => void }) {
  return (
    <StatusPage title="Die Anmeldung ist gerade nicht erreichbar">
      <p>
        Der Anmeldedienst der Stadt (Keycloak) antwortet nicht. Ihre Daten sind davon nicht betroffen. Bitte versuchen Sie es in
        einigen Minuten noch einmal; bleibt der Fehler, wenden Sie sich an den IT-Service.
      </p>
      {detail && <p className="kern-body--small kern-body--muted">Technische Angabe: {detail}</p>}
      <button type="button" className="kern-btn kern-btn--primary" onClick={onRetry}>
        <span className="kern-label">Erneut versuchen</span>
      </button>
    </StatusPage>
  );
}

export function SessionEnded({ onSignIn }: { onSignIn: () => void }) {
  return (
    <StatusPage title="Ihre Sitzung ist beendet">
      <p>
        Sie wurden abgemeldet, weil Ihre Sitzung abgelaufen ist oder an anderer Stelle beendet wurde. Melden Sie sich erneut an,
        um weiterzuarbeiten; Sie kommen auf diese Seite zurück.
      </p>
      <button type="button" className="kern-btn kern-btn--primary" onClick={onSignIn}>
        <span className="kern-label">Erneut anmelden</span>
      </button>
    </StatusPage>
  );
}

export function SignedOut() {
  return (
    <StatusPage title="Sie sind abgemeldet">
      <p>Sie haben sich von Sozialraum abgemeldet. Schließen Sie den Browser, wenn Sie an einem gemeinsam genutzten Rechner arbeiten.</p>
      <a className="kern-btn kern-btn--primary" href="/aufgaben">
        <span className="kern-label">Wieder anmelden</span>
      </a>
    </StatusPage>
  );
}
