import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ReviewAnalysisForm } from './ReviewAnalysisForm';
import { expectMessageAt, keepsTheFormContract, makeTask, renderForm, submit } from './testing';

const task = makeTask('review-analysis', { evidenceAvailable: true });
const summary = () => screen.getByLabelText('Zusammenfassung der Analyse');

describe('review-analysis form', () => {
  keepsTheFormContract({
    type: 'review-analysis',
    Form: ReviewAnalysisForm,
    task,
    emptyMessages: [[summary, 'Bitte ausfüllen.']],
    fill: (user) => user.type(summary(), 'Status 4, Dynamik negativ: Schwerpunkt Kinderarmut.'),
    result: { summary: 'Status 4, Dynamik negativ: Schwerpunkt Kinderarmut.' },
    // A refusal the form does not know: the person reads German, never the server's English.
    serverProblem: { pointer: '/result/summary', detail: 'text must not contain NUL characters', at: summary, message: 'Der Server hat diese Angabe nicht angenommen.' },
  });

  it('when the summary is only spaces, then it is empty for the schema too', async () => {
    const { user, complete } = renderForm(ReviewAnalysisForm, { task });
    await user.type(summary(), '   ');
    await submit(user);
    expectMessageAt(summary(), 'Bitte ausfüllen.');
    expect(complete).not.toHaveBeenCalled();
  });

  it('when the page is reloaded, then the draft of this task is back', async () => {
    const first = renderForm(ReviewAnalysisForm, { task });
    await first.user.type(summary(), 'Entwurf');
    first.unmount();
    renderForm(ReviewAnalysisForm, { task });
    expect(summary()).toHaveValue('Entwurf');
  });
});
