/**
 * How far a recomputation is, from its BullMQ state (the job reports no finer progress): three steps —
 * waiting in the queue, computing, done — or failed.
 */
export interface JobProgress {
  step: 0 | 1 | 2 | 3;
  of: 3;
  text: string;
  finished: boolean;
  failed: boolean;
}

export function jobProgress(state: string | undefined): JobProgress {
  switch (state) {
    case undefined:
      return { step: 0, of: 3, text: 'Die Neuberechnung wird angefordert …', finished: false, failed: false };
    case 'active':
      return { step: 2, of: 3, text: 'Schritt 2 von 3: Indizes und Klassen werden berechnet …', finished: false, failed: false };
    case 'completed':
      return { step: 3, of: 3, text: 'Schritt 3 von 3: Die Neuberechnung ist abgeschlossen.', finished: true, failed: false };
    case 'failed':
      return { step: 3, of: 3, text: 'Die Neuberechnung ist fehlgeschlagen.', finished: true, failed: true };
    default:
      // waiting, delayed, prioritized, waiting-children, and what BullMQ may add
      return { step: 1, of: 3, text: 'Schritt 1 von 3: Die Neuberechnung wartet auf ihren Platz in der Warteschlange …', finished: false, failed: false };
  }
}
