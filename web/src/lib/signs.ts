// The vertelpunt's signifier lists (topics, valuations, archetypes, prompts) as each form
// offers them. Every value has an audience: `all`, `staff` (staff's form and filters
// only) or `public` (the residents' form only), and residents' own words
// (`public_label`). Staff pages read the lists API and keep what is not for residents
// only; the public form takes what GET /api/v1/public/{org}/form sends (the server has
// already left out staff-only values and put in residents' words).
import type { MessageKey } from '../i18n';
import { api, type ListName, type ListValue, type SignValue, type Signs } from './api';

/** Which list holds each group of a form. */
export const SIGN_LISTS: Record<keyof Signs, ListName> = {
  topics: 'story_topic',
  valuations: 'story_valuation',
  archetypes: 'story_archetype',
  prompts: 'story_prompt',
};

/** The words residents see: their own, or the label when there are none. */
export function residentWords(v: Pick<ListValue, 'label' | 'public_label'>): string {
  return v.public_label.trim() || v.label;
}

function byPosition(a: ListValue, b: ListValue): number {
  return a.position - b.position || a.label.localeCompare(b.label, 'nl');
}

function signValue(v: ListValue): SignValue {
  return { id: v.id, code: v.code, label: v.label, label_en: v.label_en || v.label };
}

/**
 * The values staff are offered (the staff story form, the story filters): active and not
 * for residents only, in list order. `every`: all values, also retired ones and those for
 * residents only, to name what a saved filter or an older record refers to.
 */
export function staffValues(values: readonly ListValue[], { every = false }: { every?: boolean } = {}): SignValue[] {
  return values
    .filter((v) => every || (v.active && v.audience !== 'public'))
    .sort(byPosition)
    .map(signValue);
}

/** The four lists for staff, read from the lists API (see staffValues). */
export async function loadStaffSigns(options: { every?: boolean } = {}): Promise<Signs> {
  const keys = Object.keys(SIGN_LISTS) as (keyof Signs)[];
  const answers = await Promise.all(keys.map((k) => api.lists(SIGN_LISTS[k])));
  const out = { topics: [], valuations: [], archetypes: [], prompts: [] } as Signs;
  keys.forEach((k, i) => {
    out[k] = staffValues(answers[i]!.items, options);
  });
  return out;
}

/** A text as paragraphs (split at blank lines), each a list of lines; empty lines and spaces at the ends dropped. */
export function paragraphs(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .filter((lines) => lines.length > 0);
}

/** The most a logo may weigh (the server's limit). */
export const LOGO_MAX_BYTES = 256 * 1024;
/** The file chooser's filter; the server decides by the bytes. */
export const LOGO_ACCEPT = 'image/png,image/jpeg,image/gif,image/webp,.png,.jpg,.jpeg,.gif,.webp';
/** The privacy note's limit (characters). */
export const PRIVACY_NOTE_MAX = 2000;

/** The message at the logo field for a refused upload: too large (413) or not an image the app takes (415). */
export function logoErrorKey(status: number): MessageKey | null {
  if (status === 413) return 'settings.logo.tooLarge';
  if (status === 415) return 'settings.logo.wrongType';
  return null;
}
