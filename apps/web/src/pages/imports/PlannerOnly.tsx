import { Alert } from '../../components/Alert';

/** What a person without the planner role sees on an import page (the server refuses them anyway). */
export function PlannerOnly({ title, what }: { title: string; what: string }) {
  return (
    <section className="page kern-stack-md">
      <h1 className="kern-heading-large">{title}</h1>
      <Alert tone="info" title="Nur für die Sozialplanung">
        <p>{what} können Personen mit der Rolle Sozialplanung.</p>
      </Alert>
    </section>
  );
}
