/** German names of the monitoring's keys, for the Daten pages. */
export const POLARITY_LABELS: Record<string, string> = {
  'higher-is-worse': 'Höherer Wert ist ungünstiger',
  'higher-is-better': 'Höherer Wert ist günstiger',
  neutral: 'Neutral',
};

export const INDICATOR_KIND_LABELS: Record<string, string> = {
  rate: 'Quote (Zähler je Nenner)',
  share: 'Anteil in Prozent',
  count: 'Anzahl',
  mean: 'Mittelwert',
};

export const ALERT_STATUS_LABELS: Record<string, string> = {
  open: 'Offen',
  acknowledged: 'Zur Kenntnis genommen',
  'handed-over': 'An einen Strategiezyklus übergeben',
};

export const DYNAMICS_SOURCE_LABELS: Record<string, string> = {
  difference: 'Veränderung der Statusindikatoren über den Zeitraum',
  indicator: 'Eigene Dynamikindikatoren (Veränderungswerte)',
};

export const label = (labels: Record<string, string>, key: string | null | undefined): string => (key ? (labels[key] ?? key) : '–');
