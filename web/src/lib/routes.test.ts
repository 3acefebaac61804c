import { describe, expect, it } from 'vitest';
import { matchRoute, safeReturnPath } from './routes';
import { parseDateInput, dateInputValue, todayIso } from './format';

describe('routes', () => {
  it('knows fixed pages and pages with an id', () => {
    expect(matchRoute('/casussen')).toEqual({ page: 'cases' });
    expect(matchRoute('/casussen/nieuw')).toEqual({ page: 'caseNew' });
    expect(matchRoute('/casussen/12')).toEqual({ page: 'case', id: 12 });
    expect(matchRoute('/kassabonnen/3')).toEqual({ page: 'summary', id: 3 });
    expect(matchRoute('/kassabonnen/importeren')).toEqual({ page: 'import' });
    expect(matchRoute('/beheer/keuzelijsten')).toEqual({ page: 'lists' });
    expect(matchRoute('/beheer/instellingen')).toEqual({ page: 'settings' });
    expect(matchRoute('/mijn-account')).toEqual({ page: 'account' });
    expect(matchRoute('/jaarverslag')).toEqual({ page: 'report' });
    expect(matchRoute('/jaarverslag/2025')).toEqual({ page: 'report', id: 2025 });
    expect(matchRoute('/jaarverslag/2000')).toEqual({ page: 'report', id: 2000 });
    expect(matchRoute('/jaarverslag/2100')).toEqual({ page: 'report', id: 2100 });
    expect(matchRoute('/kennisbank')).toEqual({ page: 'knowledge' });
    expect(matchRoute('/kennisbank/nieuw')).toEqual({ page: 'knowledgeNew' });
    expect(matchRoute('/kennisbank/te-herzien')).toEqual({ page: 'knowledgeDue' });
    expect(matchRoute('/kennisbank/7')).toEqual({ page: 'knowledgeItem', id: 7 });
    expect(matchRoute('/kennisbank/7/bewerken')).toEqual({ page: 'knowledgeEdit', id: 7 });
    expect(matchRoute('/kennisbank/0')).toBeNull();
    expect(matchRoute('/kennisbank/7/wijzigen')).toBeNull();
    expect(matchRoute('/jaarverslag/1999')).toBeNull();
    expect(matchRoute('/jaarverslag/2101')).toBeNull();
    expect(matchRoute('/jaarverslag/25')).toBeNull();
    expect(matchRoute('/casussen/0')).toBeNull();
    expect(matchRoute('/casussen/abc')).toBeNull();
    expect(matchRoute('/nergens')).toBeNull();
  });

  it('returns only to pages of this app after log-in', () => {
    expect(safeReturnPath('?terug=%2Fcasussen%2F12')).toBe('/casussen/12');
    expect(safeReturnPath('?terug=%2Fcasussen%3Fstatus%3Dafgerond')).toBe('/casussen?status=afgerond');
    expect(safeReturnPath('?terug=%2Fkennisbank%3Fzoek%3Dwoning')).toBe('/kennisbank?zoek=woning');
    expect(safeReturnPath('?terug=https%3A%2F%2Fevil.example')).toBe('/');
    expect(safeReturnPath('?terug=%2F%2Fevil.example')).toBe('/');
    expect(safeReturnPath('?terug=%2Fnergens')).toBe('/');
    expect(safeReturnPath('')).toBe('/');
  });
});

describe('dates typed in forms', () => {
  it('reads Dutch and ISO dates', () => {
    expect(parseDateInput('31-12-2017')).toBe('2017-12-31');
    expect(parseDateInput('1-2-2018')).toBe('2018-02-01');
    expect(parseDateInput('01/02/2018')).toBe('2018-02-01');
    expect(parseDateInput(' 2018-02-01 ')).toBe('2018-02-01');
    expect(parseDateInput('29-02-2024')).toBe('2024-02-29');
  });

  it('refuses dates that do not exist', () => {
    expect(parseDateInput('29-02-2023')).toBeNull();
    expect(parseDateInput('31-04-2018')).toBeNull();
    expect(parseDateInput('12-31-2017')).toBeNull();
    expect(parseDateInput('gisteren')).toBeNull();
    expect(parseDateInput('')).toBeNull();
  });

  it('writes dates back as dd-mm-jjjj and knows today in the Netherlands', () => {
    expect(dateInputValue('2017-12-31')).toBe('31-12-2017');
    expect(dateInputValue(null)).toBe('');
    expect(todayIso(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });
});
