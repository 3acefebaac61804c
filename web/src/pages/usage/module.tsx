import type { WebModule } from '../../lib/registry';

/** What its server module computes (GET /api/v1/me `capabilities`). */
const capabilities = ['see_module_views'] as const;

/** The module views (src/modules/usage): no page of its own; the story dashboard shows them. */
export const usage: WebModule<typeof capabilities> = {
  name: 'usage',
  capabilities,
  pages: [],
};
