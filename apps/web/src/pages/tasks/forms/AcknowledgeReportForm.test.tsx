import { screen } from '@testing-library/react';
import { describe } from 'vitest';
import { AcknowledgeReportForm } from './AcknowledgeReportForm';
import { keepsTheFormContract, makeTask } from './testing';

const task = makeTask('acknowledge-report', { comparison: [], reflection: { summary: 'Gut.', lessons: 'Früher planen.' }, evaluations: [] }, { phase: 'reflection' });
const comment = () => screen.getByLabelText(/^Anmerkung des Lenkungskreises/);

describe('acknowledge-report form', () => {
  keepsTheFormContract({
    type: 'acknowledge-report',
    Form: AcknowledgeReportForm,
    task,
    submitLabel: 'Zur Kenntnis genommen',
    emptyMessages: [],
    fill: (user) => user.type(comment(), 'Fortführung im nächsten Haushalt einplanen.'),
    result: { comment: 'Fortführung im nächsten Haushalt einplanen.' },
    serverProblem: { pointer: '/result/comment', detail: 'String must contain at most 4000 character(s)', at: comment, message: 'Höchstens 4000 Zeichen.' },
  });
});
