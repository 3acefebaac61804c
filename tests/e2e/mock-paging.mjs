// The mock's paged lists, as the server pages them (docs/api.md, "Lists are returned as";
// src/core/paging.hpp, src/http/query.cpp): `limit`, `offset` up to 10,000 (400 beyond),
// `total` counted up to 10,000 with `total_exact`; the lists with a keyset (stories,
// cases) also take `cursor` (not beside an offset) and answer `next_cursor`.

/** As the server: lists count, and skip by offset, at most this many rows. */
export const COUNT_CAP = 10_000;
const CURSOR_RE = /^[A-Za-z0-9_-]{1,512}$/;

/** The server's cursor: the page's last row's key (a JSON array) in URL-safe base64 without padding. */
export function encodeCursor(key) {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The key (an array) a cursor stands for, or null when it is none of ours. */
export function decodeCursor(c) {
  if (typeof c !== 'string' || !CURSOR_RE.test(c)) return null;
  try {
    const key = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
    return Array.isArray(key) ? key : null;
  } catch {
    return null;
  }
}

/**
 * Reads `limit` (1 to `max`, default `limit`) and `offset` (up to 10,000) as the server
 * does, and for a list with a keyset (`keyOk`: whether a decoded key is one of this
 * list's) `cursor`. Returns { limit, offset, after (the key, or null), errors }; with
 * errors the caller answers badQuery(P, errors).
 */
export function readPaging(query, fe, { limit: dflt = 50, max = 500, keyOk = null } = {}) {
  const errors = [];
  const rawLimit = query.get('limit') || String(dflt);
  const limit = Number(rawLimit);
  if (!/^\d{1,15}$/.test(rawLimit) || limit < 1) errors.push(fe('limit', `Kies een getal van 1 tot en met ${max}.`, `must be an integer 1-${max}`));
  else if (limit > max) errors.push(fe('limit', `Hoogstens ${max}.`, `must be 1-${max}`));
  const rawOffset = query.get('offset') || '0';
  const offset = /^\d{1,15}$/.test(rawOffset) ? Number(rawOffset) : NaN;
  if (Number.isNaN(offset)) errors.push(fe('offset', 'Kies een getal van 1 of meer.', 'must be a positive integer'));
  else if (offset > COUNT_CAP) {
    errors.push(fe('offset', 'Blader verder met de cursor (next_cursor), of verfijn het filter.', `at most ${COUNT_CAP}; page on with cursor`));
  }
  let after = null;
  if (keyOk && query.get('cursor')) {
    if (offset !== 0) errors.push(fe('offset', 'Gebruik offset of cursor, niet beide.', 'not with cursor'));
    after = decodeCursor(query.get('cursor'));
    if (!after || !keyOk(after)) {
      after = null;
      errors.push(fe('cursor', 'Deze pagina bestaat niet (ongeldige cursor).', 'not a cursor of this list'));
    }
  }
  return { limit, offset, after, errors };
}

/** The server's 400 for bad paging (or other query) parameters. */
export function badQuery(P, errors) {
  return P.problem(400, 'bad-request', 'Ongeldige zoekopdracht.', 'Invalid query parameters.', errors);
}

/** `total` and `total_exact` of a list of `n` rows, counted as the server counts them. */
export function counted(n) {
  return { total: Math.min(n, COUNT_CAP), total_exact: n <= COUNT_CAP };
}

/**
 * One page of `list` (already in the list's order): `out` makes a row's JSON. Lists with
 * a keyset pass `keyOf` (a row's key, as in its cursor) and `isAfter(row, key)` (whether a
 * row comes after the key in the order); they get `next_cursor`.
 */
export function pageOf(list, { limit, offset, after }, out, { keyOf = null, isAfter = null } = {}) {
  const rest = after ? list.filter((row) => isAfter(row, after)) : list;
  const page = rest.slice(offset, offset + limit + 1);
  const more = page.length > limit;
  if (more) page.pop();
  const json = { items: page.map(out), ...counted(list.length) };
  if (keyOf) json.next_cursor = more ? encodeCursor(keyOf(page[page.length - 1])) : null;
  return json;
}

/**
 * For the browser tests' long lists: `count` records made by `make(i)` (i = 0, 1, …), with
 * `fields` set over them; a field given as a function is called with i.
 */
export function generateRecords(count, make, fields = {}) {
  const out = [];
  for (let i = 0; i < count; i += 1) {
    const r = make(i);
    for (const [k, v] of Object.entries(fields)) r[k] = typeof v === 'function' ? v(i) : v;
    out.push(r);
  }
  return out;
}
