// Module views (docs/openapi.json, /api/v1/module-views): the app tells the server once per page
// opened that a module's page was seen, so the annual report can say how often the
// Vertelpunt was used. A page is counted when its module says so (`counted` in its
// pages/<m>/module.tsx); app.tsx calls useModuleView for every page.
import { useEffect } from 'preact/hooks';
import { api } from './api';
import { registry, type Page } from './registry';

/** The module a page counts for (its declaration's `counted`); null for pages that are not counted. */
export function moduleOf(page: Page | null): string | null {
  return (page !== null && registry().byName.get(page)?.counted) || null;
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
