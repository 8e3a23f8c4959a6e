import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DocumentParticipationForm } from './DocumentParticipationForm';
import { expectMessageAt, keepsTheFormContract, makeTask, renderForm, submit } from './testing';

const task = makeTask('document-participation', { recordsSoFar: 0 }, { phase: 'participation' });
const record = (n = 1) => screen.getByRole('group', { name: `Beteiligungsformat ${n}` });
const inRecord = (label: string, n = 1) => within(record(n)).getByLabelText(label);
const close = () => screen.getByRole('checkbox', { name: 'Die Beteiligung ist abgeschlossen' });

async function fillRecord(user: UserEvent, n = 1) {
  await user.selectOptions(inRecord('Format', n), 'Workshop');
  await user.type(inRecord('Datum', n), '2026-10-14');
  await user.type(inRecord('Zahl der Teilnehmenden', n), '34');
  await user.type(inRecord('Beteiligte Akteure', n), 'Stadtteilverein{Enter}Kita Regenbogen{Enter}');
  await user.click(within(record(n)).getByRole('checkbox', { name: 'Familien' }));
  await user.click(within(record(n)).getByRole('checkbox', { name: 'Kinder' }));
  await user.type(inRecord('Ergebnisse', n), 'Wunsch nach Betreuung am Nachmittag.');
}

const workshop = {
  format: 'workshop',
  date: '2026-10-14',
  actors: ['Stadtteilverein', 'Kita Regenbogen'],
  targetGroups: ['children', 'families'],
  participants: 34,
  results: 'Wunsch nach Betreuung am Nachmittag.',
};

describe('document-participation form', () => {
  keepsTheFormContract({
    type: 'document-participation',
    Form: DocumentParticipationForm,
    task,
    emptyMessages: [
      [() => inRecord('Format'), 'Bitte wählen Sie eine Möglichkeit.'],
      [() => inRecord('Datum'), 'Bitte ein Datum angeben.'],
      [() => inRecord('Zahl der Teilnehmenden'), 'Bitte ausfüllen.'],
      [() => inRecord('Ergebnisse'), 'Bitte ausfüllen.'],
    ],
    fill: async (user) => {
      await fillRecord(user);
      await user.click(close());
    },
    result: { records: [workshop], close: true },
    serverProblem: {
      pointer: '/result/close',
      detail: 'participation can only be closed with at least one documented format in this cycle',
      at: close,
      message: 'Die Beteiligung kann erst abgeschlossen werden, wenn in diesem Zyklus mindestens ein Beteiligungsformat dokumentiert ist.',
    },
  });

  it('when every record is removed and the participation closed, then that is sent for the workflow to judge', async () => {
    const { user, complete } = renderForm(DocumentParticipationForm, { task });
    await user.click(screen.getByRole('button', { name: 'Beteiligungsformat 1 entfernen' }));
    await user.click(close());
    await submit(user);
    await vi.waitFor(() => expect(complete).toHaveBeenCalledWith({ records: [], close: true }));
  });

  it('when a second format is added, then both are sent, and the participation stays open without the tick', async () => {
    const { user, complete } = renderForm(DocumentParticipationForm, { task });
    await fillRecord(user, 1);
    await user.click(screen.getByRole('button', { name: 'Weiteres Beteiligungsformat' }));
    await user.selectOptions(inRecord('Format', 2), 'Stadtteilspaziergang');
    await user.type(inRecord('Datum', 2), '2026-10-21');
    await user.type(inRecord('Zahl der Teilnehmenden', 2), '1.200');
    await user.type(inRecord('Beteiligte Akteure', 2), 'Seniorenbeirat');
    await user.type(inRecord('Ergebnisse', 2), 'Barrieren an Haltestellen.');
    await submit(user);
    await vi.waitFor(() => expect(complete).toHaveBeenCalledTimes(1));
    expect(complete.mock.calls[0]![0]).toEqual({
      records: [workshop, { format: 'walk', date: '2026-10-21', actors: ['Seniorenbeirat'], targetGroups: [], participants: 1200, results: 'Barrieren an Haltestellen.' }],
      close: false,
    });
  });

  it('when the number of participants is not a whole number, then it says so in German', async () => {
    const { user, complete } = renderForm(DocumentParticipationForm, { task });
    await fillRecord(user);
    await user.clear(inRecord('Zahl der Teilnehmenden'));
    await user.type(inRecord('Zahl der Teilnehmenden'), 'viele');
    await submit(user);
    expectMessageAt(inRecord('Zahl der Teilnehmenden'), 'Bitte eine Zahl angeben.');
    expect(complete).not.toHaveBeenCalled();
  });
});
