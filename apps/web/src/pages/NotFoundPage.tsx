import { Link } from '@tanstack/react-router';
import { usePageTitle } from '../lib/usePageTitle';

export function NotFoundPage() {
  usePageTitle('Nicht gefunden');
  return (
    <section className="page">
      <h1 className="kern-heading-large">Seite nicht gefunden</h1>
      <p className="kern-body">Diese Seite gibt es nicht, oder Sie haben keinen Zugriff darauf.</p>
      <Link to="/aufgaben" className="kern-link">
        Zu meinen Aufgaben
      </Link>
    </section>
  );
}
