import type { WebModule } from '../../lib/registry';
import { ImportPage } from './ImportPage';
import { SummaryPage } from './SummaryPage';

export const receipts: WebModule = {
  name: 'receipts',
  capabilities: [],
  pages: [
    {
      page: 'receipts',
      path: '/kassabonnen',
      needs: 'read_cases',
      view: ({ me }) => <SummaryPage me={me} programmeId={null} />,
      nav: { label: 'nav.receipts', order: 30 },
    },
    { page: 'import', path: '/kassabonnen/importeren', needs: 'edit_cases', view: ImportPage },
    {
      page: 'summary',
      path: '/kassabonnen/:id',
      needs: 'read_cases',
      view: ({ me, id }) => <SummaryPage me={me} programmeId={id!} />,
    },
  ],
};
