import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeCycle, makeTask } from './forms/testing';
import { TaskContext } from './TaskContext';

const needs = [{ key: 'beruf', title: 'Übergang Schule–Beruf stärken', targetGroups: ['youth'], departments: ['soziales', 'jugend'] }];
const cycle = makeCycle({
  needs: needs.map((n) => ({ ...n, description: null, status: 'open' as const })),
  participation: [
    { id: 'p1', format: 'walk', date: '2026-10-21', actors: ['Seniorenbeirat'], targetGroups: ['old'], participants: 18, results: 'Barrieren an Haltestellen.', recordedBy: 'k', recordedAt: '2026-10-21T12:00:00Z' },
  ],
});

describe('task context', () => {
  it('when goals are reviewed, then it shows the goals and the needs with departments and target groups', () => {
    render(<TaskContext task={makeTask('review-goals', { goals: [{ title: 'Arbeitslosenanteil senken', indicatorKey: 'alq', targetValue: 8, targetYear: 2028 }], needs })} cycle={cycle} />);
    expect(screen.getByTestId('ziel')).toHaveTextContent('Arbeitslosenanteil senken (Indikator: alq, Zielwert 8 bis 2028)');
    expect(screen.getByTestId('handlungsbedarf')).toHaveTextContent('zuständig: Soziales, Jugend; Zielgruppen: Jugendliche');
  });

  it('when participation is documented, then the formats so far are listed in a table with German labels', () => {
    render(<TaskContext task={makeTask('document-participation', { recordsSoFar: 1 })} cycle={cycle} />);
    const table = screen.getByRole('table', { name: 'Bisher dokumentierte Beteiligung (ein Format)' });
    expect(within(table).getByRole('rowheader')).toHaveTextContent('Stadtteilspaziergang');
    expect(table).toHaveTextContent('Ältere Menschen');
  });

  it('when a measure is evaluated, then it shows the measure with its need, department and budget', () => {
    const measure = { measureId: 'm1', department: 'jugend', title: 'Ausbildungspatenschaften', description: 'Patinnen begleiten.', needKey: 'beruf', budgetPlanned: 28000 };
    render(<TaskContext task={makeTask('evaluate-measure', { measure })} cycle={cycle} />);
    expect(screen.getByRole('heading', { name: 'Die Maßnahme: Ausbildungspatenschaften' })).toBeVisible();
    expect(screen.getByText('Übergang Schule–Beruf stärken')).toBeVisible();
    expect(screen.getByText('28.000 €', { normalizer: (t) => t.replace(/\s/g, ' ') })).toBeVisible();
  });

  it('when the cycle is reflected, then the comparison says in words whether each indicator improved', () => {
    const comparison = [
      { goal: 'Arbeitslosenanteil senken', indicatorKey: 'alq', indicatorName: 'Arbeitslosenanteil', before: { period: '2020', value: 9.5 }, after: { period: '2022', value: 8.3 }, change: -1.2, targetValue: 8, improved: true },
      { goal: 'Kinderarmut senken', indicatorKey: 'kinderarmut', before: null, after: null, change: null, improved: null },
    ];
    render(<TaskContext task={makeTask('reflect-cycle', { comparison, measures: [] })} cycle={cycle} />);
    const rows = within(screen.getByRole('table', { name: 'Ziele und ihre Indikatoren: Analyse und heute' })).getAllByRole('row');
    expect([...rows[1]!.children].map((c) => c.textContent)).toEqual(['Arbeitslosenanteil senken', 'Arbeitslosenanteil', '9,5 (2020)', '8,3 (2022)', '-1,2', '8', 'verbessert']);
    expect(rows[2]).toHaveTextContent('nicht bewertbar');
    expect(screen.getByText('In diesem Zyklus wurde keine Maßnahme beschlossen.')).toBeVisible();
  });

  it('when the report is acknowledged, then it shows the reflection and each recommendation in German', () => {
    render(
      <TaskContext
        task={makeTask('acknowledge-report', { comparison: [], reflection: { summary: 'Viel erreicht.', lessons: 'Früher planen.' }, evaluations: [{ measureId: 'm1', title: 'Patenschaften', department: 'jugend', recommendation: 'continue' }] })}
        cycle={cycle}
      />,
    );
    expect(screen.getByText('Viel erreicht.')).toBeVisible();
    expect(within(screen.getByRole('table', { name: 'Bewertungen der Maßnahmen' })).getByRole('row', { name: /Patenschaften/ })).toHaveTextContent('Fortführen');
  });
});
