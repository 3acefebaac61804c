import { describe, expect, it } from 'vitest';
import { formatCodes, invalidCodes, parseCodes } from './cbs';
import { diffObjects, valueText } from './diff';

describe('CBS codes', () => {
  it('splits on commas, semicolons and white space, upper-cases, removes duplicates', () => {
    expect(parseCodes('wk015301, BU01530101\nWK015302;WK015301  ')).toEqual(['WK015301', 'BU01530101', 'WK015302']);
    expect(parseCodes('  ')).toEqual([]);
  });

  it('knows valid wijk and buurt codes', () => {
    expect(invalidCodes(['WK015301', 'BU01530101'])).toEqual([]);
    expect(invalidCodes(['WK01530', 'BU0153010', 'GM0153', 'WK0153011'])).toEqual([
      'WK01530',
      'BU0153010',
      'GM0153',
      'WK0153011',
    ]);
  });

  it('formats a list for the table and the form', () => {
    expect(formatCodes(['WK015301', 'BU01530101'])).toBe('WK015301, BU01530101');
  });
});

describe('audit diff', () => {
  it('lists only changed fields of an update', () => {
    const before = { name: 'Noord', active: true, neighbourhoods: ['WK015301'] };
    const after = { name: 'Noord', active: false, neighbourhoods: ['WK015301', 'WK015302'] };
    expect(diffObjects(before, after)).toEqual([
      { field: 'active', before: true, after: false },
      { field: 'neighbourhoods', before: ['WK015301'], after: ['WK015301', 'WK015302'] },
    ]);
  });

  it('lists every field of a created record', () => {
    expect(diffObjects(null, { id: 1, name: 'Centrum' }).map((c) => c.field)).toEqual(['id', 'name']);
  });

  it('writes values readably', () => {
    expect(valueText(true, ['ja', 'nee'])).toBe('ja');
    expect(valueText(['a', 'b'])).toBe('a, b');
    expect(valueText({ id: 3, name: 'Oost' })).toBe('Oost');
    expect(valueText(null)).toBe('—');
    expect(valueText({ x: 1 })).toBe('{"x":1}');
  });
});
