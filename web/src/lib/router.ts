// A tiny history-API router: paths without hashes, one listener set, and a counter of
// client-side navigations so that a page knows to move focus to its heading. A page
// with unsaved work registers a blocker (lib/unsaved.ts): a navigation the user starts
// (a link, navigate(), back or forward) then waits for the answer in the app's dialog.
import { useEffect, useRef, useState } from 'preact/hooks';

type Listener = () => void;
const listeners = new Set<Listener>();
let navigations = 0;

function notify(): void {
  for (const l of listeners) l();
}

// Leaving a page with unsaved work. Each history entry this app makes carries its
// position (`wkIndex`), so that back or forward to another page can be undone while
// the user is asked (history.go back by the same distance), and redone if she leaves.
/** Says whether the page holds work that leaving would throw away. */
export type LeaveBlocker = () => boolean;
const blockers = new Set<LeaveBlocker>();
/** The navigation waiting for the user's answer, if any. */
let pendingLeave: (() => void) | null = null;
const leaveListeners = new Set<Listener>();
/** Where this document is in the tab's history (the `wkIndex` of the current entry). */
let index = 0;
/** A history move of our own (undoing or redoing the user's back/forward) is under way. */
let ownMove: 'undo' | 'redo' | null = null;

function entryIndex(state: unknown): number | null {
  const i = (state as { wkIndex?: unknown } | null)?.wkIndex;
  return typeof i === 'number' ? i : null;
}

function notifyLeave(): void {
  for (const l of leaveListeners) l();
}

/** Whether a registered page holds unsaved work. */
export function leavingLosesWork(): boolean {
  for (const b of blockers) if (b()) return true;
  return false;
}

/** Registers a blocker; returns the function that removes it. */
export function addLeaveBlocker(blocker: LeaveBlocker): () => void {
  blockers.add(blocker);
  return () => {
    blockers.delete(blocker);
  };
}

/**
 * Runs `leave` now when no page holds unsaved work, otherwise once the user has
 * chosen to leave in the dialog (see answerLeave). For anything that leaves the page:
 * navigating, logging out.
 */
export function whenLeaving(leave: () => void): void {
  if (!leavingLosesWork()) {
    leave();
    return;
  }
  pendingLeave = leave;
  notifyLeave();
}

/** The dialog's answer: leave (the waiting navigation goes ahead) or stay (it is dropped). */
export function answerLeave(leave: boolean): void {
  const go = pendingLeave;
  pendingLeave = null;
  notifyLeave();
  if (leave && go) go();
}

/** Whether a navigation waits for the user's answer. */
export function askingToLeave(): boolean {
  return pendingLeave !== null;
}

/** askingToLeave(), re-rendering when it changes. */
export function useLeaveQuestion(): boolean {
  const [asking, setAsking] = useState(askingToLeave);
  useEffect(() => {
    const l = () => setAsking(askingToLeave());
    leaveListeners.add(l);
    l();
    return () => {
      leaveListeners.delete(l);
    };
  }, []);
  return asking;
}

/** The path and query of the page being shown (a change of the hash alone stays on it). */
function pageUrl(): string {
  return window.location.pathname + window.location.search;
}
let shownUrl = '';

function onPopState(e: PopStateEvent): void {
  const to = entryIndex(e.state);
  if (ownMove === 'undo') {
    // Back where the user was: the question is open, nothing changed.
    ownMove = null;
    return;
  }
  if (ownMove === 'redo' || pageUrl() === shownUrl || to === null || to === index || !leavingLosesWork()) {
    ownMove = null;
    if (to === null) {
      // A new entry the browser made for an in-page link (#…): give it its place.
      index += 1;
      window.history.replaceState({ wkIndex: index }, '');
    } else index = to;
    shownUrl = pageUrl();
    navigations += 1;
    notify();
    return;
  }
  // Back or forward to another page with work unsaved: go back where the user was
  // and ask; if she leaves, make the same move again.
  const delta = to - index;
  ownMove = 'undo';
  window.history.go(-delta);
  whenLeaving(() => {
    ownMove = 'redo';
    window.history.go(delta);
  });
}

if (typeof window !== 'undefined') {
  const at = entryIndex(window.history.state);
  if (at === null) window.history.replaceState({ wkIndex: 0 }, '');
  else index = at;
  shownUrl = pageUrl();
  window.addEventListener('popstate', onPopState);
}

export function currentPath(): string {
  const p = window.location.pathname.replace(/\/+$/, '');
  return p === '' ? '/' : p;
}

/**
 * Goes to `path`. A replacing navigation (a redirect, e.g. to the log-in page on the
 * first load) does not count as the user going somewhere: focus stays where it is,
 * and it is not held up by unsaved work. Otherwise, when a page holds unsaved work,
 * the user is asked first; `ask: false` when there is nothing to ask: the page has
 * just saved its work (and opens what it saved), or the user has said she leaves.
 */
export function navigate(path: string, options: { replace?: boolean; ask?: boolean } = {}): void {
  if (options.replace) {
    window.history.replaceState({ wkIndex: index }, '', path);
    shownUrl = pageUrl();
    notify();
    return;
  }
  const go = () => {
    if (path !== pageUrl()) {
      index += 1;
      window.history.pushState({ wkIndex: index }, '', path);
    }
    shownUrl = pageUrl();
    navigations += 1;
    notify();
  };
  if (options.ask === false || path === pageUrl()) go();
  else whenLeaving(go);
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
