// A tiny history-API router: paths without hashes, one listener set, and a counter of
// client-side navigations so that a page knows to move focus to its heading.
import { useEffect, useRef, useState } from 'preact/hooks';

type Listener = () => void;
const listeners = new Set<Listener>();
let navigations = 0;

function notify(): void {
  for (const l of listeners) l();
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    navigations += 1;
    notify();
  });
}

export function currentPath(): string {
  const p = window.location.pathname.replace(/\/+$/, '');
  return p === '' ? '/' : p;
}

/**
 * Goes to `path`. A replacing navigation (a redirect, e.g. to the log-in page on the
 * first load) does not count as the user going somewhere: focus stays where it is.
 */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', path);
  else {
    if (path !== window.location.pathname + window.location.search) window.history.pushState(null, '', path);
    navigations += 1;
  }
  notify();
}

/** How many client-side navigations happened; 0 on the first page of a visit. */
export function navigationCount(): number {
  return navigations;
}

/** The current path; re-renders on navigation. */
export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const l = () => setPath(currentPath());
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
  return path;
}

/** A click on an <a> that the router should handle itself (plain left click). */
export function isPlainClick(e: MouseEvent): boolean {
  return e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey && !e.defaultPrevented;
}

/** The current query string (`?a=b` or ''); re-renders on navigation. */
export function useSearch(): string {
  const [search, setSearch] = useState(() => window.location.search);
  useEffect(() => {
    const l = () => setSearch(window.location.search);
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  }, []);
  return search;
}

/**
 * A list page's filter form, set from the URL's query (`search`): again when the query
 * changes (back, a link, the form's own submit), not on the page's first load, when the
 * user may already be filling the form in before the page's effects have run.
 */
export function useFormFromSearch<T>(search: string, fromSearch: () => T): [T, (next: T | ((prev: T) => T)) => void] {
  const [form, setForm] = useState<T>(fromSearch);
  const shown = useRef(search);
  useEffect(() => {
    if (shown.current === search) return;
    shown.current = search;
    setForm(fromSearch());
  }, [search]);
  return [form, setForm];
}
