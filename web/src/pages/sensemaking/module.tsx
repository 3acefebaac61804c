import type { WebModule } from '../../lib/registry';
import { SessionFormPage } from './SessionFormPage';
import { SessionListPage } from './SessionListPage';
import { SessionPage } from './SessionPage';

/** Sense-making is part of the Vertelpunt: its pages count as its views. */
const counted = 'vertelpunt';

/** What its server module computes (GET /api/v1/me `capabilities`). */
const capabilities = ['read_sessions', 'run_sessions'] as const;

export const sensemaking: WebModule<typeof capabilities> = {
  name: 'sensemaking',
  capabilities,
  pages: [
    {
      page: 'sessions',
      path: '/duidingssessies',
      needs: 'read_sessions',
      view: SessionListPage,
      nav: { label: 'nav.sessions', order: 50 },
      counted,
    },
    {
      page: 'sessionNew',
      path: '/duidingssessies/nieuw',
      needs: 'run_sessions',
      view: ({ me }) => <SessionFormPage me={me} id={null} />,
      counted,
    },
    {
      page: 'session',
      path: '/duidingssessies/:id',
      needs: 'read_sessions',
      view: ({ me, id }) => <SessionPage me={me} id={id!} />,
      counted,
    },
    {
      page: 'sessionEdit',
      path: '/duidingssessies/:id/wijzigen',
      needs: 'run_sessions',
      view: ({ me, id }) => <SessionFormPage me={me} id={id!} />,
      counted,
    },
  ],
};
