// The mock's Vertelpunt (docs/api.md, "Vertelpunt — stories and their dashboard"):
// the story_* lists (quality and admin edit them), staff stories, the public form with
// its honeypot and rate limit, moderation and the dashboard's figures (shares with
// largest remainder). Each list value has an audience (all, staff, public) and
// residents' words; the public form offers residents their values in their words, with
// the organisation's privacy note (or the default text) and logo. Sense-making
// sessions, best practices, the export and module views are in mock-sensemaking.mjs.
// In memory.
import { containsBsn, slugify } from './mock-receipts.mjs';
import { createSensemakingApi } from './mock-sensemaking.mjs';
import { badQuery, generateRecords, pageOf, readPaging } from './mock-paging.mjs';

const TOPICS = [
  'Financiële kwesties', 'Gezondheid', 'Interne organisatiekwesties', 'Kwaliteit persoonlijke situatie',
  'Meedoen in de wijk / samenleving', 'Onderwijs en ontwikkeling', 'Schulden', 'Veiligheid', 'Werk',
  'Werk van andere instanties of samenwerking daarmee', 'Wonen en bescherming', 'Zorg en ondersteuning',
];
const TOPICS_EN = [
  'Financial issues', 'Health', 'Internal organisational issues', 'Quality of personal situation',
  'Taking part in the neighbourhood / society', 'Education and development', 'Debts', 'Safety', 'Work',
  'Work of other agencies or working with them', 'Housing and protection', 'Care and support',
];
// As the server's defaults: residents' words for the topics; the organisation's internal
// matters and the archetypes for staff only; the one prompt for residents only.
const TOPICS_PUBLIC = [
  'Geld en rondkomen', 'Gezondheid', '', 'Hoe het met mij gaat', 'Meedoen in de buurt', 'School en leren', 'Schulden',
  'Veiligheid', 'Werk', 'Hulp van andere instanties', 'Wonen', 'Zorg en ondersteuning',
];
const AUDIENCES = ['all', 'staff', 'public'];
const LOGO_MAX = 256 * 1024;
/** The image type by the first bytes (PNG, JPEG, GIF, WebP), or null. */
function imageType(b) {
  const starts = (sig) => b.subarray(0, sig.length).equals(Buffer.from(sig, 'latin1'));
  if (starts('\x89PNG\r\n\x1a\n')) return 'image/png';
  if (starts('\xff\xd8\xff')) return 'image/jpeg';
  if (starts('GIF87a') || starts('GIF89a')) return 'image/gif';
  if (b.length >= 12 && starts('RIFF') && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}
const defaultPrivacyNote = (name) =>
  `Uw verhaal wordt gelezen door de kwaliteitsmedewerkers van ${name}. U hoeft uw naam niet te geven, en wij vragen er niet om. ` +
  'Staan er toch gegevens in waaraan u te herkennen bent, zoals een naam, adres of telefoonnummer, dan halen zij die weg voordat uw verhaal meetelt; het origineel bewaren wij niet. ' +
  `Uw verhaal wordt niet gekoppeld aan een dossier. Wij bewaren verhalen zonder naam zolang wij ze gebruiken om van te leren, volgens de privacyverklaring van ${name}.`;
const VALUATIONS = [['zeer negatief', 'very negative'], ['negatief', 'negative'], ['neutraal', 'neutral'], ['positief', 'positive'], ['zeer positief', 'very positive']];
const ARCHETYPES = [['Nieuwe wegen vinder', 'Pathfinder'], ['Redder', 'Rescuer'], ['Specialist', 'Specialist'], ['Kameleon', 'Chameleon'], ['Tekortschieter', 'Falling short']];
const TELLERS = ['medewerker', 'inwoner', 'ketenpartner'];
const EMAIL_RE = /[^\s@]+@[^\s@]+\.[a-z]{2,}/i;
const PHONE_RE = /(?<!\d)(\+31[\s-]?|0)(\d[\s-]?){9}(?!\d)/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
/** A story's place in the list's keyset (newest first by date, then id): its cursor's key. */
const storyKey = (s) => [s.date, s.id];
const isStoryKey = (key) => key.length === 2 && isDate(key[0]) && Number.isInteger(key[1]);
const afterStory = (s, [date, id]) => s.date < date || (s.date === date && s.id < id);

function slug(s) {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}
function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
function isDate(s) {
  if (typeof s !== 'string' || !DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Shares in percent with one decimal that add up to exactly 100.0 (largest remainder). */
export function largestRemainder(counts) {
  const total = counts.reduce((a, b) => a + b, 0);
  if (!total) return counts.map(() => 0);
  const raw = counts.map((c) => (c * 1000) / total); // tenths of a percent
  const floor = raw.map(Math.floor);
  let left = 1000 - floor.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    floor[i] += 1;
    left -= 1;
  }
  return floor.map((x) => x / 10);
}

export function createStoriesApi({ org, users, teams, log, now, nextId, P, fe, settings = { public_privacy_note: '' } }) {
  let seq = 0;
  /** The organisation's logo: { type, data, updated_at } or null. */
  let logo = null;
  const mk = (labels, kind, audience = 'all') =>
    labels.map(([label, label_en, public_label = ''], i) => ({
      id: 900 + kind * 50 + i, code: slug(label), label, label_en, active: true, position: i + 1,
      audience: typeof audience === 'function' ? audience(i) : audience, public_label,
    }));
  const lists = {
    story_topic: mk(TOPICS.map((l, i) => [l, TOPICS_EN[i], TOPICS_PUBLIC[i]]), 0, (i) => (TOPICS_PUBLIC[i] ? 'all' : 'staff')),
    story_valuation: mk(VALUATIONS, 1),
    story_archetype: mk(ARCHETYPES, 2, 'staff'),
    story_prompt: mk([['Wat had je geholpen?', 'What would have helped?', 'Wat had u op dat moment geholpen?']], 3, 'public'),
  };
  const stories = [];
  const hits = new Map(); // address → [times]
  const valueOut = (v) => (v ? { id: v.id, code: v.code, label: v.label, label_en: v.label_en || v.label } : null);
  const find = (list, id) => lists[list].find((v) => v.id === id);
  const teamRef = (id) => {
    const t = teams.find((x) => x.id === id);
    return t ? { id: t.id, name: t.name } : null;
  };
  const storyOut = (s, warnings = []) => ({
    id: s.id,
    title: s.title,
    text: s.text,
    date: s.date,
    teller_kind: s.teller_kind,
    team: s.team_id ? teamRef(s.team_id) : null,
    topic: valueOut(find('story_topic', s.topic_id)),
    valuation: valueOut(find('story_valuation', s.valuation_id)),
    archetypes: s.archetype_ids.map((id) => valueOut(find('story_archetype', id))).filter(Boolean),
    answers: s.answers.map((a) => ({ prompt: valueOut(find('story_prompt', a.prompt_id)), text: a.text })),
    signed_by: s.signed_by,
    status: s.status,
    source: s.source,
    moderation: s.moderation,
    created_at: s.created_at,
    warnings,
  });
  // The public form: what residents are offered, in their words.
  const forResidents = (list) => lists[list].filter((v) => v.active && v.audience !== 'staff').map((v) => valueOut({ ...v, label: v.public_label || v.label }));
  const form = () => ({
    organisation: { name: org.name, slug: org.slug },
    topics: forResidents('story_topic'),
    valuations: forResidents('story_valuation'),
    archetypes: forResidents('story_archetype'),
    prompts: forResidents('story_prompt'),
    privacy_note: settings.public_privacy_note || defaultPrivacyNote(org.name),
    logo: logo ? `/api/v1/public/${org.slug}/logo?v=${logo.updated_at}` : null,
  });
  /** Offered on this form: active, and not for the other audience only. */
  const offered = (v, staff) => v.active && v.audience !== (staff ? 'public' : 'staff');

  /**
   * One free-text field: required or not, a maximum length, a BSN refused, an e-mail
   * address or phone number saved with a warning. Adds to `errors` and `warnings`.
   */
  function checkText(errors, warnings, field, v, max, required = true) {
    if (v === undefined || v === null || (typeof v === 'string' && !v.trim() && !required)) {
      if (required) errors.push(fe(field, `Vul dit veld in (1 tot ${max} tekens).`, `must be 1-${max} characters`));
      return;
    }
    if (typeof v !== 'string' || (required && !v.trim()) || v.length > max) {
      errors.push(fe(field, required ? `Vul dit veld in (1 tot ${max} tekens).` : `Hoogstens ${max} tekens.`, required ? `must be 1-${max} characters` : `at most ${max} characters`));
      return;
    }
    if (containsBsn(v)) errors.push(fe(field, 'Deze tekst bevat een BSN. Een BSN mag hier niet worden opgeslagen.', 'the text contains a citizen service number (BSN), which may not be stored'));
    if (EMAIL_RE.test(v)) warnings.push({ field, title: 'Deze tekst lijkt een e-mailadres te bevatten.', detail: 'the text seems to contain an e-mail address' });
    if (PHONE_RE.test(v)) warnings.push({ field, title: 'Deze tekst lijkt een telefoonnummer te bevatten.', detail: 'the text seems to contain a phone number' });
  }

  /** Checks the text fields and signifiers; returns { errors, warnings }. */
  function check(body, { staff }) {
    const errors = [];
    const warnings = [];
    const allowed = staff
      ? ['title', 'text', 'date', 'teller_kind', 'team_id', 'topic_id', 'valuation_id', 'archetype_ids', 'answers', 'signed']
      : ['title', 'text', 'date', 'topic_id', 'valuation_id', 'archetype_ids', 'answers', 'website'];
    for (const k of Object.keys(body)) if (!allowed.includes(k)) errors.push(fe(k, 'Dit veld is onbekend.', 'unknown field'));
    const text = (field, v, max) => {
      if (typeof v !== 'string' || !v.trim() || v.length > max) {
        errors.push(fe(field, `Vul dit veld in (1 tot ${max} tekens).`, `must be 1-${max} characters`));
        return;
      }
      if (containsBsn(v)) errors.push(fe(field, 'Deze tekst bevat een BSN. Een BSN mag hier niet worden opgeslagen.', 'the text contains a citizen service number (BSN), which may not be stored'));
      if (EMAIL_RE.test(v)) warnings.push({ field, title: 'Deze tekst lijkt een e-mailadres te bevatten.', detail: 'the text seems to contain an e-mail address' });
      if (PHONE_RE.test(v)) warnings.push({ field, title: 'Deze tekst lijkt een telefoonnummer te bevatten.', detail: 'the text seems to contain a phone number' });
    };
    text('title', body.title, 200);
    text('text', body.text, 10_000);
    if (staff || body.date !== undefined) {
      if (!isDate(body.date)) errors.push(fe('date', 'Vul een geldige datum in (JJJJ-MM-DD).', 'must be a date YYYY-MM-DD'));
      else if (body.date > today()) errors.push(fe('date', 'De datum mag niet in de toekomst liggen.', 'must not be in the future'));
    }
    if (staff) {
      if (!TELLERS.includes(body.teller_kind)) errors.push(fe('teller_kind', 'Kies medewerker, inwoner of ketenpartner.', 'must be medewerker, inwoner or ketenpartner'));
      if (body.team_id !== undefined && body.team_id !== null && !teams.some((t) => t.id === body.team_id)) errors.push(fe('team_id', 'Dit team bestaat niet.', 'no such team'));
      if (body.signed !== undefined && typeof body.signed !== 'boolean') errors.push(fe('signed', 'Kies ja of nee.', 'must be a boolean'));
    }
    const sign = (field, list, required) => {
      const v = body[field];
      if (v === undefined || v === null) {
        if (required) errors.push(fe(field, 'Maak een keuze.', 'is required'));
        return;
      }
      if (!lists[list].some((x) => x.id === v && offered(x, staff))) errors.push(fe(field, 'Deze waarde bestaat niet.', 'unknown value'));
    };
    sign('topic_id', 'story_topic', staff);
    sign('valuation_id', 'story_valuation', staff);
    if (body.archetype_ids !== undefined) {
      if (!Array.isArray(body.archetype_ids)) errors.push(fe('archetype_ids', 'Geef een lijst.', 'must be a list'));
      else body.archetype_ids.forEach((id, i) => {
        if (!lists.story_archetype.some((x) => x.id === id && offered(x, staff))) errors.push(fe(`archetype_ids[${i}]`, 'Deze waarde bestaat niet.', 'unknown value'));
      });
    }
    if (body.answers !== undefined) {
      if (!Array.isArray(body.answers)) errors.push(fe('answers', 'Geef een lijst.', 'must be a list'));
      else body.answers.forEach((a, i) => {
        if (!lists.story_prompt.some((x) => x.id === a?.prompt_id && offered(x, staff))) errors.push(fe(`answers[${i}].prompt_id`, 'Deze vraag bestaat niet.', 'unknown prompt'));
        if (typeof a?.text !== 'string' || a.text.length > 2000) errors.push(fe(`answers[${i}].text`, 'Hoogstens 2000 tekens.', 'at most 2000 characters'));
        else if (containsBsn(a.text)) errors.push(fe(`answers[${i}].text`, 'Deze tekst bevat een BSN. Een BSN mag hier niet worden opgeslagen.', 'the text contains a citizen service number (BSN), which may not be stored'));
      });
    }
    return { errors, warnings };
  }

  /** GET, POST and PATCH of a story_* list: `admin` and `quality` edit; labels have an English twin. */
  function handleList(method, list, id, me, body) {
    if (!list) return P.notFound();
    const label = (v) => v.label_en || v.label;
    const out = (v) => ({ ...v, label_en: label(v) });
    if (id === null && method === 'GET') return me.roles.every((r) => r === 'funder') ? P.forbidden() : { status: 200, json: { items: list.map(out) } };
    if (id === null && method !== 'POST') return P.method();
    if (id !== null && method !== 'PATCH') return P.method();
    if (!me.roles.includes('admin') && !me.roles.includes('quality')) return P.forbidden();
    const errors = [];
    const allowed = id === null ? ['label', 'code', 'label_en', 'audience', 'public_label'] : ['label', 'label_en', 'active', 'position', 'audience', 'public_label'];
    for (const k of Object.keys(body)) if (!allowed.includes(k)) errors.push(fe(k, 'Dit veld is onbekend.', 'unknown field'));
    const name = (k, required) => {
      if (!(k in body)) {
        if (required) errors.push(fe(k, 'Vul een naam in (1 tot 100 tekens).', 'must be 1-100 characters'));
        return;
      }
      if (typeof body[k] !== 'string' || !body[k].trim() || body[k].length > 100) errors.push(fe(k, 'Vul een naam in (1 tot 100 tekens).', 'must be 1-100 characters'));
    };
    name('label', id === null);
    name('label_en', false);
    if ('active' in body && typeof body.active !== 'boolean') errors.push(fe('active', 'Kies ja of nee.', 'must be a boolean'));
    if ('audience' in body && !AUDIENCES.includes(body.audience)) errors.push(fe('audience', 'Kies all, staff of public.', 'must be all, staff or public'));
    if ('public_label' in body && (typeof body.public_label !== 'string' || body.public_label.length > 200)) errors.push(fe('public_label', 'Hoogstens 200 tekens.', 'at most 200 characters'));
    if (errors.length) return P.invalid(errors);
    const dup = (other) => list.some((x) => x.id !== other && x.label.toLowerCase() === body.label.trim().toLowerCase());
    if (id === null) {
      const code = body.code ?? slugify(body.label);
      if (dup(null) || list.some((x) => x.code === code)) return P.conflict('Deze waarde staat al in de lijst.', 'This value is already in the list.');
      const v = {
        id: nextId(), code, label: body.label.trim(), label_en: body.label_en?.trim() ?? '', active: true, position: Math.max(0, ...list.map((x) => x.position)) + 1,
        audience: body.audience ?? 'all', public_label: body.public_label?.trim() ?? '',
      };
      list.push(v);
      log(me, 'create', 'list_value', v.id, null, out(v));
      return { status: 201, json: out(v) };
    }
    const v = list.find((x) => x.id === id);
    if (!v) return P.notFound();
    if ('label' in body && dup(v.id)) return P.conflict('Deze waarde staat al in de lijst.', 'This value is already in the list.');
    const before = out(v);
    if ('label' in body) v.label = body.label.trim();
    if ('label_en' in body) v.label_en = body.label_en.trim();
    if ('active' in body) v.active = body.active;
    if ('position' in body) v.position = body.position;
    if ('audience' in body) v.audience = body.audience;
    if ('public_label' in body) v.public_label = body.public_label.trim();
    log(me, 'update', 'list_value', v.id, before, out(v));
    return { status: 200, json: out(v) };
  }

  const READ_DENIED = ['funder', 'hr', 'admin'];
  const mayRead = (me) => me.roles.some((r) => !READ_DENIED.includes(r));
  const mayWrite = (me) => me.roles.some((r) => r !== 'funder' && r !== 'hr');
  const isQuality = (me) => me.roles.includes('quality');

  /** The public routes: no session. `addr` is the caller's address. */
  function handlePublic(method, path, body, addr) {
    const m = /^\/api\/v1\/public\/([^/]+)\/(form|stories|logo)$/.exec(path);
    if (!m) return null;
    if (m[1] !== org.slug) return P.notFound();
    if (m[2] === 'logo') {
      if (method !== 'GET') return P.method();
      return logo ? { status: 200, raw: logo.data, headers: { 'Content-Type': logo.type, 'Cache-Control': 'public, max-age=300' } } : P.notFound();
    }
    if (m[2] === 'form') return method === 'GET' ? { status: 200, json: form() } : P.method();
    if (method !== 'POST') return P.method();
    const times = (hits.get(addr) ?? []).filter((t) => Date.now() - t < 3600_000);
    if (times.length >= 5) {
      const wait = Math.ceil((times[0] + 3600_000 - Date.now()) / 1000);
      return { ...P.problem(429, 'too-many-requests', 'Te veel verhalen vanaf dit adres. Probeer het later opnieuw.', 'Too many stories from this address.'), headers: { 'Retry-After': String(wait) } };
    }
    if (typeof body !== 'object' || body === null) return P.invalid([fe('', 'Stuur een JSON-object.', 'must be an object')]);
    if (typeof body.website === 'string' && body.website !== '') {
      hits.set(addr, [...times, Date.now()]);
      return { status: 202, json: { status: 'pending' } }; // a robot: dropped
    }
    const { errors } = check(body, { staff: false });
    if (errors.length) return P.invalid(errors);
    hits.set(addr, [...times, Date.now()]);
    stories.push({
      id: ++seq, title: body.title.trim(), text: body.text, date: body.date ?? today(), teller_kind: 'inwoner', team_id: null,
      topic_id: body.topic_id ?? null, valuation_id: body.valuation_id ?? null, archetype_ids: body.archetype_ids ?? [],
      answers: body.answers ?? [], signed_by: null, status: 'pending', source: 'public', moderation: null, created_at: now(),
    });
    return { status: 202, json: { status: 'pending' } };
  }

  /**
   * The stories a filter finds, newest first: `f` has the story list's query as plain
   * values (`from`, `to`, `team`, `teller`, `topic`, `valuation`, `q`; absent = any).
   */
  function matchStories(f, status = 'published') {
    const q = (f.q ?? '').toLowerCase();
    const num = (v) => (v === undefined || v === null || v === '' ? null : Number(v));
    return stories
      .filter((s) => s.status === status)
      .filter((s) => !f.from || s.date >= f.from)
      .filter((s) => !f.to || s.date <= f.to)
      .filter((s) => num(f.team) === null || s.team_id === num(f.team))
      .filter((s) => !f.teller || s.teller_kind === f.teller)
      .filter((s) => num(f.topic) === null || s.topic_id === num(f.topic))
      .filter((s) => num(f.valuation) === null || s.valuation_id === num(f.valuation))
      .filter((s) => !q || s.title.toLowerCase().includes(q) || s.text.toLowerCase().includes(q))
      .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.id - a.id));
  }
  const queryFilter = (query) => Object.fromEntries(['from', 'to', 'team', 'teller', 'topic', 'valuation', 'q'].map((k) => [k, query.get(k) ?? undefined]));

  const sensemaking = createSensemakingApi({ stories, users, log, now, today, isDate, P, fe, check: checkText, matchStories, storyOut, mayRead, isQuality });

  function visible(me, s) {
    if (s.status !== 'published') return isQuality(me);
    return true;
  }

  function stats(me, query) {
    const allTeams = me.roles.some((r) => r === 'quality' || r === 'director');
    if (!allTeams && !me.roles.includes('team_manager')) return P.forbidden();
    const from = query.get('from');
    const to = query.get('to');
    const errors = [];
    if (!isDate(from)) errors.push(fe('from', 'Vul een geldige datum in (JJJJ-MM-DD).', 'must be a date YYYY-MM-DD'));
    if (!isDate(to)) errors.push(fe('to', 'Vul een geldige datum in (JJJJ-MM-DD).', 'must be a date YYYY-MM-DD'));
    const cf = query.get('compare_from');
    const ct = query.get('compare_to');
    if ((cf || ct) && !(isDate(cf) && isDate(ct))) errors.push(fe('compare_from', 'Vul beide datums van de vergelijking in.', 'compare_from and compare_to go together'));
    const team = query.has('team') ? Number(query.get('team')) : null;
    const teller = query.get('teller');
    if (teller && !TELLERS.includes(teller)) errors.push(fe('teller', 'Kies medewerker, inwoner of ketenpartner.', 'unknown teller kind'));
    if (errors.length) return P.invalid(errors);
    if (!allTeams && (team === null || !me.team_ids.includes(team))) return P.forbidden();
    const period = (a, b) => {
      const list = stories.filter((s) => s.status === 'published' && s.date >= a && s.date <= b && (team === null || s.team_id === team) && (!teller || s.teller_kind === teller));
      const buckets = (key, values, several) => {
        const counts = values.map((v) => list.filter((s) => (several ? s[key].includes(v.id) : s[key] === v.id)).length);
        const shares = several ? counts.map((c) => (list.length ? Math.round((c * 1000) / list.length) / 10 : 0)) : largestRemainder(counts);
        return values.map((v, i) => ({ code: v.code, label: v.label, label_en: v.label_en, count: counts[i], share: shares[i] }));
      };
      return {
        from: a, to: b, count: list.length,
        topics: buckets('topic_id', lists.story_topic, false),
        valuations: buckets('valuation_id', lists.story_valuation, false),
        archetypes: buckets('archetype_ids', lists.story_archetype, true),
      };
    };
    const p = period(from, to);
    const c = cf ? period(cf, ct) : null;
    const changes = c
      ? Object.fromEntries(['topics', 'valuations', 'archetypes'].map((k) => [k, p[k].map((b, i) => ({
          code: b.code, label: b.label, label_en: b.label_en, count_now: b.count, count_before: c[k][i].count,
          share_now: b.share, share_before: c[k][i].share, points: Math.round((b.share - c[k][i].share) * 10) / 10,
        }))]))
      : null;
    return { status: 200, json: { period: p, comparison: c, changes } };
  }

  /** The logo: GET for everyone signed in, PUT (the image's bytes) and DELETE for the admin. */
  function handleLogo(method, me, raw) {
    if (method === 'GET') return logo ? { status: 200, raw: logo.data, headers: { 'Content-Type': logo.type } } : P.notFound();
    if (method !== 'PUT' && method !== 'DELETE') return P.method();
    if (!me.roles.includes('admin')) return P.forbidden();
    const before = logo ? { type: logo.type, size: logo.data.length } : null;
    if (method === 'DELETE') {
      if (!logo) return P.notFound();
      logo = null;
      log(me, 'update', 'organisation_settings', 1, { logo: before }, { logo: null });
      return { status: 204 };
    }
    if (raw.length > LOGO_MAX) return P.problem(413, 'payload-too-large', 'Het logo is groter dan 256 kB. Maak het kleiner en probeer het opnieuw.', 'The logo is larger than 256 KiB.');
    const type = imageType(raw);
    if (!type) return P.problem(415, 'unsupported-media-type', 'Kies een afbeelding in PNG, JPEG, GIF of WebP (geen SVG).', 'The logo must be a PNG, JPEG, GIF or WebP image.');
    logo = { type, data: Buffer.from(raw), updated_at: Date.now() };
    log(me, 'update', 'organisation_settings', 1, { logo: before }, { logo: { type, size: raw.length } });
    return { status: 200, json: { content_type: type, size: raw.length } };
  }

  function handle(method, path, query, me, body, raw = Buffer.alloc(0)) {
    if (path === '/api/v1/organisation/logo') return handleLogo(method, me, raw);
    let m = /^\/api\/v1\/lists\/(story_[a-z]+)(?:\/(\d+))?$/.exec(path);
    if (m) return handleList(method, lists[m[1]], m[2] ? Number(m[2]) : null, me, body);
    const sm = sensemaking.handle(method, path, query, me, body);
    if (sm) return sm;
    if (path === '/api/v1/stories/stats') return method === 'GET' ? stats(me, query) : P.method();
    if (path === '/api/v1/stories') {
      if (method === 'POST') {
        if (!mayWrite(me)) return P.forbidden();
        const { errors, warnings } = check(body, { staff: true });
        if (errors.length) return P.invalid(errors);
        const s = {
          id: ++seq, title: body.title.trim(), text: body.text, date: body.date, teller_kind: body.teller_kind, team_id: body.team_id ?? null,
          topic_id: body.topic_id, valuation_id: body.valuation_id, archetype_ids: body.archetype_ids ?? [], answers: body.answers ?? [],
          signed_by: body.signed === true ? { id: me.id, name: me.name } : null, status: 'published', source: 'staff', moderation: null, created_at: now(),
        };
        stories.push(s);
        log(body.signed === true ? me : null, 'create', 'story', s.id, null, { title: s.title });
        return { status: 201, json: storyOut(s, warnings) };
      }
      if (method !== 'GET') return P.method();
      if (!mayRead(me)) return P.forbidden();
      const status = query.get('status') || 'published';
      if (!['published', 'pending', 'rejected'].includes(status)) return P.invalid([fe('status', 'Onbekende status.', 'unknown status')]);
      if (status !== 'published' && !isQuality(me)) return P.forbidden();
      // As the server: offsets up to 10,000, past that the cursor (keyset: after the
      // last story of the page before, newest first by date then id); not both.
      const paging = readPaging(query, fe, { keyOk: isStoryKey });
      if (paging.errors.length) return badQuery(P, paging.errors);
      const list = matchStories(queryFilter(query), status);
      return { status: 200, json: pageOf(list, paging, (x) => storyOut(x), { keyOf: storyKey, isAfter: afterStory }) };
    }
    m = /^\/api\/v1\/stories\/(\d+)(\/moderation)?$/.exec(path);
    if (m) {
      const s = stories.find((x) => x.id === Number(m[1]));
      if (!m[2]) {
        if (method !== 'GET') return P.method();
        if (!mayRead(me)) return P.forbidden();
        return s && visible(me, s) ? { status: 200, json: storyOut(s) } : P.notFound();
      }
      if (method !== 'POST') return P.method();
      if (!isQuality(me)) return P.forbidden();
      if (!s) return P.notFound();
      const decision = body?.decision;
      const errors = [];
      if (decision !== 'accept' && decision !== 'reject') errors.push(fe('decision', 'Kies accepteren of afwijzen.', 'must be accept or reject'));
      const reason = typeof body?.reason === 'string' ? body.reason.trim() : '';
      if (decision === 'reject' && !reason) errors.push(fe('reason', 'Geef een reden om af te wijzen.', 'a reason is required to reject'));
      if (errors.length) return P.invalid(errors);
      if (s.status !== 'pending') return P.conflict('Dit verhaal is al beoordeeld.', 'This story was already reviewed.');
      s.status = decision === 'accept' ? 'published' : 'rejected';
      s.moderation = { decision, reason: reason || null, decided_at: now(), decided_by: { id: me.id, name: me.name } };
      log(me, 'moderate', 'story', s.id, { status: 'pending' }, { status: s.status });
      return { status: 200, json: storyOut(s) };
    }
    return null;
  }

  /**
   * For the browser tests only (no HTTP route): `count` published staff stories made at
   * once, as the server's API tests put them straight into the database; `fields`
   * overrides the defaults (date, title, teller_kind, team_id, topic_id, …). Returns
   * their ids, newest first as the list gives them.
   */
  function generateStories(count, fields = {}) {
    const made = generateRecords(count, (i) => ({
      id: ++seq, title: `Een van veel verhalen ${i + 1}`, text: 'Een van veel verhalen.', date: '2018-06-01', teller_kind: 'medewerker', team_id: null,
      topic_id: lists.story_topic[0].id, valuation_id: lists.story_valuation[2].id, archetype_ids: [], answers: [], signed_by: null,
      status: 'published', source: 'staff', moderation: null, created_at: now(),
    }), fields);
    for (const s of made) stories.push(s);
    return made.map((s) => s.id).reverse();
  }

  return { handle, handlePublic, generateStories };
}
