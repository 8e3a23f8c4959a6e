import { usePageTitle } from '../../lib/usePageTitle';

export function OverviewPage() {
  usePageTitle('Maßnahmen');
  return (
    <section className="page">
      <h1 className="kern-heading-large">Maßnahmen</h1>
    </section>
  );
}
