import { describe, expect, it } from 'vitest';
import { REDACTED, blackOut, segments } from './redaction';

describe('segments', () => {
  it('marks every occurrence, leftmost first, the longest passage at one place', () => {
    expect(segments('bel 0612345678 of 0612345678!', ['0612345678'])).toEqual([
      { text: 'bel ', passage: null },
      { text: '0612345678', passage: '0612345678' },
      { text: ' of ', passage: null },
      { text: '0612345678', passage: '0612345678' },
      { text: '!', passage: null },
    ]);
    expect(segments('Kerkstraat 4, 7511 AB', ['4', '4, 7511 AB'])).toEqual([
      { text: 'Kerkstraat ', passage: null },
      { text: '4, 7511 AB', passage: '4, 7511 AB' },
    ]);
  });
  it('an empty text, no passages, an empty passage', () => {
    expect(segments('', ['x'])).toEqual([]);
    expect(segments('tekst', [])).toEqual([{ text: 'tekst', passage: null }]);
    expect(segments('tekst', [''])).toEqual([{ text: 'tekst', passage: null }]);
  });
});

describe('blackOut', () => {
  it('replaces every occurrence as the server does', () => {
    expect(blackOut('tel 0612345678, mail a@b.nl of 0612345678', ['0612345678', 'a@b.nl'])).toBe(
      `tel ${REDACTED}, mail ${REDACTED} of ${REDACTED}`,
    );
    expect(blackOut('niets', [])).toBe('niets');
  });
});
