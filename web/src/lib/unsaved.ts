// Unsaved work: a form that can hold more than a minute's work (the case page with its
// receipt, a story, a session, a knowledge item, a report text) says whether what is on
// screen differs from what was loaded or last saved. While it does, closing or
// reloading the tab gets the browser's own question (beforeunload), and leaving the
// page inside the app gets the app's dialog (the router's blockers, UnsavedDialog in
// app.tsx). "Changed" means different, not touched: typing and then undoing back to the
// saved value is no change.
import { useEffect, useRef } from 'preact/hooks';
import { addLeaveBlocker } from './router';

/**
 * Whether two plain values (strings, numbers, booleans, null, arrays and objects of
 * them, as a form's state holds them) are the same. Arrays compare in order; object keys
 * whose value is undefined count as absent.
 */
export function sameValues(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameValues(x, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) if (!sameValues(ra[k], rb[k])) return false;
  return true;
}

/** Whether the form's state differs from its saved state (see sameValues). */
export function isChanged<T>(saved: T, current: T): boolean {
  return !sameValues(saved, current);
}

/** The browser's question before closing or reloading a tab with unsaved work. */
function onBeforeUnload(e: BeforeUnloadEvent): void {
  e.preventDefault();
  // Older browsers ask only when returnValue is set; the text itself is never shown.
  e.returnValue = '';
}

/**
 * Guards a form's unsaved work while `dirty`: the browser asks before the tab is
 * closed or reloaded, the app asks before it leaves the page. After a save the form is
 * no longer dirty and nothing is asked; a page that saves and then opens another page
 * in the same handler (before it renders as clean) passes `{ ask: false }` to navigate().
 */
export function useUnsavedChanges(dirty: boolean): void {
  const current = useRef(dirty);
  current.current = dirty;
  useEffect(() => addLeaveBlocker(() => current.current), []);
  useEffect(() => {
    if (!dirty) return;
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);
}
