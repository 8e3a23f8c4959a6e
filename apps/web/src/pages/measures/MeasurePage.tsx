import { usePageTitle } from '../../lib/usePageTitle';

export function MeasurePage() {
  usePageTitle('Maßnahme');
  return (
    <section className="page">
      <h1 className="kern-heading-large">Maßnahme</h1>
    </section>
  );
}
