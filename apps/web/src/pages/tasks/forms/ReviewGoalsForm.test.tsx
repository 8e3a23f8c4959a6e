import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ReviewGoalsForm } from './ReviewGoalsForm';
import { expectMessageAt, keepsTheFormContract, makeTask, renderForm, submit } from './testing';

const task = makeTask('review-goals', { goals: [{ title: 'Kinderarmut senken' }], needs: [] }, { phase: 'goal-setting' });
const decision = () => screen.getByRole('group', { name: 'Ihre Entscheidung' });
const comments = () => screen.getByLabelText(/^Anmerkungen/);

describe('review-goals form', () => {
  keepsTheFormContract({
    type: 'review-goals',
    Form: ReviewGoalsForm,
    task,
    emptyMessages: [[decision, 'Bitte wählen Sie eine Möglichkeit.']],
    fill: async (user) => {
      await user.click(screen.getByRole('radio', { name: 'Zur Überarbeitung zurückgeben' }));
      await user.type(comments(), 'Ziel mit Indikator und Zielwert versehen.');
    },
    result: { decision: 'return', comments: 'Ziel mit Indikator und Zielwert versehen.' },
    serverProblem: { pointer: '/result/comments', detail: 'returning needs comments', at: comments, message: 'Bitte begründen Sie die Rückgabe.' },
  });

  it('when goals are returned without comments, then the form asks for a reason at the field', async () => {
    const { user, complete } = renderForm(ReviewGoalsForm, { task });
    await user.click(screen.getByRole('radio', { name: 'Zur Überarbeitung zurückgeben' }));
    await submit(user);
    expectMessageAt(comments(), 'Bitte begründen Sie die Rückgabe.');
    expect(complete).not.toHaveBeenCalled();
  });

  it('when they are approved, then no comment is needed', async () => {
    const { user, complete } = renderForm(ReviewGoalsForm, { task });
    await user.click(screen.getByRole('radio', { name: 'Freigeben' }));
    await submit(user);
    await vi.waitFor(() => expect(complete).toHaveBeenCalledWith({ decision: 'approve' }));
  });
});
