import { describe, expect, it, vi } from 'vitest';
import type { ListValue } from './api';
import { logoErrorKey, paragraphs, residentWords, staffValues } from './signs';

const v = (id: number, label: string, extra: Partial<ListValue> = {}): ListValue => ({
  id,
  code: label.toLowerCase(),
  label,
  label_en: '',
  active: true,
  position: id,
  audience: 'all',
  public_label: '',
  ...extra,
});

describe('staffValues', () => {
  const values = [
    v(3, 'Schulden'),
    v(1, 'Financiële kwesties', { public_label: 'Geld en rondkomen', label_en: 'Financial issues' }),
    v(2, 'Interne organisatiekwesties', { audience: 'staff' }),
    v(4, 'Wat had u geholpen?', { audience: 'public' }),
    v(5, 'Oud onderwerp', { active: false }),
  ];

  it('offers staff the active values that are not for residents only, in list order, by the staff label', () => {
    expect(staffValues(values).map((x) => x.label)).toEqual([
      'Financiële kwesties',
      'Interne organisatiekwesties',
      'Schulden',
    ]);
  });

  it('gives the English label, or the Dutch one when there is none', () => {
    const [first, , third] = staffValues(values);
    expect(first).toEqual({
      id: 1,
      code: 'financiële kwesties',
      label: 'Financiële kwesties',
      label_en: 'Financial issues',
    });
    expect(third!.label_en).toBe('Schulden');
  });

  it('names every value with `every` (a saved filter may name a retired or residents-only value)', () => {
    expect(staffValues(values, { every: true }).map((x) => x.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('orders by position, then by name', () => {
    expect(
      staffValues([v(1, 'B', { position: 2 }), v(2, 'A', { position: 2 }), v(3, 'C', { position: 1 })]).map(
        (x) => x.label,
      ),
    ).toEqual(['C', 'A', 'B']);
  });
});

describe('loadStaffSigns', () => {
  it('reads the four story lists and keeps what staff are offered', async () => {
    vi.resetModules();
    const lists = vi.fn(async (name: string) => ({
      items: [v(1, `${name} iedereen`), v(2, `${name} inwoners`, { audience: 'public' })],
    }));
    vi.doMock('./api', () => ({ api: { lists } }));
    const { loadStaffSigns } = await import('./signs');
    const signs = await loadStaffSigns();
    expect(lists.mock.calls.map((c) => c[0]).sort()).toEqual([
      'story_archetype',
      'story_prompt',
      'story_topic',
      'story_valuation',
    ]);
    expect(signs.topics.map((x) => x.label)).toEqual(['story_topic iedereen']);
    expect(signs.prompts.map((x) => x.label)).toEqual(['story_prompt iedereen']);
    vi.doUnmock('./api');
  });
});

describe('residentWords', () => {
  it('is the public label, or the label when it is empty or blank', () => {
    expect(residentWords({ label: 'Financiële kwesties', public_label: 'Geld en rondkomen' })).toBe(
      'Geld en rondkomen',
    );
    expect(residentWords({ label: 'Schulden', public_label: '' })).toBe('Schulden');
    expect(residentWords({ label: 'Schulden', public_label: '  ' })).toBe('Schulden');
  });
});

describe('paragraphs', () => {
  it('splits at blank lines and keeps single line breaks as lines', () => {
    expect(paragraphs('Wij lezen uw verhaal.\n\nU hoeft geen naam te geven.\nWij bewaren het een jaar.')).toEqual([
      ['Wij lezen uw verhaal.'],
      ['U hoeft geen naam te geven.', 'Wij bewaren het een jaar.'],
    ]);
  });

  it('drops empty lines, spaces at the ends and Windows line ends', () => {
    expect(paragraphs('  Een.  \r\n\r\n\r\n   \r\nTwee.\r\n')).toEqual([['Een.'], ['Twee.']]);
    expect(paragraphs('')).toEqual([]);
    expect(paragraphs('   \n  ')).toEqual([]);
  });
});

describe('logoErrorKey', () => {
  it('says too large for 413 and not an image for 415', () => {
    expect(logoErrorKey(413)).toBe('settings.logo.tooLarge');
    expect(logoErrorKey(415)).toBe('settings.logo.wrongType');
    expect(logoErrorKey(422)).toBeNull();
    expect(logoErrorKey(500)).toBeNull();
  });
});

describe('uploading a logo', () => {
  it('PUTs the file’s bytes as they are, with their type and the CSRF token', async () => {
    vi.resetModules();
    const { api, setCsrfToken } = await import('./api');
    const calls: { url: string; init: RequestInit }[] = [];
    const fetchStub = vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(JSON.stringify({ content_type: 'image/png', size: 4 }), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    });
    vi.stubGlobal('fetch', fetchStub);
    setCsrfToken('token-1');
    const file = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' });
    expect(await api.uploadLogo(file)).toEqual({ content_type: 'image/png', size: 4 });
    expect(calls[0]!.url).toBe('/api/v1/organisation/logo');
    expect(calls[0]!.init.method).toBe('PUT');
    expect(calls[0]!.init.body).toBe(file);
    const headers = calls[0]!.init.headers as Record<string, string>;
    expect(headers['Content-Type']).toBe('image/png');
    expect(headers['X-CSRF-Token']).toBe('token-1');
    vi.unstubAllGlobals();
  });

  it('turns a refusal into an ApiError with its status (413, 415)', async () => {
    vi.resetModules();
    const { api, ApiError } = await import('./api');
    const problem = {
      type: 'urn:wijkkader:problem:payload-too-large',
      status: 413,
      title: 'Het logo is groter dan 256 kB.',
      detail: 'too large',
    };
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify(problem), {
            status: 413,
            headers: { 'Content-Type': 'application/problem+json' },
          }),
      ),
    );
    const err = await api.uploadLogo(new Blob(['x'])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as InstanceType<typeof ApiError>).status).toBe(413);
    expect(logoErrorKey((err as InstanceType<typeof ApiError>).status)).toBe('settings.logo.tooLarge');
    vi.unstubAllGlobals();
  });
});

describe('the audit log in words', () => {
  it('labels the new fields and says an audience as the lists page does', async () => {
    const { fieldLabel, auditValueFormat } = await import('./audit');
    const { nl } = await import('../i18n/nl');
    const t = ((key: keyof typeof nl) => nl[key]) as Parameters<typeof fieldLabel>[0];
    expect(fieldLabel(t, 'public_privacy_note')).toBe('Privacytekst vertelpunt');
    expect(fieldLabel(t, 'logo.size')).toBe('Logo › Grootte (bytes)');
    expect(fieldLabel(t, 'audience')).toBe('Voor wie');
    expect(fieldLabel(t, 'public_label')).toBe('Woorden voor inwoners');
    const format = auditValueFormat(t);
    expect(format.value!('audience', 'public')).toBe('Alleen inwoners');
    expect(format.value!('audience', 'staff')).toBe('Alleen medewerkers');
    expect(format.value!('audience', 'iets anders')).toBeNull();
  });
});
