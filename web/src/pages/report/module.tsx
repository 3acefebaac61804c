import type { WebModule } from '../../lib/registry';
import { ReportPage } from './ReportPage';

export const report: WebModule = {
  name: 'report',
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
