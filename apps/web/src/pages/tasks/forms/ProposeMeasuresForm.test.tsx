import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ProposeMeasuresForm } from './ProposeMeasuresForm';
import { expectMessageAt, keepsTheFormContract, makeTask, renderForm, submit } from './testing';

const needs = [{ key: 'beruf', title: 'Übergang Schule–Beruf stärken', targetGroups: [], departments: ['soziales'] }];
const task = makeTask('propose-measures', { needs }, { phase: 'measure-development', department: 'soziales' });
const measure = (n = 1) => screen.getByRole('group', { name: `Maßnahme ${n}` });
const inMeasure = (label: string | RegExp, n = 1) => within(measure(n)).getByLabelText(label);

describe('propose-measures form', () => {
  keepsTheFormContract({
    type: 'propose-measures',
    Form: ProposeMeasuresForm,
    task,
    emptyMessages: [
      [() => inMeasure('Titel'), 'Bitte ausfüllen.'],
      [() => inMeasure('Beschreibung'), 'Bitte ausfüllen.'],
    ],
    fill: async (user) => {
      await user.type(inMeasure('Titel'), 'Schuldnerberatung im Stadtteilhaus');
      await user.type(inMeasure('Beschreibung'), 'Zweimal wöchentlich.');
      await user.type(inMeasure(/^Geplantes Budget/), '20.000');
      await user.type(inMeasure(/^Beginn/), '2027-01-01');
      await user.type(inMeasure(/^Ende/), '2027-12-31');
    },
    result: {
      decision: 'propose',
      measures: [{ title: 'Schuldnerberatung im Stadtteilhaus', description: 'Zweimal wöchentlich.', needKey: 'beruf', budgetPlanned: 20000, start: '2027-01-01', end: '2027-12-31' }],
    },
    serverProblem: {
      pointer: '/result/measures/0/needKey',
      detail: "must be one of this department's needs: beruf",
      at: () => inMeasure('Handlungsbedarf'),
      message: 'Bitte einen Handlungsbedarf Ihres Fachbereichs wählen.',
    },
  });

  it('when the department declines without a reason, then the German message asks for one', async () => {
    const { user, complete } = renderForm(ProposeMeasuresForm, { task });
    await user.click(screen.getByRole('radio', { name: 'Keine Maßnahme vorschlagen' }));
    await submit(user);
    expectMessageAt(screen.getByLabelText('Begründung'), 'Bitte schlagen Sie mindestens eine Maßnahme vor, oder lehnen Sie mit Begründung ab.');
    await user.type(screen.getByLabelText('Begründung'), 'Kein Bedarf in unserem Bereich.');
    await submit(user);
    await vi.waitFor(() => expect(complete).toHaveBeenCalledTimes(1));
    expect(complete.mock.calls[0]![0]).toEqual({ decision: 'decline', reason: 'Kein Bedarf in unserem Bereich.', measures: [] });
  });
});
