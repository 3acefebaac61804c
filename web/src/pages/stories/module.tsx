import type { WebModule } from '../../lib/registry';
import { can } from '../../lib/roles';
import { BestPracticesPage } from './BestPracticesPage';
import { DashboardPage } from './DashboardPage';
import { StoryFormPage } from './StoryFormPage';
import { StoryListPage } from './StoryListPage';
import { StoryPage } from './StoryPage';

/** The Vertelpunt's pages are counted (the annual report says how often it was used). */
const counted = 'vertelpunt';

/** What its server module computes (GET /api/v1/me `capabilities`). */
const capabilities = [
  'read_stories',
  'share_stories',
  'see_story_stats',
  'see_all_story_stats',
  'moderate_stories',
  'export_stories',
] as const;

export const stories: WebModule<typeof capabilities> = {
  name: 'stories',
  capabilities,
  pages: [
    {
      page: 'stories',
      path: '/verhalen',
      needs: 'read_stories',
      view: StoryListPage,
      nav: { label: 'nav.stories', order: 40 },
      counted,
    },
    { page: 'storyNew', path: '/verhalen/nieuw', needs: 'share_stories', view: StoryFormPage, counted },
    { page: 'storyDashboard', path: '/verhalen/dashboard', needs: 'see_story_stats', view: DashboardPage, counted },
    {
      page: 'story',
      path: '/verhalen/:id',
      needs: 'read_stories',
      view: ({ me, id }) => <StoryPage me={me} id={id!} />,
      counted,
    },
    {
      page: 'bestPractices',
      path: '/best-practices',
      needs: 'read_sessions',
      view: BestPracticesPage,
      nav: { label: 'nav.bestPractices', order: 60, menu: (u) => can(u, 'run_sessions') },
      counted,
    },
  ],
};
