// A readable difference between an audit entry's `before` and `after` objects.

export interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The fields that differ. A created record (before = null) lists every field of
 * `after`; a removed one every field of `before`. Order: `after`'s keys, then the rest.
 */
export function diffObjects(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): Change[] {
  const b = before ?? {};
  const a = after ?? {};
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys
    .filter((k) => !(k in b && k in a && same(b[k], a[k])))
    .map((k) => ({ field: k, before: k in b ? b[k] : undefined, after: k in a ? a[k] : undefined }));
}

/** A value as short text: strings as they are, lists joined, objects as JSON. */
export function valueText(v: unknown, yesNo: [string, string] = ['true', 'false']): string {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'string') return v === '' ? '""' : v;
  if (typeof v === 'boolean') return v ? yesNo[0] : yesNo[1];
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.length ? v.join(', ') : '—';
  if (typeof v === 'object' && v !== null && 'name' in v && typeof (v as { name: unknown }).name === 'string') {
    return (v as { name: string }).name;
  }
  return JSON.stringify(v);
}
