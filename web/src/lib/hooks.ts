// The patterns the pages share, once: loading what the page shows (an answer to an
// older question is dropped), a paged list whose filter and place live in the address,
// and a form's submit (busy, the server's problem+json placed on its fields).
import type { RefObject } from 'preact';
import type { Inputs } from 'preact/hooks';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/context';
import { describeError, messageWithUnplaced, type Shown } from './errors';
import { useSearch } from './router';
import { focusFirstInvalid } from '../components/Field';

/** What to do with a load's outcome. */
export interface Outcome<T> {
  ok: (value: T) => void;
  fail?: (err: unknown) => void;
  /** After either, e.g. the end of a busy state. */
  done?: () => void;
}

/**
 * Hands the promise's outcome to `on` unless the returned function was called first
 * (the page asked again, or is gone): the answer to an older question never overwrites
 * a newer one.
 */
export function unlessStale<T>(promise: Promise<T>, on: Outcome<T>): () => void {
  let stale = false;
  promise
    .then(
      (value) => {
        if (!stale) on.ok(value);
      },
      (err: unknown) => {
        if (!stale) on.fail?.(err);
      },
    )
    .finally(() => {
      if (!stale) on.done?.();
    });
  return () => {
    stale = true;
  };
}

/**
 * Loads when `deps` change (and on the first render): `load` returns the request, or
 * null when there is nothing to ask yet. Only the latest request's answer reaches `on`.
 * Returns whether a request is under way (for `aria-busy`).
 */
export function useLoad<T>(load: () => Promise<T> | null, deps: Inputs, on: Outcome<T>): boolean {
  const [busy, setBusy] = useState(false);
  useEffect(() => startLoad(load, on, setBusy), deps);
  return busy;
}

/**
 * One run of useLoad's effect: asks `load` and is busy until its answer came; returns the
 * clean-up that makes the answer stale. With nothing to ask it is not busy: a request of an
 * earlier run that went stale never says it is done.
 */
export function startLoad<T>(
  load: () => Promise<T> | null,
  on: Outcome<T>,
  setBusy: (busy: boolean) => void,
): (() => void) | undefined {
  const request = load();
  if (!request) {
    setBusy(false);
    return undefined;
  }
  setBusy(true);
  return unlessStale(request, { ...on, done: () => setBusy(false) });
}

/** After "Vorige"/"Volgende" the link pressed may be gone: focus goes to the list's region. */
export function focusResults(captionId: string): void {
  requestAnimationFrame(() => document.getElementById(captionId)?.closest<HTMLElement>('[role="region"]')?.focus());
}

/** A list page's wiring: how it reads the address, asks the server and names its caption. */
export interface ListPageSpec<F, D> {
  /** The filter and the page's place, from the query string. */
  read: (search: string) => F;
  /** The request for one page. */
  load: (filter: F) => Promise<D>;
  /** The id of the table's caption (`<id>-caption` of DataTable): focus goes there after paging. */
  captionId: string;
  /** After a page arrived (and was shown): announcements, remembered cursors. */
  loaded?: (page: D, filter: F, search: string) => void;
  /** More reasons to ask again than a new address (e.g. a reload counter). */
  deps?: Inputs;
}

export interface ListPage<F, D> {
  /** The query string. */
  search: string;
  /** The filter the address says now. */
  applied: F;
  /** The page shown, with the filter it was asked for (the address may already say another). */
  data: (D & { filter: F }) | null;
  /** For a row changed on the page (e.g. a user deactivated), without asking again. */
  setData: (update: (data: (D & { filter: F }) | null) => (D & { filter: F }) | null) => void;
  error: string | null;
  setError: (error: string | null) => void;
  busy: boolean;
  /** For the pager's links: the next page's list gets the focus. */
  onPaged: () => void;
}

/**
 * A paged, filtered list that follows the address: it asks the server again whenever
 * the query string changes (a filter, the pager, Back), keeps the last page on screen
 * meanwhile, and drops an answer to an older address.
 */
export function useListPage<F, D extends object>(spec: ListPageSpec<F, D>): ListPage<F, D> {
  const { t, lang } = useI18n();
  const search = useSearch();
  const applied = useMemo(() => spec.read(search), [search]);
  const [data, setData] = useState<(D & { filter: F }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const paged = useRef(false);
  const busy = useLoad(() => spec.load(applied), [search, ...(spec.deps ?? [])], {
    ok: (page) => {
      setData({ ...page, filter: applied });
      setError(null);
      if (paged.current) {
        paged.current = false;
        focusResults(spec.captionId);
      }
      spec.loaded?.(page, applied, search);
    },
    fail: (err) => setError(describeError(err, t, lang).message),
  });
  return { search, applied, data, setData, error, setError, busy, onPaged: () => (paged.current = true) };
}

/**
 * The server's problem on a form: its field messages under the form's own names
 * (`fields` maps the API's field name to the form's; a list keeps the names), and the
 * message with whatever the form has no place for.
 */
export function placeProblem(
  shown: Shown,
  fields: Readonly<Record<string, string>> | readonly string[],
): { message: string | null; fields: Record<string, string> } {
  const map: Readonly<Record<string, string>> = Array.isArray(fields)
    ? Object.fromEntries(fields.map((f) => [f, f]))
    : (fields as Readonly<Record<string, string>>);
  const placed: Record<string, string> = {};
  for (const [field, msg] of Object.entries(shown.fields)) {
    const key = map[field];
    if (key) placed[key] = msg;
  }
  return { message: messageWithUnplaced(shown, Object.keys(map)), fields: placed };
}

export interface Submit {
  busy: boolean;
  /** The form's field messages (its own names). */
  errors: Record<string, string>;
  setErrors: (errors: Record<string, string>) => void;
  /** The message above the form (the summary, or the server's). */
  error: string | null;
  setError: (error: string | null) => void;
  /** What went well (e.g. "Team toegevoegd."), above the form; cleared when a check or a request fails. */
  status: string | null;
  setStatus: (status: string | null) => void;
  /** The form's element, for the focus on the first wrong field. */
  formRef: RefObject<HTMLFormElement>;
  /** What FormPanel shows of it: `<FormPanel {...submit.panel} …>`. */
  panel: { error: string | null; status: string | null; busy: boolean; formRef: RefObject<HTMLFormElement> };
  /**
   * The form's own check: shows `found` on the fields; when there is any, the summary
   * above the form and the focus on the first wrong field, and returns false.
   */
  check: (found: Record<string, string>) => boolean;
  /**
   * Runs `action` once at a time (a second press while busy does nothing). A failure
   * shows the server's problem on the fields and above the form, moves the focus to the
   * first wrong field; the answer is `action`'s, or undefined.
   */
  run: <T>(action: () => Promise<T>) => Promise<T | undefined>;
}

/**
 * A form's submit. `fields`: the API's field names the form shows (a map to its own
 * names, or a list where they are the same).
 */
export function useSubmit(fields: Readonly<Record<string, string>> | readonly string[]): Submit {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const running = useRef(false);
  const check = (found: Record<string, string>) => {
    setErrors(found);
    if (!Object.keys(found).length) return true;
    setStatus(null);
    setError(t('common.errorSummary'));
    focusFirstInvalid(formRef.current);
    return false;
  };
  const run = async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    try {
      const answer = await action();
      setErrors({});
      setError(null);
      return answer;
    } catch (err) {
      const shown = placeProblem(describeError(err, t, lang), fields);
      setErrors(shown.fields);
      setError(shown.message);
      setStatus(null);
      focusFirstInvalid(formRef.current);
      return undefined;
    } finally {
      running.current = false;
      setBusy(false);
    }
  };
  return {
    busy,
    errors,
    setErrors,
    error,
    setError,
    status,
    setStatus,
    formRef,
    panel: { error, status, busy, formRef },
    check,
    run,
  };
}
