import { formatDate, formatEuro } from '../../lib/format';
import { departmentLabel, measureStatusLabel, recommendationLabel, targetGroupLabel } from '../../lib/labels';
import { formatPercent, trafficLightText } from './badges';
import type { AuditEntry } from './measure-queries';

/** One audit entry as people read it: who, what in a sentence, and the changed fields. */
export interface AuditLine {
  actor: string;
  text: string;
  details: string[];
}

type Entity = Record<string, unknown>;

/** The fields people care about, in the order they are listed; bookkeeping (version, timestamps, caches) is left out. */
const FIELDS: Array<[string, string]> = [
  ['title', 'Titel'],
  ['description', 'Beschreibung'],
  ['department', 'Fachbereich'],
  ['spaces', 'Sozialräume'],
  ['targetGroups', 'Zielgruppen'],
  ['needs', 'Handlungsbedarfe'],
  ['goals', 'Ziele'],
  ['partners', 'Partner'],
  ['providerIds', 'Träger'],
  ['indicators', 'Indikatoren'],
  ['budget.planned', 'Budget geplant'],
  ['budget.approved', 'Budget beschlossen'],
  ['budget.spent', 'Budget ausgegeben'],
  ['budget.fundingSource', 'Finanzierung'],
  ['startsOn', 'Beginn'],
  ['endsOn', 'Ende'],
  ['cycleId', 'Strategiezyklus'],
  ['dueOn', 'Termin'],
];

const get = (entity: Entity | null, path: string): unknown => path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Entity)[key] : undefined), entity);

function show(path: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '–';
  if (path.startsWith('budget.') && typeof value === 'number') return formatEuro(value);
  if (['startsOn', 'endsOn', 'dueOn'].includes(path)) return formatDate(String(value));
  if (path === 'department') return departmentLabel(String(value));
  if (Array.isArray(value)) {
    if (value.length === 0) return '–';
    if (path === 'targetGroups') return value.map((v) => targetGroupLabel(String(v))).join(', ');
    if (path === 'indicators') return value.map((v) => (v as { key?: string }).key ?? '?').join(', ');
    return value.join(', ');
  }
  const text = String(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** "Budget geplant: 20.000 € → 28.000 €" for each field that differs. */
export function changedFields(before: Entity | null, after: Entity | null): string[] {
  return FIELDS.filter(([path]) => JSON.stringify(get(before, path) ?? null) !== JSON.stringify(get(after, path) ?? null)).map(
    ([path, label]) => (path === 'description' ? `${label} geändert` : `${label}: ${show(path, get(before, path))} → ${show(path, get(after, path))}`),
  );
}

/** Who did it: people by name; the strategy cycle's worker by what it is. */
export function actorName(name: string): string {
  return name.startsWith('service-account-') ? 'Strategiezyklus (automatisch)' : name;
}

export function describeAuditEntry(entry: AuditEntry): AuditLine {
  const before = (entry.before ?? null) as Entity | null;
  const after = (entry.after ?? null) as Entity | null;
  const actor = actorName(entry.actor.name);
  const title = String(get(after ?? before, 'title') ?? '');
  const line = (text: string, details: string[] = []): AuditLine => ({ actor, text, details });

  switch (entry.entity) {
    case 'measure':
      if (entry.action === 'created') return line(`hat die Maßnahme angelegt (Status „${measureStatusLabel(String(get(after, 'status')))}“).`);
      if (entry.action === 'deleted') return line('hat die Maßnahme gelöscht.');
      if (entry.action === 'status-changed') {
        // The reason stays on the measure until the next one is given: only a new one belongs to this change.
        const reason = get(after, 'statusReason') !== get(before, 'statusReason') ? get(after, 'statusReason') : undefined;
        return line(`hat den Status von „${measureStatusLabel(String(get(before, 'status')))}“ zu „${measureStatusLabel(String(get(after, 'status')))}“ geändert.`, [
          ...(reason ? [`Begründung: ${String(reason)}`] : []),
          ...changedFields(before, after),
        ]);
      }
      return line('hat die Maßnahme geändert.', changedFields(before, after));
    case 'milestone': {
      if (entry.action === 'created') return line(`hat den Meilenstein „${title}“ angelegt (Termin ${formatDate(String(get(after, 'dueOn')))}).`);
      if (entry.action === 'deleted') return line(`hat den Meilenstein „${title}“ gelöscht.`);
      const wasDone = get(before, 'doneOn');
      const isDone = get(after, 'doneOn');
      const others = changedFields(before, after);
      if (!wasDone && isDone) return line(`hat den Meilenstein „${title}“ als erledigt markiert (am ${formatDate(String(isDone))}).`, others);
      if (wasDone && !isDone) return line(`hat den Meilenstein „${title}“ wieder geöffnet.`, others);
      return line(`hat den Meilenstein „${title}“ geändert.`, others);
    }
    case 'status-report':
      if (entry.action === 'created') {
        return line(`hat einen Statusbericht erstattet: Fortschritt ${formatPercent(Number(get(after, 'progress')))}, Ampel ${trafficLightText(String(get(after, 'trafficLight')))}.`);
      }
      return line(entry.action === 'deleted' ? 'hat einen Statusbericht gelöscht.' : 'hat einen Statusbericht geändert.');
    case 'evaluation': {
      const recommendation = String(get(after, 'recommendation') ?? '');
      return line(entry.action === 'created' ? `hat die Maßnahme bewertet: Empfehlung „${recommendationLabel(recommendation)}“.` : 'hat die Bewertung geändert.');
    }
    default:
      return line(`hat einen Eintrag geändert (${entry.entity}).`);
  }
}
