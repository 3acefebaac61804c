import { describe, expect, it, vi } from 'vitest';
import {
  api,
  ApiError,
  baseField,
  fieldMessages,
  parseProblem,
  parseRetryAfter,
  problemMessage,
  type Paged,
  type User,
} from './api';

const VALIDATION = JSON.stringify({
  type: 'urn:wijkkader:problem:validation',
  status: 422,
  title: 'De invoer is niet geldig.',
  detail: 'The input is not valid.',
  errors: [
    { field: 'email', title: 'Vul een geldig e-mailadres in.', detail: 'must be a valid e-mail address' },
    { field: 'roles[1]', title: 'Deze rol bestaat niet.', detail: 'unknown role' },
  ],
});

describe('parseProblem', () => {
  it('reads an RFC 9457 problem with per-field errors', () => {
    const err = parseProblem(422, 'application/problem+json', VALIDATION);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(422);
    expect(err.kind).toBe('validation');
    expect(err.title).toBe('De invoer is niet geldig.');
    expect(err.detail).toBe('The input is not valid.');
    expect(err.errors).toEqual([
      { field: 'email', title: 'Vul een geldig e-mailadres in.', detail: 'must be a valid e-mail address' },
      { field: 'roles[1]', title: 'Deze rol bestaat niet.', detail: 'unknown role' },
    ]);
    expect(err.retryAfter).toBeNull();
  });

  it('accepts a charset parameter and upper case', () => {
    const err = parseProblem(422, 'Application/Problem+JSON; charset=utf-8', VALIDATION);
    expect(err.title).toBe('De invoer is niet geldig.');
  });

  it('keeps the HTTP status and Retry-After for a 429', () => {
    const body = JSON.stringify({
      type: 'urn:wijkkader:problem:too-many-requests',
      status: 429,
      title: 'Te vaak.',
      detail: 'Too many.',
    });
    const err = parseProblem(429, 'application/problem+json', body, '120');
    expect(err.status).toBe(429);
    expect(err.kind).toBe('too-many-requests');
    expect(err.retryAfter).toBe(120);
    expect(err.errors).toEqual([]);
  });

  it('falls back to an empty problem for HTML, broken JSON or non-objects', () => {
    for (const [type, body] of [
      ['text/html', '<h1>502 Bad Gateway</h1>'],
      ['application/problem+json', '{not json'],
      ['application/problem+json', '[1,2]'],
      ['application/problem+json', 'null'],
      [null, ''],
    ] as const) {
      const err = parseProblem(502, type, body);
      expect(err.status).toBe(502);
      expect(err.title).toBe('');
      expect(err.detail).toBe('');
      expect(err.errors).toEqual([]);
    }
  });

  it('ignores malformed entries in errors', () => {
    const body = JSON.stringify({
      status: 422,
      title: 't',
      detail: 'd',
      errors: [null, 'x', { field: 'name', title: 7 }],
    });
    const err = parseProblem(422, 'application/problem+json', body);
    expect(err.errors).toEqual([{ field: 'name', title: '', detail: '' }]);
  });
});

describe('messages from a problem', () => {
  const err = parseProblem(422, 'application/problem+json', VALIDATION);

  it('shows the Dutch title in Dutch and the English detail in English', () => {
    expect(problemMessage(err, 'nl')).toBe('De invoer is niet geldig.');
    expect(problemMessage(err, 'en')).toBe('The input is not valid.');
  });

  it('falls back to the other language when one is missing', () => {
    const onlyNl = new ApiError({ status: 409, title: 'Bestaat al.' });
    expect(problemMessage(onlyNl, 'en')).toBe('Bestaat al.');
    const onlyEn = new ApiError({ status: 409, detail: 'Exists.' });
    expect(problemMessage(onlyEn, 'nl')).toBe('Exists.');
  });

  it('maps field paths to the top-level field', () => {
    expect(fieldMessages(err, 'nl')).toEqual({
      email: 'Vul een geldig e-mailadres in.',
      roles: 'Deze rol bestaat niet.',
    });
    expect(fieldMessages(err, 'en')).toEqual({ email: 'must be a valid e-mail address', roles: 'unknown role' });
  });

  it('joins several messages for one field, without repeating one', () => {
    const e = new ApiError({
      status: 422,
      errors: [
        { field: 'neighbourhoods[0]', title: 'Ongeldige code.', detail: 'bad' },
        { field: 'neighbourhoods[2]', title: 'Ongeldige code.', detail: 'bad' },
        { field: 'neighbourhoods', title: 'Te veel.', detail: 'too many' },
      ],
    });
    expect(fieldMessages(e, 'nl')).toEqual({ neighbourhoods: 'Ongeldige code. Te veel.' });
  });

  it('baseField strips indexes and sub-paths', () => {
    expect(baseField('roles[1]')).toBe('roles');
    expect(baseField('team_ids[0]')).toBe('team_ids');
    expect(baseField('district.id')).toBe('district');
    expect(baseField('email')).toBe('email');
  });
});

describe('import errors', () => {
  it('keeps the row and column of each import error', () => {
    const body = JSON.stringify({
      type: 'urn:wijkkader:problem:validation',
      status: 422,
      title: 'Het bestand is niet ingelezen.',
      detail: 'The file was not read.',
      errors: [
        { row: 2, column: 'bedrag_per_jaar', title: 'Geen geldig bedrag.', detail: 'not an amount' },
        { row: 'x', column: 7, title: 'Vreemd.', detail: 'odd' },
      ],
    });
    const e = parseProblem(422, 'application/problem+json', body);
    expect(e.errors[0]).toEqual({
      field: '',
      row: 2,
      column: 'bedrag_per_jaar',
      title: 'Geen geldig bedrag.',
      detail: 'not an amount',
    });
    expect(e.errors[1]).toEqual({ field: '', title: 'Vreemd.', detail: 'odd' });
    expect('row' in e.errors[1]!).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('900')).toBe(900);
    expect(parseRetryAfter(' 5 ')).toBe(5);
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:01:00 GMT', now)).toBe(60);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('the users list', () => {
  const page: Paged<User> = { items: [], total: 10_000, total_exact: false };
  const calls: string[] = [];
  const stub = () => {
    calls.length = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        calls.push(url);
        return new Response(JSON.stringify(page), { status: 200, headers: { 'Content-Type': 'application/json' } });
      }),
    );
  };
  it('asks for a page: q, limit and offset when given, nothing else', async () => {
    stub();
    expect(await api.users({ q: 'de Vries', limit: 50, offset: 100 })).toEqual(page);
    await api.users({ q: '', limit: 50, offset: 0 });
    await api.users({ q: null, limit: 500 });
    await api.users();
    expect(calls).toEqual([
      '/api/v1/users?q=de+Vries&limit=50&offset=100',
      '/api/v1/users?limit=50&offset=0',
      '/api/v1/users?limit=500',
      '/api/v1/users',
    ]);
    vi.unstubAllGlobals();
  });
  it('escapes what the search holds', async () => {
    stub();
    await api.users({ q: '50%_&x=1', limit: 50 });
    expect(new URL(calls[0]!, 'http://x').searchParams.get('q')).toBe('50%_&x=1');
    vi.unstubAllGlobals();
  });
});
