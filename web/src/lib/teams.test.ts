import { describe, expect, it } from 'vitest';
import { as } from './capabilities.fixture';
import {
  defaultCaseOwner,
  defaultCaseTeam,
  ownTeamsFirst,
  readsOtherTeamsCases,
  teamFilterChoices,
  teamOptions,
} from './teams';

const centrum = { id: 1, name: 'Wijkteam Centrum' };
const noord = { id: 2, name: 'Wijkteam Noord' };
const oost = { id: 4, name: 'Wijkteam Oost' };
const all = [oost, noord, centrum];

const coach = { id: 7, ...as('coach').inTeams(1), teams: [centrum] };
const manager = { id: 8, ...as('team_manager').inTeams(1, 2), teams: [centrum, noord] };
const coordinator = { id: 9, ...as('coordinator:doorstroomwoningen'), teams: [] };
const coachCoordinator = { id: 10, ...as('coach', 'coordinator:doorstroomwoningen').inTeams(2), teams: [noord] };
const quality = { id: 11, ...as('quality'), teams: [] };

describe('a new case', () => {
  it('is owned by the coach or team manager filing it in her own team', () => {
    expect(defaultCaseOwner(coach, '1')).toBe('7');
    expect(defaultCaseOwner(manager, '2')).toBe('8');
    // Another team (a coach who also coordinates a programme): no owner, as the server does.
    expect(defaultCaseOwner(coachCoordinator, '1')).toBe('');
    expect(defaultCaseOwner(coachCoordinator, '2')).toBe('10');
    // Before a team is chosen: hers when she has a team.
    expect(defaultCaseOwner(coach, '')).toBe('7');
    expect(defaultCaseOwner(coordinator, '')).toBe('');
    expect(defaultCaseOwner(coordinator, '1')).toBe('');
    expect(defaultCaseOwner({ id: 3, ...as('coach'), teams: [] }, '')).toBe('');
  });

  it('starts in the only team, or in her only own team among the choices', () => {
    expect(defaultCaseTeam(coach, [centrum])).toBe('1');
    expect(defaultCaseTeam(coachCoordinator, all)).toBe('2');
    expect(defaultCaseTeam(manager, [centrum, noord])).toBe('');
    expect(defaultCaseTeam(coordinator, all)).toBe('');
    expect(defaultCaseTeam(coordinator, [oost])).toBe('4');
    expect(defaultCaseTeam(coach, [])).toBe('');
  });
});

describe('team filters', () => {
  it('puts the own teams first, each group by name', () => {
    expect(ownTeamsFirst(all, [noord]).map((t) => t.id)).toEqual([2, 1, 4]);
  });

  it('offers a coach or team manager only her own teams in the case list', () => {
    expect(readsOtherTeamsCases(coach)).toBe(false);
    expect(teamFilterChoices(coach, all, 'cases')).toEqual([{ ...centrum, own: true }]);
    expect(teamFilterChoices(manager, all, 'cases').map((t) => t.id)).toEqual([1, 2]);
    // Her teams even before the organisation's list has loaded (names from /me).
    expect(teamFilterChoices(coach, [], 'cases')).toEqual([{ ...centrum, own: true }]);
  });

  it('offers every team to whom reads further, her own first', () => {
    expect(readsOtherTeamsCases(quality)).toBe(true);
    expect(readsOtherTeamsCases(coordinator)).toBe(true);
    expect(teamFilterChoices(quality, all, 'cases').map((t) => t.id)).toEqual([1, 2, 4]);
    expect(teamFilterChoices(coachCoordinator, all, 'cases').map((t) => [t.id, t.own])).toEqual([
      [2, true],
      [1, false],
      [4, false],
    ]);
  });

  it('offers every team in the story list, the own teams first', () => {
    expect(teamFilterChoices(coach, all, 'stories').map((t) => [t.id, t.own])).toEqual([
      [1, true],
      [2, false],
      [4, false],
    ]);
  });

  it('keeps a team asked for in the address', () => {
    expect(teamFilterChoices(coach, all, 'cases', '4').map((t) => [t.id, t.name])).toEqual([
      [1, 'Wijkteam Centrum'],
      [4, 'Wijkteam Oost'],
    ]);
    expect(teamFilterChoices(coach, all, 'cases', '99').at(-1)).toEqual({ id: 99, name: '#99', own: false });
    expect(teamFilterChoices(coach, all, 'cases', '1')).toHaveLength(1);
  });

  it('groups the options only when there are own teams and others', () => {
    const groups = { own: 'Mijn teams', others: 'Andere teams' };
    expect(teamOptions(teamFilterChoices(coach, all, 'stories'), groups)).toEqual([
      { value: '1', label: 'Wijkteam Centrum', group: 'Mijn teams' },
      { value: '2', label: 'Wijkteam Noord', group: 'Andere teams' },
      { value: '4', label: 'Wijkteam Oost', group: 'Andere teams' },
    ]);
    expect(teamOptions(teamFilterChoices(coach, all, 'cases'), groups)).toEqual([
      { value: '1', label: 'Wijkteam Centrum' },
    ]);
    expect(teamOptions(teamFilterChoices(quality, all, 'stories'), groups).every((o) => !('group' in o))).toBe(true);
  });
});
