import { useEffect } from 'react';

/** Every page has its own title, so browser tabs, history and screen readers tell pages apart. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} – Sozialraum`;
  }, [title]);
}
