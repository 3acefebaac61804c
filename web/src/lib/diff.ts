// A readable difference between an audit entry's `before` and `after` objects.

export interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A reference to another record, `{ id, name }`: shown by its name, not taken apart. */
function isRef(v: Record<string, unknown>): boolean {
  return typeof v.name === 'string' && Object.keys(v).every((k) => k === 'id' || k === 'name');
}

/**
 * A snapshot with its nested objects taken apart into `parent.child` fields, so that
 * a knowledge item's `version: { title, body, … }` or an import's `case: { … }` shows
 * the one field that changed. References (`{ id, name }`) stay whole.
 */
export function flatten(snapshot: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(snapshot)) {
    if (isPlainObject(v) && !isRef(v) && Object.keys(v).length) Object.assign(out, flatten(v, `${prefix}${k}.`));
    else out[`${prefix}${k}`] = v;
  }
  return out;
}

/**
 * The fields that differ. A created record (before = null) lists every field of
 * `after`; a removed one every field of `before`. Order: `after`'s keys, then the rest.
 * Nested objects are compared field by field (see flatten).
 */
export function diffObjects(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): Change[] {
  const b = flatten(before ?? {});
  const a = flatten(after ?? {});
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys
    .filter((k) => !(k in b && k in a && same(b[k], a[k])))
    .map((k) => ({ field: k, before: k in b ? b[k] : undefined, after: k in a ? a[k] : undefined }));
}

/** How valueText writes the fields of objects in a list, and values it should write its own way. */
export interface ValueFormat {
  /** A field's label (`amount_cents` → "Bedrag"). */
  label?: (field: string) => string;
  /** A field's value in words, or null to write it the usual way (`amount_cents` → "€ 1.200"). */
  value?: (field: string, v: unknown) => string | null;
}

/**
 * A value as short text: strings as they are, lists joined, references by name,
 * objects in a list (a receipt's lines) as "Label: value, …" each, other objects as JSON.
 */
export function valueText(
  v: unknown,
  yesNo: [string, string] = ['true', 'false'],
  format: ValueFormat = {},
  field = '',
): string {
  const own = field && format.value ? format.value(field, v) : null;
  if (own !== null) return own;
  if (v === undefined || v === null) return '—';
  if (typeof v === 'string') return v === '' ? '""' : v;
  if (typeof v === 'boolean') return v ? yesNo[0] : yesNo[1];
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number'))
    return v.length ? v.join(', ') : '—';
  if (Array.isArray(v) && v.every((x) => isPlainObject(x) && isRef(x)))
    return v.map((x) => (x as { name: string }).name).join(', ');
  if (isPlainObject(v) && typeof v.name === 'string') return v.name;
  if (Array.isArray(v) && format.label && v.every(isPlainObject)) {
    const label = format.label;
    return v
      .map((x) =>
        Object.entries(x as Record<string, unknown>)
          .map(([k, y]) => `${label(k)}: ${valueText(y, yesNo, format, k)}`)
          .join(', '),
      )
      .join('; ');
  }
  return JSON.stringify(v);
}
