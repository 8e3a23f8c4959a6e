import { describe, expect, it } from 'vitest';
import { describeAuditEntry } from './audit-text';
import type { AuditEntry } from './measure-queries';

const entry = (change: Partial<AuditEntry>): AuditEntry => ({
  id: 1,
  at: '2026-11-24T10:00:00Z',
  actor: { id: 'u1', name: 'Sophie Soziales' },
  entity: 'measure',
  entityId: 'm1',
  action: 'changed',
  before: null,
  after: null,
  ...change,
});

const measure = { title: 'Lotsendienst', status: 'proposed', statusReason: null, budget: { planned: 20000, approved: null, spent: null }, startsOn: '2027-01-01', version: 1, updatedAt: 'a', lastProgress: null };

describe('the audit trail in German', () => {
  it('when the committee approves with a budget, then the sentence names both statuses and the list the new budget, not the bookkeeping', () => {
    const line = describeAuditEntry(
      entry({ action: 'status-changed', actor: { id: 's', name: 'service-account-svc-workflows' }, before: measure, after: { ...measure, status: 'approved', statusReason: 'Beschluss vom 12.11.', budget: { ...measure.budget, approved: 18000 }, version: 2, updatedAt: 'b' } }),
    );
    expect(line.actor).toBe('Strategiezyklus (automatisch)');
    expect(line.text).toBe('hat den Status von „Vorgeschlagen“ zu „Beschlossen“ geändert.');
    expect(line.details.map((d) => d.replace(/\u00a0/g, ' '))).toEqual(['Begründung: Beschluss vom 12.11.', 'Budget beschlossen: – → 18.000 €']);
  });

  it('when a status changes and the old reason stays on the measure, then no reason is repeated', () => {
    const before = { ...measure, status: 'approved', statusReason: 'Beschluss vom 12.11.' };
    const line = describeAuditEntry(entry({ action: 'status-changed', before, after: { ...before, status: 'in-progress' } }));
    expect(line.details).toEqual([]);
  });

  it('when fields change, then each is listed with before and after', () => {
    const line = describeAuditEntry(entry({ before: measure, after: { ...measure, title: 'Lotsendienst plus', startsOn: '2027-03-01', description: 'neu' } }));
    expect(line.text).toBe('hat die Maßnahme geändert.');
    expect(line.details).toEqual(['Titel: Lotsendienst → Lotsendienst plus', 'Beschreibung geändert', 'Beginn: 01.01.2027 → 01.03.2027']);
  });

  it('when a milestone is done or a report filed, then the sentence says so with its figures', () => {
    const milestone = { title: 'Raum angemietet', dueOn: '2027-02-01', doneOn: null };
    expect(describeAuditEntry(entry({ entity: 'milestone', action: 'created', after: milestone })).text).toBe('hat den Meilenstein „Raum angemietet“ angelegt (Termin 01.02.2027).');
    expect(describeAuditEntry(entry({ entity: 'milestone', before: milestone, after: { ...milestone, doneOn: '2027-01-20' } })).text).toBe('hat den Meilenstein „Raum angemietet“ als erledigt markiert (am 20.01.2027).');
    expect(describeAuditEntry(entry({ entity: 'status-report', action: 'created', after: { progress: 45, trafficLight: 'yellow' } })).text).toBe('hat einen Statusbericht erstattet: Fortschritt 45\u00a0%, Ampel Gefährdet (gelb).');
    expect(describeAuditEntry(entry({ entity: 'evaluation', action: 'created', after: { recommendation: 'adapt' } })).text).toBe('hat die Maßnahme bewertet: Empfehlung „Anpassen“.');
  });
});
