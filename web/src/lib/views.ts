// Module views (docs/openapi.json, /api/v1/module-views): the app tells the server once per page
// opened that a module's page was seen, so the annual report can say how often the
// Vertelpunt was used. One place does it for every page (app.tsx calls useModuleView),
// so no page needs its own copy.
import { useEffect } from 'preact/hooks';
import { api } from './api';
import type { Page } from './roles';

const VERTELPUNT: ReadonlySet<Page> = new Set<Page>([
  'stories',
  'storyNew',
  'story',
  'storyDashboard',
  'sessions',
  'sessionNew',
  'sessionEdit',
  'session',
  'bestPractices',
]);

/** The module a page belongs to, for the view count; null for pages that are not counted. */
export function moduleOf(page: Page | null): string | null {
  return page !== null && VERTELPUNT.has(page) ? 'vertelpunt' : null;
}

/**
 * Counts one view when a counted page opens: `page` is the page shown (null while
 * none is, e.g. "Geen toegang"), `path` tells one opening from the next. A failure is
 * not the user's problem and is not shown.
 */
export function useModuleView(page: Page | null, path: string): void {
  useEffect(() => {
    const module = moduleOf(page);
    if (module) api.countView(module).catch(() => undefined);
  }, [page, path]);
}
