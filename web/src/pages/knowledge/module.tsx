import type { WebModule } from '../../lib/registry';
import { KnowledgeFormPage } from './KnowledgeFormPage';
import { KnowledgeItemPage } from './KnowledgeItemPage';
import { KnowledgeListPage } from './KnowledgeListPage';
import { ReviewDuePage } from './ReviewDuePage';

/** What its server module computes (GET /api/v1/me `capabilities`). */
const capabilities = ['read_knowledge', 'write_knowledge', 'review_knowledge'] as const;

export const knowledge: WebModule<typeof capabilities> = {
  name: 'knowledge',
  capabilities,
  pages: [
    {
      page: 'knowledge',
      path: '/kennisbank',
      needs: 'read_knowledge',
      view: KnowledgeListPage,
      nav: { label: 'nav.knowledge', order: 70 },
    },
    {
      page: 'knowledgeNew',
      path: '/kennisbank/nieuw',
      needs: 'write_knowledge',
      view: ({ me }) => <KnowledgeFormPage me={me} id={null} />,
    },
    { page: 'knowledgeDue', path: '/kennisbank/te-herzien', needs: 'read_knowledge', view: ReviewDuePage },
    {
      page: 'knowledgeItem',
      path: '/kennisbank/:id',
      needs: 'read_knowledge',
      view: ({ me, id }) => <KnowledgeItemPage me={me} id={id!} />,
    },
    {
      page: 'knowledgeEdit',
      path: '/kennisbank/:id/bewerken',
      needs: 'read_knowledge',
      view: ({ me, id }) => <KnowledgeFormPage me={me} id={id!} />,
    },
  ],
};
