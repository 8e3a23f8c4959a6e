import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/problem';
import { DecidePackageForm } from './DecidePackageForm';
import { expectMessageAt, keepsTheFormContract, makeCycle, makeTask, renderForm, submit } from './testing';

const measures = [
  { measureId: 'm1', department: 'soziales', title: 'Beschäftigungsberatung', description: 'Wöchentlich vor Ort.', needKey: 'beruf', budgetPlanned: 20000, start: '2027-01-01', end: '2027-12-31' },
  { measureId: 'm2', department: 'jugend', title: 'Sprechstunde Jugendberufsagentur', description: 'Im Stadtteilhaus.', needKey: 'beruf', budgetPlanned: 28000 },
  { measureId: 'm3', department: 'soziales', title: 'Lotsendienst', description: 'Zu Sozialleistungen.', needKey: 'beruf' },
];
const task = makeTask('decide-package', { measures }, { phase: 'decision', measureIds: ['m1', 'm2', 'm3'] });
const cycle = makeCycle({ needs: [{ key: 'beruf', title: 'Übergang Schule–Beruf stärken', description: null, targetGroups: [], departments: ['soziales', 'jugend'], status: 'open' }] });
const measure = (title: string) => screen.getByRole('group', { name: title });
const decisionOf = (title: string) => screen.getByRole('group', { name: `Entscheidung über „${title}“` });
const choose = (title: string, label: string) => within(decisionOf(title)).getByRole('radio', { name: label });
const reasonOf = (title: string) => within(measure(title)).getByLabelText(/^Begründung/);

describe('decide-package form', () => {
  keepsTheFormContract({
    type: 'decide-package',
    Form: DecidePackageForm,
    task,
    cycle,
    emptyMessages: measures.map((m) => [() => decisionOf(m.title), 'Bitte wählen Sie eine Möglichkeit.']),
    fill: async (user) => {
      await user.click(choose('Beschäftigungsberatung', 'Genehmigen'));
      await user.click(choose('Sprechstunde Jugendberufsagentur', 'Zur Überarbeitung zurückgeben'));
      await user.type(reasonOf('Sprechstunde Jugendberufsagentur'), 'Bitte mit dem Jobcenter abstimmen.');
      await user.click(choose('Lotsendienst', 'Ablehnen'));
      await user.type(reasonOf('Lotsendienst'), 'Gibt es schon.');
    },
    result: {
      decisions: [
        { measureId: 'm1', decision: 'approve', budgetPlanned: 20000 },
        { measureId: 'm2', decision: 'return', reason: 'Bitte mit dem Jobcenter abstimmen.', budgetPlanned: 28000 },
        { measureId: 'm3', decision: 'reject', reason: 'Gibt es schon.', budgetPlanned: null },
      ],
    },
    serverProblem: {
      pointer: '/result/decisions',
      detail: 'decide every measure of the package exactly once — missing a decision for m4',
      at: () => screen.getByRole('button', { name: 'Alle genehmigen' }).closest('form')!,
      message: 'Bitte entscheiden Sie über jede Maßnahme des Pakets genau einmal.',
    },
  });

  it('shows each measure with its need, department, budget and period', () => {
    renderForm(DecidePackageForm, { task, cycle });
    const first = measure('Beschäftigungsberatung');
    expect(first).toHaveTextContent('Übergang Schule–Beruf stärken');
    expect(first).toHaveTextContent('Soziales');
    expect(first).toHaveTextContent('20.000 €');
    expect(first).toHaveTextContent('01.01.2027 bis 31.12.2027');
    expect(measure('Lotsendienst')).toHaveTextContent('Geplantes Budgetnicht angegeben');
  });

  it('when “Alle genehmigen” is pressed, then every measure is approved and the sums show what is chosen', async () => {
    const { user, complete } = renderForm(DecidePackageForm, { task, cycle });
    const sums = screen.getByRole('table', { name: 'Geplantes Budget des Pakets nach Fachbereich' });
    const row = (name: string) => [...within(sums).getByRole('row', { name: new RegExp(`^${name}`) }).children].map((cell) => cell.textContent!.replace(/\s/g, ' '));
    expect(row('Soziales')).toEqual(['Soziales', '2', '20.000 €', '0 €']);
    expect(row('Jugend')).toEqual(['Jugend', '1', '28.000 €', '0 €']);
    expect(row('Insgesamt')).toEqual(['Insgesamt', '3', '48.000 €', '0 €']);
    await user.click(screen.getByRole('button', { name: 'Alle genehmigen' }));
    for (const m of measures) expect(choose(m.title, 'Genehmigen')).toBeChecked();
    expect(row('Insgesamt')).toEqual(['Insgesamt', '3', '48.000 €', '48.000 €']);
    await submit(user);
    await vi.waitFor(() =>
      expect(complete).toHaveBeenCalledWith({ decisions: measures.map((m) => ({ measureId: m.measureId, decision: 'approve', budgetPlanned: m.budgetPlanned ?? null })) }),
    );
  });

  it('when a budget changed since the task opened, then the form says so at the measure and sends the new amount next time', async () => {
    const changed = new ApiError(409, {
      type: 'https://sozialraum.example/problems/budget-changed', title: 'Conflict', status: 409, detail: 'The planned budget changed since the decision task opened',
      errors: [{ pointer: '/result/decisions/0/budgetPlanned', detail: 'the planned budget changed since the decision task opened: shown 20000, now 25000' }],
    });
    const view = renderForm(DecidePackageForm, { task, cycle, complete: async () => Promise.reject(changed) });
    await view.user.click(screen.getByRole('button', { name: 'Alle genehmigen' }));
    await submit(view.user);
    await vi.waitFor(() => expect(within(measure('Beschäftigungsberatung')).getByTestId('budget-geaendert')).toHaveTextContent('gezeigt wurde 20.000 €, jetzt sind es 25.000 €'));
    expect(screen.getByRole('alert')).toHaveTextContent('Das geplante Budget einer Maßnahme hat sich geändert');
    // The task page loads the task again (the workflow now shows the new amount); the next submission carries it.
    const reloaded = makeTask('decide-package', { measures: [{ ...measures[0], budgetPlanned: 25000 }, ...measures.slice(1)] }, { phase: 'decision', measureIds: ['m1', 'm2', 'm3'] });
    const complete = vi.fn(async () => ({}));
    view.rerender(<DecidePackageForm task={reloaded} cycle={cycle} complete={complete} />);
    expect(measure('Beschäftigungsberatung')).toHaveTextContent('25.000 €');
    await submit(view.user);
    await vi.waitFor(() => expect(complete).toHaveBeenCalledWith({ decisions: expect.arrayContaining([{ measureId: 'm1', decision: 'approve', budgetPlanned: 25000 }]) }));
  });

  it('when a measure is returned without a reason, then the German message stands at its reason', async () => {
    const { user, complete } = renderForm(DecidePackageForm, { task, cycle });
    await user.click(screen.getByRole('button', { name: 'Alle genehmigen' }));
    await user.click(choose('Sprechstunde Jugendberufsagentur', 'Zur Überarbeitung zurückgeben'));
    await submit(user);
    expectMessageAt(reasonOf('Sprechstunde Jugendberufsagentur'), 'Bitte begründen Sie die Ablehnung oder Rückgabe.');
    expect(reasonOf('Beschäftigungsberatung')).not.toHaveAttribute('aria-invalid');
    expect(complete).not.toHaveBeenCalled();
  });
});
