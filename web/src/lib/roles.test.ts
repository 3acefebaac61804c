import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import { as, SERVER_SAYS } from './capabilities.fixture';
import {
  can,
  canEditCase,
  canSee,
  coordinatorProgramme,
  navItems,
  newCaseChoices,
  parseProgrammes,
  roleLabel,
  roleLabels,
} from './roles';

const nl = translator('nl');
const en = translator('en');

describe('roleLabel', () => {
  it('names every role in Dutch', () => {
    expect(roleLabel('coach', nl)).toBe('Wijkcoach');
    expect(roleLabel('team_manager', nl)).toBe('Wijkteammanager');
    expect(roleLabel('quality', nl)).toBe('Kwaliteitsmedewerker');
    expect(roleLabel('coordinator:doorstroomwoningen', nl)).toBe('Coördinator doorstroomwoningen');
    expect(roleLabel('hr', nl)).toBe('P&O');
    expect(roleLabel('director', nl)).toBe('Directeur-bestuurder');
    expect(roleLabel('funder', nl)).toBe('Gemeente (financier)');
    expect(roleLabel('admin', nl)).toBe('Functioneel beheerder');
  });

  it('names roles in English', () => {
    expect(roleLabel('coach', en)).toBe('Neighbourhood coach');
    expect(roleLabel('coordinator:meldpunt', en)).toBe('Coordinator meldpunt');
  });

  it('shows a role it does not know as it is', () => {
    expect(roleLabel('auditor', nl)).toBe('auditor');
    expect(roleLabel('coordinator:', nl)).toBe('Coördinator');
  });

  it('orders labels by role, not by input order', () => {
    expect(roleLabels(['admin', 'coordinator:kies', 'coach'], nl)).toEqual([
      'Wijkcoach',
      'Coördinator kies',
      'Functioneel beheerder',
    ]);
  });

  it('reads coordinator programmes', () => {
    expect(coordinatorProgramme('coordinator:buurtbemiddeling')).toBe('buurtbemiddeling');
    expect(coordinatorProgramme('coach')).toBeNull();
    expect(parseProgrammes(' kies, meldpunt  kies;woonstap ')).toEqual(['kies', 'meldpunt', 'woonstap']);
  });
});

describe('navigation by capability', () => {
  const paths = (...roles: string[]) => navItems(as(...roles)).map((i) => i.path);
  const CASES = ['/casussen', '/kassabonnen'];
  /** Vertelpunt and its sense-making sessions, for every role that reads stories. */
  const STORIES = ['/verhalen', '/duidingssessies'];
  /** The knowledge base, for every role but the funder. */
  const KB = '/kennisbank';

  it('shows the administration pages, but no cases, to the functional administrator', () => {
    expect(paths('admin')).toEqual([
      '/',
      KB,
      '/beheer/teams',
      '/beheer/gebruikers',
      '/beheer/programmas',
      '/beheer/keuzelijsten',
      '/beheer/instellingen',
      '/beheer/audit',
    ]);
    expect(canSee('settings', as('admin'))).toBe(true);
    for (const role of ['quality', 'coach', 'hr', 'director']) expect(canSee('settings', as(role)), role).toBe(false);
    expect(canSee('case', as('admin'))).toBe(false);
  });

  it('opens "Mijn account" for every role, outside the main menu', () => {
    for (const role of Object.keys(SERVER_SAYS)) {
      expect(canSee('account', as(role)), role).toBe(true);
      expect(paths(role), role).not.toContain('/mijn-account');
    }
  });

  it('shows the users list (read-only) to hr, director and team manager', () => {
    expect(paths('hr')).toEqual(['/', KB, '/beheer/gebruikers']);
    expect(paths('director')).toEqual(['/', ...CASES, ...STORIES, KB, '/jaarverslag', '/beheer/gebruikers']);
    expect(paths('team_manager')).toEqual(['/', ...CASES, ...STORIES, KB, '/beheer/gebruikers']);
    for (const role of ['hr', 'director', 'team_manager']) expect(can(as(role), 'administer')).toBe(false);
  });

  it('shows cases and receipts to everyone who may read cases', () => {
    for (const role of ['coach', 'coordinator:kies']) {
      expect(paths(role), role).toEqual(['/', ...CASES, ...STORIES, KB]);
    }
    expect(paths('quality')).toEqual([
      '/',
      ...CASES,
      ...STORIES,
      '/best-practices',
      KB,
      '/jaarverslag',
      '/beheer/vertelpunt-lijsten',
    ]);
  });

  it('shows the annual report to whoever may read it', () => {
    for (const role of ['director', 'quality', 'funder']) expect(canSee('report', as(role)), role).toBe(true);
    for (const role of ['coach', 'team_manager', 'hr', 'admin', 'coordinator:kies'])
      expect(canSee('report', as(role)), role).toBe(false);
  });

  it('shows funders Start and the annual report, users without capabilities only Start', () => {
    expect(paths('funder')).toEqual(['/', '/jaarverslag']);
    expect(paths()).toEqual(['/']);
  });

  it('combines roles', () => {
    expect(paths('coach', 'team_manager')).toEqual(['/', ...CASES, ...STORIES, KB, '/beheer/gebruikers']);
    expect(canSee('audit', as('coach', 'admin'))).toBe(true);
    // An administrator edits the story lists on Keuzelijsten; one who is also quality staff
    // keeps the page of their own in the menu.
    expect(paths('admin')).not.toContain('/beheer/vertelpunt-lijsten');
    expect(paths('quality', 'admin')).toContain('/beheer/vertelpunt-lijsten');
  });

  it('opens the new-case and import pages only to those who may edit cases', () => {
    for (const roles of [['coach'], ['coordinator:doorstroomwoningen'], ['team_manager', 'coach']]) {
      expect(canSee('caseNew', as(...roles)), roles.join()).toBe(true);
      expect(canSee('import', as(...roles)), roles.join()).toBe(true);
    }
    for (const role of ['team_manager', 'quality', 'director', 'admin', 'hr']) {
      expect(canSee('caseNew', as(role)), role).toBe(false);
      expect(canSee('import', as(role)), role).toBe(false);
    }
    expect(canSee('summary', as('quality'))).toBe(true);
  });

  it('opens the knowledge base to every role but the funder; writing to whoever the server lets write', () => {
    for (const role of ['coach', 'team_manager', 'quality', 'hr', 'director', 'admin', 'coordinator:kies']) {
      for (const page of ['knowledge', 'knowledgeItem', 'knowledgeEdit', 'knowledgeDue'] as const)
        expect(canSee(page, as(role)), `${page} ${role}`).toBe(true);
    }
    for (const page of ['knowledge', 'knowledgeItem', 'knowledgeNew', 'knowledgeEdit', 'knowledgeDue'] as const)
      expect(canSee(page, as('funder')), page).toBe(false);
    expect(canSee('knowledgeNew', as('quality'))).toBe(true);
    expect(canSee('knowledgeNew', as('coach'))).toBe(false);
    // Where the organisation lets coaches write, the server adds write_knowledge.
    expect(canSee('knowledgeNew', { capabilities: [...as('coach').capabilities, 'write_knowledge'] })).toBe(true);
    expect(canSee('knowledgeNew', as('director'))).toBe(false);
  });
});

describe('who may edit a case', () => {
  const coach = as('coach').inTeams(11, 12);
  const manager = as('team_manager').inTeams(11);
  const regie = as('coordinator:doorstroomwoningen');
  const reader = (role: string) => as(role).inTeams(11);

  it('a coach edits the cases of their own teams, in any programme', () => {
    expect(canEditCase(coach, 11, 'doorstroomwoningen')).toBe(true);
    expect(canEditCase(coach, 12, 'woonstap')).toBe(true);
    expect(canEditCase(coach, 13, 'doorstroomwoningen')).toBe(false);
  });

  it('a coordinator edits the cases of their programme, in any team', () => {
    expect(canEditCase(regie, 13, 'doorstroomwoningen')).toBe(true);
    expect(canEditCase(regie, 11, 'woonstap')).toBe(false);
    expect(canEditCase(regie, 11, null)).toBe(false);
  });

  it('team managers, quality staff and directors only read', () => {
    expect(canEditCase(manager, 11, 'doorstroomwoningen')).toBe(false);
    for (const role of ['quality', 'director', 'hr', 'admin', 'funder']) {
      expect(canEditCase(reader(role), 11, 'doorstroomwoningen'), role).toBe(false);
    }
  });

  it('a team manager who is also a coach edits as a coach', () => {
    expect(canEditCase(as('team_manager', 'coach').inTeams(11), 11, 'x')).toBe(true);
  });

  it('offers the right teams and programmes for a new case', () => {
    const teams = [{ id: 11 }, { id: 12 }, { id: 13 }];
    const programmes = [
      { id: 1, slug: 'doorstroomwoningen', active: true },
      { id: 2, slug: 'woonstap', active: true },
      { id: 3, slug: 'oud', active: false },
    ];
    const ids = (c: { teams: { id: number }[]; programmes: { id: number }[] }) => ({
      teams: c.teams.map((x) => x.id),
      programmes: c.programmes.map((p) => p.id),
    });
    expect(ids(newCaseChoices(coach, teams, programmes))).toEqual({ teams: [11, 12], programmes: [1, 2] });
    expect(ids(newCaseChoices(regie, teams, programmes))).toEqual({ teams: [11, 12, 13], programmes: [1] });
    expect(ids(newCaseChoices(manager, teams, programmes))).toEqual({ teams: [], programmes: [] });
    expect(ids(newCaseChoices(as('coordinator:onbekend'), teams, programmes))).toEqual({
      teams: [],
      programmes: [],
    });
    expect(can(as('coach'), 'edit_cases')).toBe(true);
    expect(can(as('quality', 'director'), 'edit_cases')).toBe(false);
  });
});
