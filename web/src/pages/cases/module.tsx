import type { WebModule } from '../../lib/registry';
import { CaseListPage } from './CaseListPage';
import { CasePage } from './CasePage';

/** What its server module computes (GET /api/v1/me `capabilities`). */
const capabilities = ['read_cases', 'edit_cases', 'read_all_cases', 'own_new_cases'] as const;
/** Scoped: `<prefix>:<text>`. */
const scoped = [
  'read_cases_in_team',
  'edit_cases_in_team',
  'read_cases_in_programme',
  'edit_cases_in_programme',
] as const;

export const cases: WebModule<typeof capabilities, typeof scoped> = {
  name: 'cases',
  capabilities,
  scoped,
  pages: [
    {
      page: 'cases',
      path: '/casussen',
      needs: 'read_cases',
      view: CaseListPage,
      nav: { label: 'nav.cases', order: 20 },
    },
    { page: 'caseNew', path: '/casussen/nieuw', needs: 'edit_cases', view: ({ me }) => <CasePage me={me} id={null} /> },
    { page: 'case', path: '/casussen/:id', needs: 'read_cases', view: ({ me, id }) => <CasePage me={me} id={id!} /> },
  ],
};
