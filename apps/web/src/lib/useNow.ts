import { useEffect, useState } from 'react';

/** The current time, renewed every minute: "overdue" flips while the page stays open, and renders stay pure. */
export function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export const isOverdue = (task: { status: string; dueAt: string }, now: number): boolean => task.status === 'open' && new Date(task.dueAt).getTime() < now;
