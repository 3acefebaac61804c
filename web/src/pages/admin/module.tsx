import type { WebModule } from '../../lib/registry';
import { can, type Capable } from '../../lib/roles';
import { AuditPage } from './AuditPage';
import { ListsPage } from './ListsPage';
import { ProgrammesPage } from './ProgrammesPage';
import { SettingsPage } from './SettingsPage';
import { TeamsPage } from './TeamsPage';
import { UsersPage } from './UsersPage';

// The administrator edits the story lists on Keuzelijsten; quality staff (who run the
// sense-making sessions) get a page of their own in the menu, administrators among them too.
const storyListsOnly = (u: Capable) =>
  can(u, 'edit_list:story_topic') && (!can(u, 'administer') || can(u, 'run_sessions'));

/** What its server modules compute (GET /api/v1/me `capabilities`: organisation, audit). */
const capabilities = ['administer', 'list_users', 'read_audit'] as const;
/** Scoped: `edit_list:<list>`. */
const scoped = ['edit_list'] as const;

export const admin: WebModule<typeof capabilities, typeof scoped> = {
  name: 'admin',
  capabilities,
  scoped,
  pages: [
    {
      page: 'teams',
      path: '/beheer/teams',
      needs: 'administer',
      view: TeamsPage,
      nav: { label: 'nav.teams', order: 90 },
    },
    {
      page: 'users',
      path: '/beheer/gebruikers',
      needs: 'list_users',
      view: UsersPage,
      nav: { label: 'nav.users', order: 100 },
    },
    {
      page: 'programmes',
      path: '/beheer/programmas',
      needs: 'administer',
      view: ProgrammesPage,
      nav: { label: 'nav.programmes', order: 110 },
    },
    {
      page: 'lists',
      path: '/beheer/keuzelijsten',
      needs: 'administer',
      view: ({ me }) => <ListsPage me={me} group="all" />,
      nav: { label: 'nav.lists', order: 120 },
    },
    {
      page: 'storyLists',
      path: '/beheer/vertelpunt-lijsten',
      needs: 'edit_list:story_topic',
      view: ({ me }) => <ListsPage me={me} group="stories" />,
      nav: { label: 'nav.storyLists', order: 130, menu: storyListsOnly },
    },
    {
      page: 'settings',
      path: '/beheer/instellingen',
      needs: 'administer',
      view: SettingsPage,
      nav: { label: 'nav.settings', order: 140 },
    },
    {
      page: 'audit',
      path: '/beheer/audit',
      needs: 'read_audit',
      view: AuditPage,
      nav: { label: 'nav.audit', order: 150 },
    },
  ],
};
