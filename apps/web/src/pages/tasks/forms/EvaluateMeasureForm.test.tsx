import { screen } from '@testing-library/react';
import { describe } from 'vitest';
import { EvaluateMeasureForm } from './EvaluateMeasureForm';
import { keepsTheFormContract, makeTask } from './testing';

const measure = { measureId: 'm1', department: 'jugend', title: 'Ausbildungspatenschaften', description: 'Patinnen begleiten.', needKey: 'beruf', budgetPlanned: 28000 };
const task = makeTask('evaluate-measure', { measure }, { phase: 'reflection', department: 'jugend', measureIds: ['m1'] });
const outcome = () => screen.getByLabelText('Wirkung der Maßnahme');

describe('evaluate-measure form', () => {
  keepsTheFormContract({
    type: 'evaluate-measure',
    Form: EvaluateMeasureForm,
    task,
    emptyMessages: [
      [outcome, 'Bitte ausfüllen.'],
      [() => screen.getByRole('group', { name: 'Empfehlung' }), 'Bitte wählen Sie eine Möglichkeit.'],
    ],
    fill: async (user) => {
      await user.type(outcome(), '14 Jugendliche in Ausbildung vermittelt.');
      await user.click(screen.getByRole('radio', { name: 'Anpassen' }));
      await user.type(screen.getByLabelText(/^Erkenntnisse/), 'Mehr Patinnen gewinnen.');
    },
    result: { measureId: 'm1', outcome: '14 Jugendliche in Ausbildung vermittelt.', recommendation: 'adapt', lessons: 'Mehr Patinnen gewinnen.' },
    serverProblem: {
      pointer: '/result/measureId',
      detail: 'this task evaluates m2',
      at: () => screen.getByRole('button', { name: 'Abschließen' }).closest('form')!,
      message: 'Diese Aufgabe bewertet eine andere Maßnahme.',
    },
  });
});
