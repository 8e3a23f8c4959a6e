import { screen } from '@testing-library/react';
import { describe } from 'vitest';
import { ReflectCycleForm } from './ReflectCycleForm';
import { keepsTheFormContract, makeTask } from './testing';

const task = makeTask('reflect-cycle', { comparison: [], measures: [] }, { phase: 'reflection' });
const summary = () => screen.getByLabelText('Was wurde erreicht?');
const lessons = () => screen.getByLabelText('Was lernen wir für den nächsten Zyklus?');

describe('reflect-cycle form', () => {
  keepsTheFormContract({
    type: 'reflect-cycle',
    Form: ReflectCycleForm,
    task,
    emptyMessages: [
      [summary, 'Bitte ausfüllen.'],
      [lessons, 'Bitte ausfüllen.'],
    ],
    fill: async (user) => {
      await user.type(summary(), 'Arbeitslosenanteil um 1,2 Punkte gesunken.');
      await user.type(lessons(), 'Früher mit dem Jobcenter planen.');
    },
    result: { summary: 'Arbeitslosenanteil um 1,2 Punkte gesunken.', lessons: 'Früher mit dem Jobcenter planen.' },
    serverProblem: { pointer: '/result/lessons', detail: 'String must contain at most 4000 character(s)', at: lessons, message: 'Höchstens 4000 Zeichen.' },
  });
});
