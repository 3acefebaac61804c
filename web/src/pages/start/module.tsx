import type { WebModule } from '../../lib/registry';
import { StartPage } from './StartPage';

export const start: WebModule = {
  name: 'start',
  capabilities: [],
  pages: [{ page: 'start', path: '/', needs: null, view: StartPage, nav: { label: 'nav.start', order: 10 } }],
};
