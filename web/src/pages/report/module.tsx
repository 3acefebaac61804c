import type { WebModule } from '../../lib/registry';
import { ReportPage } from './ReportPage';

/** What its server module computes (GET /api/v1/me `capabilities`). */
const capabilities = ['read_report', 'write_report'] as const;

export const report: WebModule<typeof capabilities> = {
  name: 'report',
  capabilities,
  pages: [
    {
      page: 'report',
      path: ['/jaarverslag', '/jaarverslag/:year'],
      needs: 'read_report',
      view: ({ me, id }) => <ReportPage me={me} year={id ?? null} />,
      nav: { label: 'nav.report', order: 80 },
    },
  ],
};
