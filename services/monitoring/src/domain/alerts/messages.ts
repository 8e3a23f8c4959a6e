import {
  DYNAMICS_CLASS_LABELS,
  STATUS_CLASS_LABELS,
  type DynamicsClass,
  type Polarity,
  type StatusClass,
} from '../method';

/** German decimal comma, no grouping, at most 2 decimals. */
export function formatGermanNumber(x: number): string {
  return String(Math.round(x * 100) / 100).replace('.', ',');
}

export function statusClassMessage(statusClass: StatusClass): string {
  return `Statusindex in Klasse ${statusClass} (${STATUS_CLASS_LABELS[statusClass]})`;
}

export function dynamicsClassMessage(dynamicsClass: DynamicsClass): string {
  return `Dynamikindex in Klasse ${dynamicsClass} (${DYNAMICS_CLASS_LABELS[dynamicsClass]})`;
}

export function aboveMeanMessage(label: string, k: number, polarity: Polarity): string {
  const [side, sign] = polarity === 'higher-is-better' ? ['unter', 'minus'] : ['über', 'plus'];
  if (k === 0) return `${label} liegt ${side} dem städtischen Mittel`;
  const unit = k === 1 ? 'Standardabweichung' : 'Standardabweichungen';
  return `${label} liegt ${side} dem städtischen Mittel ${sign} ${formatGermanNumber(k)} ${unit}`;
}

export function worseningMessage(label: string, periods: number): string {
  if (periods === 1) return `${label} hat sich gegenüber der Vorperiode verschlechtert`;
  return `${label} hat sich ${periods} Perioden in Folge verschlechtert`;
}
