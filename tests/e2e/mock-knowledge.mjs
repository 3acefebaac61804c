// The mock's Kennisbank (docs/api.md, "Kennisbank — knowledge base" and "Staying right,
// ratings, versions, attachments, views"): items with versions and the workflow
// (concept → ter_review → gepubliceerd → gearchiveerd; the author does not publish),
// a small Markdown renderer (escaped, no raw HTML), search with a crude Dutch stemmer
// (woningen → woning), the last word as a prefix, snippets and facets, verification,
// ratings, a line diff, attachments recognised by their first bytes, views, the owner's
// lists and the organisation's setting that lets coaches write. In memory. Not the
// contract: where it and the real server differ, the real server wins.
import { containsBsn } from './mock-receipts.mjs';
import { badQuery, generateRecords, pageOf, readPaging } from './mock-paging.mjs';

const CATEGORIES = ['methodiek', 'document', 'procedure', 'richtlijn'];
const STATUSES = ['concept', 'ter_review', 'gepubliceerd', 'gearchiveerd'];
const FIELDS = ['category', 'title', 'body', 'tags', 'owner_id'];
const STOP = new Set(['de', 'het', 'een', 'en', 'van', 'in', 'op', 'te', 'dat', 'die', 'is', 'voor', 'met', 'aan', 'er', 'bij', 'als', 'om', 'of', 'zijn', 'naar', 'ook', 'tot', 'uit', 'wat', 'wie', 'hoe']);
const EMAIL_RE = /[^\s@]+@[^\s@]+\.[a-z]{2,}/i;
/** The list's order: by title, the Dutch way (one collator: fast enough for 10,000 items). */
const BY_TITLE = new Intl.Collator('nl');

function esc(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
function fold(s) {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}
/** A crude Dutch stem: enough for woningen → woning, procedures → procedure. */
function stem(w) {
  if (w.length > 5 && w.endsWith('ingen')) return w.slice(0, -2);
  if (w.length > 4 && w.endsWith('en')) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s')) return w.slice(0, -1);
  return w;
}
function words(text) {
  return fold(text).split(/[^a-z0-9]+/).filter(Boolean);
}

function inline(text) {
  return esc(text)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/\*(.+?)\*/g, '<em>$1</em>')
    .replace(/\[([^\]]+)\]\(((?:https?:|mailto:)[^)\s]+)\)/g, '<a href="$2">$1</a>');
}
/** Headings, lists and paragraphs; everything escaped (the server's safe mode drops raw HTML). */
export function renderMarkdown(md) {
  const out = [];
  let para = [];
  let list = null;
  const flush = () => {
    if (para.length) out.push(`<p>${inline(para.join(' '))}</p>`);
    para = [];
    if (list) out.push(`<ul>\n${list.map((x) => `<li>${inline(x)}</li>`).join('\n')}\n</ul>`);
    list = null;
  };
  for (const line of String(md).split(/\r?\n/)) {
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    const li = /^\s*[-*]\s+(.*)$/.exec(line);
    if (h) {
      flush();
      out.push(`<h${h[1].length}>${inline(h[2])}</h${h[1].length}>`);
    } else if (li) {
      if (para.length) flush();
      (list ??= []).push(li[1]);
    } else if (!line.trim()) flush();
    else {
      if (list) flush();
      para.push(line.trim());
    }
  }
  flush();
  return out.length ? `${out.join('\n')}\n` : '';
}

/** Line diff (longest common subsequence), runs of more than six equal lines folded to three either side. */
export function lineDiff(a, b) {
  const x = a === '' ? [] : a.split('\n');
  const y = b === '' ? [] : b.split('\n');
  const n = x.length;
  const m = y.length;
  const L = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i -= 1) for (let j = m - 1; j >= 0; j -= 1) L[i][j] = x[i] === y[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
  const raw = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      raw.push({ op: 'equal', text: x[i] });
      i += 1;
      j += 1;
    }
    else if (L[i + 1][j] >= L[i][j + 1]) raw.push({ op: 'delete', text: x[i++] });
    else raw.push({ op: 'insert', text: y[j++] });
  }
  while (i < n) raw.push({ op: 'delete', text: x[i++] });
  while (j < m) raw.push({ op: 'insert', text: y[j++] });
  const lines = [];
  for (let k = 0; k < raw.length; ) {
    if (raw[k].op !== 'equal') {
      lines.push({ op: raw[k].op, text: raw[k].text });
      k += 1;
      continue;
    }
    let end = k;
    while (end < raw.length && raw[end].op === 'equal') end += 1;
    const run = raw.slice(k, end).map((r) => ({ op: 'equal', text: r.text }));
    const head = k === 0 ? 0 : 3;
    const tail = end === raw.length ? 0 : 3;
    if (run.length > 6 && run.length > head + tail) {
      lines.push(...run.slice(0, head), { op: 'skip', text: '', count: run.length - head - tail }, ...run.slice(run.length - tail));
    } else lines.push(...run);
    k = end;
  }
  return {
    lines,
    inserted: raw.filter((r) => r.op === 'insert').length,
    deleted: raw.filter((r) => r.op === 'delete').length,
  };
}

/** The kind of an upload by its first bytes, as the server recognises it (null: refused). */
function sniff(buf, name) {
  const s = buf.subarray(0, 12).toString('latin1');
  if (s.startsWith('%PDF-')) return 'application/pdf';
  if (s.startsWith('\x89PNG')) return 'image/png';
  if (s.startsWith('\xff\xd8\xff')) return 'image/jpeg';
  if (s.startsWith('GIF8')) return 'image/gif';
  if (s.startsWith('RIFF') && s.slice(8, 12) === 'WEBP') return 'image/webp';
  if (s.startsWith('PK\x03\x04')) {
    return /\.xlsx$/i.test(name)
      ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
      : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  }
  return null;
}

export function createKnowledgeApi({ users, log, now, today, P, fe, settings = { knowledge_coach_authors: false, public_privacy_note: '' } }) {
  const items = [];
  let seq = 0;
  let attSeq = 0;

  const person = (uid) => {
    const u = users.find((x) => x.id === uid);
    return u ? { id: u.id, name: u.name } : null;
  };
  const isQuality = (me) => me.roles.includes('quality');
  const reader = (me) => me.roles.some((r) => r !== 'funder');
  const mayAuthor = (me) => isQuality(me) || (settings.knowledge_coach_authors && me.roles.includes('coach'));
  const version = (it, v) => it.versions.find((x) => x.version === v) ?? null;
  const latest = (it) => it.versions[it.versions.length - 1];
  const draftOf = (it) => (it.draft_version ? version(it, it.draft_version) : null);
  const editor = (me, it) => isQuality(me) || it.owner_id === me.id || draftOf(it)?.author_id === me.id;
  const visible = (me, it) =>
    reader(me) && (it.status === 'gepubliceerd' || (it.status === 'gearchiveerd' ? isQuality(me) : editor(me, it)));
  const monthsFor = (category) => (category === 'procedure' || category === 'richtlijn' ? 12 : 24);
  const addMonths = (iso, n) => {
    const d = new Date(`${iso}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + n);
    return d.toISOString().slice(0, 10);
  };
  const daysBetween = (a, b) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
  const overdue = (it) => it.status === 'gepubliceerd' && !!it.review_by && it.review_by < today();
  /** The version readers see: the published one, else (editors) the newest. */
  const shownVersion = (it) => (it.published_version ? version(it, it.published_version) : latest(it));

  const versionOut = (v) => ({
    version: v.version,
    status: v.status,
    category: v.category,
    title: v.title,
    tags: [...v.tags],
    author: person(v.author_id),
    created_at: v.created_at,
    updated_at: v.updated_at,
    submitted_at: v.submitted_at,
    reviewed_at: v.reviewed_at,
    reviewed_by: v.reviewed_by ? person(v.reviewed_by) : null,
    review_remark: v.review_remark,
    body: v.body,
    body_html: renderMarkdown(v.body),
  });
  const ratingSummary = (it) => {
    const v = it.published_version;
    const list = v ? [...(it.ratings.get(v)?.values() ?? [])] : [];
    const avg = (k) => (list.length ? Math.round((list.reduce((a, r) => a + r[k], 0) / list.length) * 10) / 10 : null);
    return { version: v, count: list.length, juistheid: avg('juistheid'), volledigheid: avg('volledigheid') };
  };
  const canOf = (me, it) => {
    const quality = isQuality(me);
    const ed = editor(me, it);
    const working = draftOf(it) ?? (it.status === 'concept' || it.status === 'ter_review' ? latest(it) : null);
    return {
      edit: ed && it.status !== 'gearchiveerd',
      submit: ed && working?.status === 'concept',
      publish: quality && working?.status === 'ter_review' && working.author_id !== me.id,
      return: quality && working?.status === 'ter_review',
      archive: quality && it.status !== 'gearchiveerd',
      verify: (quality || it.owner_id === me.id) && it.status === 'gepubliceerd',
      rate: it.status === 'gepubliceerd',
    };
  };
  const summaryOut = (me, it) => {
    const v = shownVersion(it);
    const d = draftOf(it);
    return {
      id: it.id,
      status: it.status,
      category: v.category,
      title: v.title,
      tags: [...v.tags],
      owner: person(it.owner_id),
      draft_status: d && editor(me, it) ? d.status : null,
      review_by: it.review_by,
      overdue: overdue(it),
      updated_at: it.updated_at,
    };
  };
  const itemOut = (me, it, warnings = []) => {
    const v = shownVersion(it);
    const d = draftOf(it);
    const mine = it.published_version ? (it.ratings.get(it.published_version)?.get(me.id) ?? null) : null;
    const lv = it.verifications[it.verifications.length - 1];
    return {
      ...summaryOut(me, it),
      body: v.body,
      body_html: renderMarkdown(v.body),
      version: v.version,
      published_version: it.published_version,
      draft: d && editor(me, it) ? versionOut(d) : null,
      created_at: it.created_at,
      last_verified: lv ? { at: lv.at, by: lv.by, remark: lv.remark } : null,
      ratings: ratingSummary(it),
      my_rating: mine ? { juistheid: mine.juistheid, volledigheid: mine.volledigheid, remark: mine.remark } : null,
      attachments: it.attachments.map(({ data: _data, ...a }) => ({ ...a })),
      source: null,
      can: canOf(me, it),
      warnings,
    };
  };

  function check(body, partial) {
    const errors = [];
    const warnings = [];
    for (const k of Object.keys(body ?? {})) if (!FIELDS.includes(k)) errors.push(fe(k, 'Dit veld is onbekend.', 'unknown field'));
    if (!partial || 'category' in body) {
      if (!CATEGORIES.includes(body.category)) errors.push(fe('category', 'Kies methodiek, document, procedure of richtlijn.', 'unknown category'));
    }
    if (!partial || 'title' in body) {
      const t = typeof body.title === 'string' ? body.title.trim() : '';
      if (!t || t.length > 200) errors.push(fe('title', 'Vul een titel in van 1 tot 200 tekens.', 'must be 1-200 characters'));
      else if (containsBsn(t)) errors.push(fe('title', 'Verwijder het burgerservicenummer; dat hoort niet in Wijkkader.', 'contains a BSN'));
    }
    if ('body' in body) {
      if (typeof body.body !== 'string' || body.body.length > 100_000) errors.push(fe('body', 'De tekst is te lang (hoogstens 100.000 tekens).', 'at most 100000 characters'));
      else if (containsBsn(body.body)) errors.push(fe('body', 'Verwijder het burgerservicenummer; dat hoort niet in Wijkkader.', 'contains a BSN'));
      else if (EMAIL_RE.test(body.body)) {
        warnings.push(fe('body', 'Dit veld bevat een e-mailadres. Is dat nodig? Persoonsgegevens horen in het systeem van de gemeente.', 'contains an e-mail address'));
      }
    }
    if ('tags' in body) {
      if (!Array.isArray(body.tags) || body.tags.length > 20) errors.push(fe('tags', 'Hoogstens 20 tags.', 'at most 20 tags'));
      else {
        body.tags.forEach((tag, i) => {
          if (typeof tag !== 'string' || !tag.trim() || tag.trim().length > 40) errors.push(fe(`tags[${i}]`, 'Een tag heeft 1 tot 40 tekens.', 'a tag has 1-40 characters'));
        });
      }
    }
    if ('owner_id' in body && !users.some((u) => u.id === body.owner_id && u.active)) errors.push(fe('owner_id', 'Kies een bestaande collega.', 'no such user'));
    return { errors, warnings };
  }
  const tagsOf = (tags) => [...new Set((tags ?? []).map((t) => t.trim().toLowerCase()))];

  // ---- Search ----
  function match(it, v, terms) {
    const titleWords = words(v.title).map(stem);
    const bodyWords = words(`${v.body} ${v.tags.join(' ')}`).map(stem);
    let score = 0;
    for (const [k, term] of terms.entries()) {
      const prefix = k === terms.length - 1 && term.raw.length >= 3;
      const hit = (w) => w === term.stem || (prefix && w.startsWith(term.raw));
      const inTitle = titleWords.filter(hit).length;
      const inBody = bodyWords.filter(hit).length;
      if (!inTitle && !inBody) return 0;
      score += inTitle * 10 + inBody;
    }
    return score;
  }
  function snippet(v, terms) {
    const text = v.body.replace(/[#*_[\]()>`-]/g, ' ').replace(/\s+/g, ' ').trim();
    const parts = text.split(' ');
    const marks = (w) => {
      const s = stem(words(w)[0] ?? '');
      return terms.some((t, k) => s === t.stem || (k === terms.length - 1 && t.raw.length >= 3 && s.startsWith(t.raw)));
    };
    const first = Math.max(0, parts.findIndex(marks) - 8);
    return parts
      .slice(first, first + 30)
      .map((w) => (marks(w) ? `<mark>${esc(w)}</mark>` : esc(w)))
      .join(' ');
  }

  function handle(method, path, query, me, body, raw) {
    if (path === '/api/v1/organisation/settings') {
      if (method === 'GET') return { status: 200, json: { ...settings } };
      if (method === 'PATCH') {
        if (!me.roles.includes('admin')) return P.forbidden();
        const errors = [];
        if ('knowledge_coach_authors' in body && typeof body.knowledge_coach_authors !== 'boolean') errors.push(fe('knowledge_coach_authors', 'Kies ja of nee.', 'must be a boolean'));
        if ('public_privacy_note' in body && (typeof body.public_privacy_note !== 'string' || [...body.public_privacy_note].length > 2000))
          errors.push(fe('public_privacy_note', 'Hoogstens 2000 tekens.', 'at most 2000 characters'));
        if (!('knowledge_coach_authors' in body) && !('public_privacy_note' in body)) errors.push(fe('knowledge_coach_authors', 'Kies ja of nee.', 'must be a boolean'));
        if (errors.length) return P.invalid(errors);
        const before = { ...settings };
        if ('knowledge_coach_authors' in body) settings.knowledge_coach_authors = body.knowledge_coach_authors;
        if ('public_privacy_note' in body) settings.public_privacy_note = body.public_privacy_note.trim();
        // As the server: an audit entry only when something changed.
        if (before.knowledge_coach_authors !== settings.knowledge_coach_authors || before.public_privacy_note !== settings.public_privacy_note)
          log(me, 'update', 'organisation_settings', 1, before, { ...settings });
        return { status: 200, json: { ...settings } };
      }
      return P.method();
    }
    if (!path.startsWith('/api/v1/knowledge')) return null;
    if (!reader(me)) return P.forbidden();
    const limitOf = (dflt, max = 100) => Math.min(max, Math.max(1, Number(query.get('limit') ?? dflt) || dflt));
    const ownerFilter = () => {
      const o = query.get('owner') ?? 'me';
      if (o === 'me') return (it) => it.owner_id === me.id;
      if (!isQuality(me)) return null;
      if (o === 'all') return () => true;
      return (it) => it.owner_id === Number(o);
    };

    if (path === '/api/v1/knowledge') {
      if (method === 'GET') {
        const category = query.get('category');
        const tag = query.get('tag');
        const status = query.get('status');
        const owner = query.get('owner');
        // As the server: others than quality staff ask for another status only for their own items (not archived).
        const own = owner === 'me' || Number(owner) === me.id;
        if (status && status !== 'gepubliceerd' && !isQuality(me) && !(own && status !== 'gearchiveerd'))
          return P.forbidden();
        let list = items.filter((it) => visible(me, it));
        if (owner === 'me') list = list.filter((it) => it.owner_id === me.id);
        else if (owner) list = list.filter((it) => it.owner_id === Number(owner));
        if (status) list = list.filter((it) => it.status === status);
        else if (!isQuality(me) && owner !== 'me') list = list.filter((it) => it.status === 'gepubliceerd');
        else list = list.filter((it) => it.status !== 'gearchiveerd');
        if (category) list = list.filter((it) => shownVersion(it).category === category);
        if (tag) list = list.filter((it) => shownVersion(it).tags.includes(tag.toLowerCase()));
        const paging = readPaging(query, fe);
        if (paging.errors.length) return badQuery(P, paging.errors);
        list.sort((a, b) => BY_TITLE.compare(shownVersion(a).title, shownVersion(b).title));
        return { status: 200, json: pageOf(list, paging, (it) => summaryOut(me, it)) };
      }
      if (method === 'POST') {
        if (!mayAuthor(me)) return P.forbidden();
        const { errors, warnings } = check(body, false);
        if ('owner_id' in body && !isQuality(me)) errors.push(fe('owner_id', 'Alleen een kwaliteitsmedewerker kiest de eigenaar.', 'quality only'));
        if (errors.length) return P.invalid(errors);
        const at = now();
        const it = {
          id: ++seq,
          status: 'concept',
          owner_id: body.owner_id ?? me.id,
          published_version: null,
          draft_version: null,
          review_by: null,
          created_at: at,
          updated_at: at,
          versions: [],
          attachments: [],
          ratings: new Map(),
          views: [],
          verifications: [],
        };
        it.versions.push({
          version: 1, status: 'concept', category: body.category, title: body.title.trim(), body: body.body ?? '', tags: tagsOf(body.tags),
          author_id: me.id, created_at: at, updated_at: at, submitted_at: null, reviewed_at: null, reviewed_by: null, review_remark: null,
        });
        items.push(it);
        log(me, 'create', 'knowledge_item', it.id, null, { title: body.title });
        return { status: 201, json: itemOut(me, it, warnings) };
      }
      return P.method();
    }

    if (path === '/api/v1/knowledge/search' && method === 'GET') {
      // As the server: offsets up to 10,000; every match counted (no total_exact).
      const paging = readPaging(query, fe, { limit: 20, max: 100 });
      if (paging.errors.length) return badQuery(P, paging.errors);
      const { limit, offset } = paging;
      const terms = words(query.get('q') ?? '').filter((w) => !STOP.has(w)).map((w) => ({ raw: w, stem: stem(w) }));
      const category = query.get('category');
      const tag = query.get('tag');
      const status = query.get('status');
      const statuses = status && isQuality(me) ? [status] : isQuality(me) ? ['gepubliceerd', 'concept', 'ter_review'] : ['gepubliceerd'];
      const hits = terms.length
        ? items
            .filter((it) => visible(me, it) && statuses.includes(it.status))
            .map((it) => ({ it, v: shownVersion(it) }))
            .filter(({ v }) => (!category || v.category === category) && (!tag || v.tags.includes(tag)))
            .map((h) => ({ ...h, score: match(h.it, h.v, terms) }))
            .filter((h) => h.score > 0)
            .sort((a, b) => b.score - a.score || a.it.id - b.it.id)
        : [];
      const count = (key) => {
        const m = new Map();
        for (const h of hits) for (const k of key(h)) m.set(k, (m.get(k) ?? 0) + 1);
        return [...m.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
      };
      return {
        status: 200,
        json: {
          items: hits.slice(offset, offset + limit).map(({ it, v }) => ({
            id: it.id, title: v.title, category: v.category, status: it.status, tags: [...v.tags],
            snippet_html: snippet(v, terms), review_by: it.review_by, overdue: overdue(it),
          })),
          total: hits.length,
          facets: {
            categories: count((h) => [h.v.category]).map(([category, n]) => ({ category, count: n })),
            tags: count((h) => h.v.tags).map(([tag, n]) => ({ tag, count: n })),
            tags_counted_over: hits.length, // the fixture stays far below the server's 1,000
          },
        },
      };
    }
    if (path === '/api/v1/knowledge/preview' && method === 'POST') {
      return { status: 200, json: { html: renderMarkdown(typeof body?.body === 'string' ? body.body : '') } };
    }
    if (path === '/api/v1/knowledge/review-due' && method === 'GET') {
      const mine = ownerFilter();
      if (!mine) return P.forbidden();
      const within = Math.min(365, Math.max(0, Number(query.get('within') ?? 30)));
      const horizon = new Date(Date.parse(`${today()}T00:00:00Z`) + within * 86_400_000).toISOString().slice(0, 10);
      const list = items
        .filter((it) => it.status === 'gepubliceerd' && mine(it) && it.review_by && it.review_by <= horizon)
        .sort((a, b) => a.review_by.localeCompare(b.review_by));
      return {
        status: 200,
        json: {
          items: list.map((it) => ({ ...summaryOut(me, it), days_left: daysBetween(today(), it.review_by) })),
          overdue: list.filter(overdue).length,
          due: list.filter((it) => !overdue(it)).length,
        },
      };
    }
    if (path === '/api/v1/knowledge/lowest-rated' && method === 'GET') {
      const mine = ownerFilter();
      if (!mine) return P.forbidden();
      const list = items
        .filter((it) => it.status === 'gepubliceerd' && mine(it) && ratingSummary(it).count > 0)
        .map((it) => ({ ...summaryOut(me, it), ratings: ratingSummary(it) }))
        .sort((a, b) => a.ratings.juistheid + a.ratings.volledigheid - (b.ratings.juistheid + b.ratings.volledigheid));
      return { status: 200, json: { items: list.slice(0, limitOf(10)) } };
    }
    if (path === '/api/v1/knowledge/most-consulted' && method === 'GET') {
      const year = query.get('year');
      if (!/^\d{4}$/.test(year ?? '')) return P.invalid([fe('year', 'Kies een jaar.', 'year is required')]);
      const category = query.get('category');
      const counted = items
        .filter((it) => visible(me, it) && (!category || shownVersion(it).category === category))
        .map((it) => ({ it, views: it.views.filter((m) => m.startsWith(`${year}-`)).length }))
        .filter((x) => x.views > 0)
        .sort((a, b) => b.views - a.views || a.it.id - b.it.id);
      const cats = new Map();
      for (const x of counted) cats.set(shownVersion(x.it).category, (cats.get(shownVersion(x.it).category) ?? 0) + x.views);
      return {
        status: 200,
        json: {
          year: Number(year),
          items: counted.slice(0, limitOf(10)).map(({ it, views }) => ({ id: it.id, title: shownVersion(it).title, category: shownVersion(it).category, views })),
          categories: [...cats.entries()].map(([c, views]) => ({ category: c, views })),
          total: counted.reduce((a, x) => a + x.views, 0),
        },
      };
    }

    const m = /^\/api\/v1\/knowledge\/(\d+)(?:\/([a-z]+)(?:\/(\d+))?)?$/.exec(path);
    if (!m) return P.notFound();
    const it = items.find((x) => x.id === Number(m[1]));
    if (!it || !visible(me, it)) return P.notFound();
    const sub = m[2] ?? '';
    const can = canOf(me, it);
    const at = now();
    const touch = () => (it.updated_at = at);

    if (sub === '') {
      if (method === 'GET') return { status: 200, json: itemOut(me, it) };
      if (method !== 'PATCH') return P.method();
      if (!can.edit) return P.forbidden();
      const { errors, warnings } = check(body, true);
      if ('owner_id' in body && !isQuality(me)) errors.push(fe('owner_id', 'Alleen een kwaliteitsmedewerker kiest de eigenaar.', 'quality only'));
      if (errors.length) return P.invalid(errors);
      const keys = Object.keys(body).filter((k) => k !== 'owner_id');
      if ('owner_id' in body) it.owner_id = body.owner_id;
      if (keys.length) {
        let v = draftOf(it) ?? (it.status === 'gepubliceerd' ? null : latest(it));
        if (!v) {
          const base = shownVersion(it);
          v = { ...base, tags: [...base.tags], version: latest(it).version + 1, author_id: me.id, created_at: at, submitted_at: null, reviewed_at: null, reviewed_by: null, review_remark: null };
          it.versions.push(v);
          it.draft_version = v.version;
        }
        if ('category' in body) v.category = body.category;
        if ('title' in body) v.title = body.title.trim();
        if ('body' in body) v.body = body.body;
        if ('tags' in body) v.tags = tagsOf(body.tags);
        v.status = 'concept';
        v.updated_at = at;
        if (!it.published_version) it.status = 'concept';
      }
      touch();
      return { status: 200, json: itemOut(me, it, warnings) };
    }
    if (['submit', 'publish', 'return', 'archive', 'verification'].includes(sub)) {
      if (method !== 'POST') return P.method();
      const working = draftOf(it) ?? (it.status === 'concept' || it.status === 'ter_review' ? latest(it) : null);
      if (sub === 'submit') {
        if (!can.edit) return P.forbidden();
        if (working?.status !== 'concept') return P.conflict('Alleen een concept kan ter review.', 'only a concept can be submitted');
        working.status = 'ter_review';
        working.submitted_at = at;
        if (!it.published_version) it.status = 'ter_review';
      } else if (sub === 'publish') {
        if (!isQuality(me)) return P.forbidden();
        if (working?.status !== 'ter_review') return P.conflict('Alleen een versie ter review kan worden gepubliceerd.', 'not in review');
        if (working.author_id === me.id) return P.conflict('U kunt uw eigen tekst niet publiceren; een andere kwaliteitsmedewerker beoordeelt hem.', 'The reviewer must not be the author of the version.');
        const old = it.published_version ? version(it, it.published_version) : null;
        if (old) old.status = 'vervangen';
        working.status = 'gepubliceerd';
        working.reviewed_at = at;
        working.reviewed_by = me.id;
        it.published_version = working.version;
        it.draft_version = null;
        it.status = 'gepubliceerd';
        it.review_by = addMonths(today(), monthsFor(working.category));
      } else if (sub === 'return') {
        if (!isQuality(me)) return P.forbidden();
        const remark = typeof body?.remark === 'string' ? body.remark.trim() : '';
        if (!remark) return P.invalid([fe('remark', 'Schrijf wat er nog moet gebeuren.', 'remark is required')]);
        if (working?.status !== 'ter_review') return P.conflict('Alleen een versie ter review kan worden teruggestuurd.', 'not in review');
        working.status = 'concept';
        working.reviewed_at = at;
        working.reviewed_by = me.id;
        working.review_remark = remark;
        if (!it.published_version) it.status = 'concept';
      } else if (sub === 'archive') {
        if (!isQuality(me)) return P.forbidden();
        it.status = 'gearchiveerd';
      } else {
        if (!can.verify) return it.status === 'gepubliceerd' ? P.forbidden() : P.conflict('Alleen een gepubliceerd item kan worden gecontroleerd.', 'not published');
        const before = it.review_by;
        it.review_by = addMonths(today(), monthsFor(shownVersion(it).category));
        it.verifications.push({ id: it.verifications.length + 1, version: it.published_version, at, by: person(me.id), remark: body?.remark ?? null, review_by_before: before, review_by_after: it.review_by });
      }
      touch();
      log(me, sub, 'knowledge_item', it.id, null, null);
      return { status: 200, json: itemOut(me, it) };
    }
    if (sub === 'verifications' && method === 'GET') {
      return { status: 200, json: { items: [...it.verifications].reverse() } };
    }
    if (sub === 'versions' && method === 'GET') {
      const list = it.versions.filter((v) => editor(me, it) || v.status === 'gepubliceerd' || v.status === 'vervangen');
      return { status: 200, json: { items: [...list].reverse().map(versionOut) } };
    }
    if (sub === 'diff' && method === 'GET') {
      const a = version(it, Number(query.get('from')));
      const b = version(it, Number(query.get('to')));
      if (!a || !b) return P.notFound();
      const fields = [];
      if (a.title !== b.title) fields.push({ field: 'title', from: a.title, to: b.title });
      if (a.category !== b.category) fields.push({ field: 'category', from: a.category, to: b.category });
      if (a.tags.join() !== b.tags.join()) fields.push({ field: 'tags', from: a.tags, to: b.tags });
      return { status: 200, json: { from: a.version, to: b.version, fields, ...lineDiff(a.body, b.body) } };
    }
    if (sub === 'ratings' && method === 'GET') {
      const list = [...(it.ratings.get(it.published_version)?.values() ?? [])];
      const mine = it.ratings.get(it.published_version)?.get(me.id) ?? null;
      const remarks = isQuality(me) || it.owner_id === me.id ? list.map((r) => ({ juistheid: r.juistheid, volledigheid: r.volledigheid, remark: r.remark, by: person(r.by), updated_at: r.updated_at })) : [];
      return { status: 200, json: { ...ratingSummary(it), mine: mine ? { juistheid: mine.juistheid, volledigheid: mine.volledigheid, remark: mine.remark } : null, remarks } };
    }
    if (sub === 'rating' && method === 'PUT') {
      if (it.status !== 'gepubliceerd') return P.conflict('U kunt alleen een gepubliceerd item waarderen.', 'not published');
      const errors = [];
      for (const k of ['juistheid', 'volledigheid']) if (!Number.isInteger(body?.[k]) || body[k] < 1 || body[k] > 5) errors.push(fe(k, 'Kies een cijfer van 1 tot en met 5.', 'must be 1-5'));
      if (body?.remark !== undefined && (typeof body.remark !== 'string' || body.remark.length > 2000)) errors.push(fe('remark', 'Hoogstens 2.000 tekens.', 'at most 2000 characters'));
      if (errors.length) return P.invalid(errors);
      if (!it.ratings.has(it.published_version)) it.ratings.set(it.published_version, new Map());
      it.ratings.get(it.published_version).set(me.id, { juistheid: body.juistheid, volledigheid: body.volledigheid, remark: body.remark?.trim() || null, by: me.id, updated_at: at });
      return handle('GET', `/api/v1/knowledge/${it.id}/ratings`, new URLSearchParams(), me, {}, raw);
    }
    if (sub === 'view' && method === 'POST') {
      it.views.push(today().slice(0, 7));
      return { status: 204 };
    }
    if (sub === 'attachments') {
      if (!m[3] && method === 'POST') {
        if (!can.edit) return P.forbidden();
        const name = (query.get('name') ?? '').trim();
        if (!name) return P.badRequest('Geef de bestandsnaam mee.', 'name is required');
        if (raw.length > 10 * 1024 * 1024) {
          return { status: 413, problem: { type: 'urn:wijkkader:problem:payload-too-large', status: 413, title: 'Het bestand is te groot (hoogstens 10 MB).', detail: 'The file is too large.' } };
        }
        const type = sniff(raw, name);
        if (!type) {
          return {
            status: 415,
            problem: { type: 'urn:wijkkader:problem:unsupported-media-type', status: 415, title: 'Dit soort bestand kan niet: kies een PDF, DOCX, XLSX of afbeelding.', detail: 'Unsupported file type.' },
          };
        }
        const a = { id: ++attSeq, name, content_type: type, size: raw.length, uploaded_by: person(me.id), uploaded_at: at, data: Buffer.from(raw) };
        it.attachments.push(a);
        touch();
        const { data: _data, ...out } = a;
        return { status: 201, json: out };
      }
      const a = it.attachments.find((x) => x.id === Number(m[3]));
      if (!a) return P.notFound();
      if (method === 'GET') {
        const inline = a.content_type.startsWith('image/');
        return {
          status: 200,
          raw: a.data,
          headers: {
            'Content-Type': a.content_type,
            'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename="${a.name.replace(/"/g, '')}"`,
            'X-Content-Type-Options': 'nosniff',
          },
        };
      }
      if (method === 'DELETE') {
        if (!can.edit) return P.forbidden();
        it.attachments = it.attachments.filter((x) => x !== a);
        touch();
        return { status: 204 };
      }
      return P.method();
    }
    return P.notFound();
  }

  /**
   * For the browser tests only (no HTTP route): `count` published items made at once, as
   * the server's API tests put them straight into the database. `fields` sets their
   * version's title, category, tags or body (a function: of the item's number, 0, 1, …)
   * and `owner_id`. Returns their ids.
   */
  function generateKnowledge(count, { owner_id: ownerId = users[0].id, ...fields } = {}) {
    const at = now();
    const versions = generateRecords(count, (i) => ({ title: `Een van veel items ${i + 1}`, category: 'methodiek', tags: [], body: 'Een van veel items.' }), fields);
    return versions.map((v) => {
      const it = {
        id: ++seq, status: 'gepubliceerd', owner_id: ownerId, published_version: 1, draft_version: null, review_by: null, created_at: at, updated_at: at,
        versions: [{
          ...v, version: 1, status: 'gepubliceerd', author_id: ownerId, created_at: at, updated_at: at, submitted_at: at, reviewed_at: at, reviewed_by: null, review_remark: null,
        }],
        attachments: [], ratings: new Map(), views: [], verifications: [],
      };
      items.push(it);
      return it.id;
    });
  }

  return { handle, generateKnowledge };
}
