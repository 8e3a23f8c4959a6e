import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ReportStatusForm } from './ReportStatusForm';
import { expectMessageAt, keepsTheFormContract, makeTask, renderForm, submit } from './testing';

const measures = [
  { measureId: 'm1', department: 'soziales', title: 'Beschäftigungsberatung', description: 'Wöchentlich.', needKey: 'beruf', budgetPlanned: 20000 },
  { measureId: 'm2', department: 'soziales', title: 'Lotsendienst', description: 'Zu Sozialleistungen.', needKey: 'beruf' },
];
const task = makeTask('report-status', { measures }, { phase: 'implementation', department: 'soziales', measureIds: ['m1', 'm2'] });
const block = (title: string) => screen.getByRole('group', { name: title });
const inBlock = (title: string, label: string) => within(block(title)).getByLabelText(label);
const light = (title: string) => within(block(title)).getByRole('group', { name: 'Ampel' });

describe('report-status form', () => {
  keepsTheFormContract({
    type: 'report-status',
    Form: ReportStatusForm,
    task,
    submitLabel: 'Bericht abschließen',
    emptyMessages: measures.flatMap((m) => [
      [() => inBlock(m.title, 'Fortschritt in Prozent'), 'Bitte ausfüllen.'],
      [() => light(m.title), 'Bitte wählen Sie eine Möglichkeit.'],
      [() => inBlock(m.title, 'Stand der Umsetzung'), 'Bitte ausfüllen.'],
    ] as Array<[() => HTMLElement, string]>),
    fill: async (user) => {
      await user.type(inBlock('Beschäftigungsberatung', 'Fortschritt in Prozent'), '45');
      await user.click(within(light('Beschäftigungsberatung')).getByRole('radio', { name: 'Gefährdet (gelb)' }));
      await user.type(inBlock('Beschäftigungsberatung', 'Stand der Umsetzung'), 'Raum fällt im Dezember aus.');
      await user.type(inBlock('Lotsendienst', 'Fortschritt in Prozent'), '100');
      await user.click(within(light('Lotsendienst')).getByRole('radio', { name: 'Im Plan (grün)' }));
      await user.type(inBlock('Lotsendienst', 'Stand der Umsetzung'), 'Alle Termine durchgeführt.');
      await user.click(within(block('Lotsendienst')).getByRole('checkbox', { name: 'Die Maßnahme ist abgeschlossen' }));
    },
    result: {
      reports: [
        { measureId: 'm1', progress: 45, trafficLight: 'yellow', text: 'Raum fällt im Dezember aus.', finished: false },
        { measureId: 'm2', progress: 100, trafficLight: 'green', text: 'Alle Termine durchgeführt.', finished: true },
      ],
    },
    serverProblem: {
      pointer: '/result/reports/1/measureId',
      detail: 'must be one of m1',
      at: () => block('Lotsendienst'),
      message: 'Diese Maßnahme gehört nicht zu dieser Aufgabe.',
    },
  });

  it('when the progress is over 100 or not whole, then it says so at the field', async () => {
    const { user, complete } = renderForm(ReportStatusForm, { task });
    await user.type(inBlock('Beschäftigungsberatung', 'Fortschritt in Prozent'), '150');
    await user.type(inBlock('Lotsendienst', 'Fortschritt in Prozent'), '12,5');
    await submit(user, 'Bericht abschließen');
    expectMessageAt(inBlock('Beschäftigungsberatung', 'Fortschritt in Prozent'), 'Höchstens 100.');
    expectMessageAt(inBlock('Lotsendienst', 'Fortschritt in Prozent'), 'Bitte eine ganze Zahl angeben.');
    expect(complete).not.toHaveBeenCalled();
  });
});
