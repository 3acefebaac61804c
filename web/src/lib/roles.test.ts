import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import { canManage, canSee, coordinatorProgramme, navItems, parseProgrammes, roleLabel, roleLabels } from './roles';

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
    expect(roleLabels(['admin', 'coordinator:kies', 'coach'], nl)).toEqual(['Wijkcoach', 'Coördinator kies', 'Functioneel beheerder']);
  });

  it('reads coordinator programmes', () => {
    expect(coordinatorProgramme('coordinator:buurtbemiddeling')).toBe('buurtbemiddeling');
    expect(coordinatorProgramme('coach')).toBeNull();
    expect(parseProgrammes(' kies, meldpunt  kies;woonstap ')).toEqual(['kies', 'meldpunt', 'woonstap']);
  });
});

describe('navigation by role', () => {
  const paths = (roles: string[]) => navItems(roles).map((i) => i.path);

  it('shows everything to the functional administrator', () => {
    expect(paths(['admin'])).toEqual(['/', '/beheer/teams', '/beheer/gebruikers', '/beheer/audit']);
  });

  it('shows the users list (read-only) to hr, director and team manager', () => {
    for (const role of ['hr', 'director', 'team_manager']) {
      expect(paths([role]), role).toEqual(['/', '/beheer/gebruikers']);
      expect(canManage([role])).toBe(false);
    }
  });

  it('shows only Start to coach, quality, coordinators and funders', () => {
    for (const role of ['coach', 'quality', 'coordinator:kies', 'funder']) {
      expect(paths([role]), role).toEqual(['/']);
    }
    expect(paths([])).toEqual(['/']);
  });

  it('combines roles', () => {
    expect(paths(['coach', 'team_manager'])).toEqual(['/', '/beheer/gebruikers']);
    expect(canSee('audit', ['coach', 'admin'])).toBe(true);
    expect(canManage(['coach', 'admin'])).toBe(true);
  });
});
