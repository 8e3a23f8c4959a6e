import { usePageTitle } from '../lib/usePageTitle';

/** Erklärung zur Barrierefreiheit nach § 12b BGG / BITV 2.0 (model text of the federal monitoring body). */
export function AccessibilityStatement() {
  usePageTitle('Erklärung zur Barrierefreiheit');
  return (
    <article className="page page--text">
      <h1 className="kern-heading-large">Erklärung zur Barrierefreiheit</h1>
      <p className="kern-body">
        Die Stadtverwaltung ist bemüht, ihre Fachanwendung „Sozialraum“ im Einklang mit den Bestimmungen des
        Behindertengleichstellungsrechts barrierefrei zugänglich zu machen. Maßstab sind die Barrierefreie-Informationstechnik-Verordnung
        (BITV 2.0) und die Web Content Accessibility Guidelines (WCAG) 2.1 in der Konformitätsstufe AA.
      </p>
      <h2 className="kern-heading-medium">Stand der Vereinbarkeit mit den Anforderungen</h2>
      <p className="kern-body">
        Die Anwendung ist mit den genannten Anforderungen weitgehend vereinbar. Jede Seite wird bei jeder Änderung automatisch mit axe-core
        gegen die Regeln der WCAG 2.1 AA geprüft; die Aufgabenbearbeitung wird zusätzlich allein mit der Tastatur getestet.
      </p>
      <h2 className="kern-heading-medium">Was wir dafür tun</h2>
      <ul className="kern-list kern-list--bullet">
        <li>Alle Funktionen sind mit der Tastatur bedienbar; ein Link „Zum Inhalt springen“ führt an der Navigation vorbei.</li>
        <li>Formularfelder haben sichtbare Beschriftungen; Fehler werden am Feld und in einer Zusammenfassung genannt.</li>
        <li>Farben erfüllen die Kontrastanforderungen; Status wird nie nur durch Farbe, sondern auch in Worten angezeigt.</li>
        <li>Zu jeder Karte und jedem Diagramm gibt es eine Tabelle mit denselben Daten.</li>
      </ul>
      <h2 className="kern-heading-medium">Nicht barrierefreie Inhalte</h2>
      <p className="kern-body">
        Die Kartenansicht selbst (Zeichenfläche) ist für Screenreader nicht auswertbar; dieselben Werte stehen in der Tabelle neben der
        Karte. Von Dritten bereitgestellte Dokumente (z. B. hochgeladene Dateien) sind nicht immer barrierefrei.
      </p>
      <h2 className="kern-heading-medium">Erstellung dieser Erklärung</h2>
      <p className="kern-body">Diese Erklärung beruht auf einer Selbstbewertung und automatisierten Prüfungen. Sie wird mit jeder Version der Anwendung überprüft.</p>
      <h2 className="kern-heading-medium">Barrieren melden: Kontakt zu den Feedback-Ansprechpartnern</h2>
      <p className="kern-body">
        Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen? Dann wenden Sie sich bitte an die Beauftragte für Barrierefreiheit der
        Stadtverwaltung oder an den IT-Service der Sozialplanung. Wir antworten innerhalb von zwei Wochen.
      </p>
      <h2 className="kern-heading-medium">Schlichtungsverfahren</h2>
      <p className="kern-body">
        Wenn auch nach Ihrem Feedback an den oben genannten Kontakt keine zufriedenstellende Lösung gefunden wurde, können Sie sich an die
        Schlichtungsstelle nach § 16 BGG beziehungsweise an die nach Landesrecht zuständige Stelle wenden. Das Verfahren ist kostenlos; Sie
        brauchen keinen Rechtsbeistand.
      </p>
    </article>
  );
}
