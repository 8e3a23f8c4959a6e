/** Page navigation for long lists: previous, "Seite n von m", next. */
export function Pagination({ page, pageSize, total, onPage, label }: { page: number; pageSize: number; total: number; onPage: (page: number) => void; label: string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={label}>
      <button type="button" className="kern-btn kern-btn--secondary kern-btn--x-small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        <span className="kern-icon kern-icon--chevron-left" aria-hidden="true" />
        <span className="kern-label">Zurück</span>
      </button>
      <span className="kern-body" aria-live="polite">
        Seite {page} von {pages}
      </span>
      <button type="button" className="kern-btn kern-btn--secondary kern-btn--x-small" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        <span className="kern-label">Weiter</span>
        <span className="kern-icon kern-icon--chevron-right" aria-hidden="true" />
      </button>
    </nav>
  );
}
