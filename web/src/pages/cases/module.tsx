import type { WebModule } from '../../lib/registry';
import { CaseListPage } from './CaseListPage';
import { CasePage } from './CasePage';

export const cases: WebModule = {
  name: 'cases',
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
