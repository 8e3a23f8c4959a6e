import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { SetGoalsForm } from './SetGoalsForm';
import { keepsTheFormContract, makeCycle, makeTask, renderForm, submit } from './testing';

const task = makeTask('set-goals', {}, { phase: 'goal-setting' });
const cycle = makeCycle({
  evidence: { frozenAt: '2026-10-01T00:00:00Z', profile: { indicators: [{ key: 'alq', name: 'Arbeitslosenanteil', unit: '%', points: [] }], classHistory: [] } },
});
const goal = (n = 1) => screen.getByRole('group', { name: `Ziel ${n}` });
const need = (n = 1) => screen.getByRole('group', { name: `Handlungsbedarf ${n}` });
const inGoal = (label: string | RegExp, n = 1) => within(goal(n)).getByLabelText(label);
const inNeed = (label: string, n = 1) => within(need(n)).getByLabelText(label);
const departments = (n = 1) => within(need(n)).getByRole('group', { name: 'Zuständige Fachbereiche' });

describe('set-goals form', () => {
  keepsTheFormContract({
    type: 'set-goals',
    Form: SetGoalsForm,
    task,
    cycle,
    emptyMessages: [
      [() => inGoal('Ziel'), 'Bitte ausfüllen.'],
      [() => inNeed('Handlungsbedarf'), 'Bitte ausfüllen.'],
      [() => inNeed('Kurzname'), 'Nur Kleinbuchstaben, Ziffern und Bindestriche'],
      [departments, 'Bitte mindestens einen zuständigen Fachbereich wählen.'],
    ],
    fill: async (user) => {
      await user.type(inGoal('Ziel'), 'Arbeitslosenanteil senken');
      await user.selectOptions(inGoal(/^Indikator/), 'Arbeitslosenanteil');
      await user.type(inGoal(/^Zielwert/), '8,5');
      await user.type(inGoal(/^Zieljahr/), '2028');
      await user.type(inNeed('Handlungsbedarf'), 'Übergang Schule–Beruf stärken');
      await user.click(within(need()).getByRole('checkbox', { name: 'Jugendliche' }));
      await user.click(within(departments()).getByRole('checkbox', { name: 'Jugend' }));
      await user.click(within(departments()).getByRole('checkbox', { name: 'Soziales' }));
    },
    result: {
      goals: [{ title: 'Arbeitslosenanteil senken', indicatorKey: 'alq', targetValue: 8.5, targetYear: 2028 }],
      needs: [{ key: 'uebergang-schule-beruf-staerken', title: 'Übergang Schule–Beruf stärken', targetGroups: ['youth'], departments: ['soziales', 'jugend'] }],
    },
    serverProblem: {
      pointer: '/result/needs',
      detail: 'need keys must be unique; repeated: uebergang',
      at: () => screen.getByRole('region', { name: 'Handlungsbedarfe' }),
      message: 'Jeder Handlungsbedarf braucht einen eigenen Kurznamen; mehrfach vergeben: uebergang.',
    },
  });

  it('when the key was edited by hand, then a later change of the title leaves it alone', async () => {
    const { user } = renderForm(SetGoalsForm, { task, cycle });
    await user.type(inNeed('Handlungsbedarf'), 'Wohnen');
    expect(inNeed('Kurzname')).toHaveValue('wohnen');
    await user.clear(inNeed('Kurzname'));
    await user.type(inNeed('Kurzname'), 'wohnraum');
    await user.type(inNeed('Handlungsbedarf'), ' im Alter');
    expect(inNeed('Kurzname')).toHaveValue('wohnraum');
  });

  it('when goals and needs were returned, then the form starts from them and the second need can be removed', async () => {
    const previous = {
      goals: [{ title: 'Kinderarmut senken' }],
      needs: [
        { key: 'kita', title: 'Kita-Plätze', targetGroups: ['children'], departments: ['jugend'] },
        { key: 'beratung', title: 'Beratung', targetGroups: [], departments: ['soziales'] },
      ],
    };
    const { user, complete } = renderForm(SetGoalsForm, { task: makeTask('set-goals', { returnedWith: 'Bitte präzisieren', previous }), cycle });
    expect(inGoal('Ziel')).toHaveValue('Kinderarmut senken');
    expect(inNeed('Kurzname', 2)).toHaveValue('beratung');
    await user.click(screen.getByRole('button', { name: 'Handlungsbedarf 2 entfernen' }));
    await submit(user);
    await vi.waitFor(() => expect(complete).toHaveBeenCalledWith({ goals: [{ title: 'Kinderarmut senken' }], needs: [previous.needs[0]] }));
  });

  it('when a follow-up cycle starts, then the needs still open are offered again', () => {
    const carriedNeeds = [{ key: 'treffpunkte', title: 'Treffpunkte schaffen', targetGroups: ['old'], departments: ['stadtplanung'], status: 'open' }];
    renderForm(SetGoalsForm, { task: makeTask('set-goals', { carriedNeeds }), cycle });
    expect(inNeed('Handlungsbedarf')).toHaveValue('Treffpunkte schaffen');
    expect(within(departments()).getByRole('checkbox', { name: 'Stadtplanung' })).toBeChecked();
  });
});
