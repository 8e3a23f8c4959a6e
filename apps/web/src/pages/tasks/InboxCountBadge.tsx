import { useInboxCounts } from './inbox-queries';

/** The number of open tasks of my groups, beside "Meine Aufgaben" in the navigation. */
export function InboxCountBadge() {
  const counts = useInboxCounts();
  const open = counts.data?.groups;
  if (!open) return null;
  return (
    <span className="count-badge" data-testid="aufgaben-anzahl">
      {open}
      <span className="kern-sr-only"> offene Aufgaben</span>
    </span>
  );
}
