import type { WebModule } from '../../lib/registry';
import { AccountPage } from './AccountPage';

/** The user's own page (details, password), linked from the header beside the user's name. */
export const ACCOUNT_PATH = '/mijn-account';

export const account: WebModule = {
  name: 'account',
  capabilities: [],
  pages: [{ page: 'account', path: ACCOUNT_PATH, needs: null, view: AccountPage }],
};
