// The mock's sense-making sessions (duidingssessies), their themes and actions, best
// practices, the stories export and module views (docs/api.md, "Vertelpunt —
// sense-making, best practices, export, views (issue 4, part 2)"). In memory; made by
// mock-stories.mjs, which hands over its stories and helpers.
import { badQuery, pageOf, readPaging } from './mock-paging.mjs';

const SESSION_FIELDS = ['title', 'date', 'facilitator_id', 'participant_ids', 'other_participants', 'story_filter', 'story_ids', 'notes'];
const FILTER_KEYS = ['from', 'to', 'team', 'teller', 'topic', 'valuation', 'q'];
const OUTCOME_KINDS = ['method', 'procedure', 'training', 'other'];
const MODULES = ['vertelpunt'];
const FINAL = ['done', 'dropped'];
const MAX_PICKED = 500;
const MAX_FILTERED = 2000;

export function createSensemakingApi({ stories, users, log, now, today, isDate, P, fe, check, matchStories, storyOut, mayRead, isQuality }) {
  const sessions = [];
  const themes = [];
  const actions = [];
  const bestPractices = [];
  const views = []; // { module, month: 'YYYY-MM' }
  let seq = 0;
  const id = () => ++seq;

  const person = (uid) => {
    const u = users.find((x) => x.id === uid);
    return u ? { id: u.id, name: u.name } : null;
  };
  const activeUser = (uid) => users.some((u) => u.id === uid && u.active);
  const published = (sid) => stories.find((s) => s.id === sid && s.status === 'published');
  const brief = (s) => {
    const full = storyOut(s);
    return { id: s.id, title: s.title, date: s.date, teller_kind: s.teller_kind, topic: full.topic, valuation: full.valuation };
  };
  /** The ids of the stories a session looks at: frozen when closed, the filter's now while open. */
  const storyIdsOf = (ses) => {
    if (ses.frozen_ids) return ses.frozen_ids;
    if (ses.story_filter) return matchStories(ses.story_filter).map((s) => s.id);
    return ses.story_ids.filter((sid) => published(sid));
  };
  const ref = (ses) => ({ id: ses.id, title: ses.title, date: ses.date });
  const isOpen = (a) => !FINAL.includes(a.status);
  const actionOut = (a, warnings = []) => ({
    id: a.id,
    session: ref(sessions.find((x) => x.id === a.session_id)),
    theme_id: a.theme_id,
    description: a.description,
    owner: person(a.owner_id),
    due_date: a.due_date,
    status: a.status,
    outcome_kind: a.outcome_kind,
    outcome: a.outcome,
    overdue: isOpen(a) && a.due_date < today(),
    closed_at: a.closed_at,
    created_at: a.created_at,
    warnings,
  });
  const themeOut = (t, warnings = []) => ({ id: t.id, title: t.title, description: t.description, story_ids: [...t.story_ids], warnings });
  const summaryOut = (ses) => {
    const own = actions.filter((a) => a.session_id === ses.id);
    return {
      id: ses.id,
      title: ses.title,
      date: ses.date,
      facilitator: person(ses.facilitator_id),
      status: ses.status,
      story_count: storyIdsOf(ses).length,
      theme_count: themes.filter((t) => t.session_id === ses.id).length,
      action_count: own.length,
      open_action_count: own.filter(isOpen).length,
    };
  };
  const sessionOut = (ses, warnings = []) => {
    const ids = storyIdsOf(ses);
    const byId = new Map(stories.map((s) => [s.id, s]));
    return {
      ...summaryOut(ses),
      participants: ses.participant_ids.map(person).filter(Boolean),
      other_participants: ses.other_participants,
      notes: ses.notes,
      conclusion: ses.conclusion,
      closed_at: ses.closed_at,
      closed_by: ses.closed_by ? person(ses.closed_by) : null,
      selection: ses.story_filter ? 'filter' : 'hand_picked',
      story_filter: ses.story_filter,
      stories: ids.slice(0, 200).map((sid) => byId.get(sid)).filter(Boolean).map(brief),
      themes: themes.filter((t) => t.session_id === ses.id).map((t) => themeOut(t)),
      actions: actions.filter((a) => a.session_id === ses.id).map((a) => actionOut(a)),
      created_at: ses.created_at,
      updated_at: ses.updated_at,
      warnings,
    };
  };

  function unknownFields(body, allowed, errors) {
    for (const k of Object.keys(body)) if (!allowed.includes(k)) errors.push(fe(k, 'Dit veld is onbekend.', 'unknown field'));
  }

  /** A new session's body (or a PATCH's, `partial`): { errors, warnings }. */
  function checkSession(body, partial) {
    const errors = [];
    const warnings = [];
    unknownFields(body, SESSION_FIELDS, errors);
    if (!partial || 'title' in body) check(errors, warnings, 'title', body.title, 200);
    if ((!partial || 'date' in body) && !isDate(body.date)) errors.push(fe('date', 'Vul een geldige datum in (JJJJ-MM-DD).', 'must be a date YYYY-MM-DD'));
    if ((!partial || 'facilitator_id' in body) && !activeUser(body.facilitator_id)) errors.push(fe('facilitator_id', 'Kies een actieve collega.', 'must be an active user'));
    if ('participant_ids' in body) {
      if (!Array.isArray(body.participant_ids)) errors.push(fe('participant_ids', 'Geef een lijst.', 'must be a list'));
      else body.participant_ids.forEach((p, i) => {
        if (!activeUser(p)) errors.push(fe(`participant_ids[${i}]`, 'Kies een actieve collega.', 'must be an active user'));
      });
    }
    if ('other_participants' in body) check(errors, warnings, 'other_participants', body.other_participants, 500, false);
    if ('notes' in body) check(errors, warnings, 'notes', body.notes, 10_000, false);
    const hasFilter = body.story_filter !== undefined && body.story_filter !== null;
    const hasIds = body.story_ids !== undefined && body.story_ids !== null;
    if (!partial && hasFilter === hasIds) {
      errors.push(fe('story_filter', 'Kies een filter of zelf gekozen verhalen (precies één van beide).', 'exactly one of story_filter and story_ids'));
    }
    if (partial && hasFilter && hasIds) {
      errors.push(fe('story_filter', 'Kies de verhalen met een filter of zelf, niet allebei.', 'give at most one of story_filter and story_ids'));
    }
    if (hasFilter) {
      const f = body.story_filter;
      if (typeof f !== 'object' || Array.isArray(f)) errors.push(fe('story_filter', 'Geef een filter.', 'must be an object'));
      else {
        for (const k of Object.keys(f)) if (!FILTER_KEYS.includes(k)) errors.push(fe(`story_filter.${k}`, 'Dit filter kent dit veld niet.', 'unknown filter field'));
        for (const k of ['from', 'to']) if (f[k] !== undefined && !isDate(f[k])) errors.push(fe(`story_filter.${k}`, 'Vul een geldige datum in (JJJJ-MM-DD).', 'must be a date YYYY-MM-DD'));
        if (!errors.length && matchStories(f).length > MAX_FILTERED) {
          errors.push(fe('story_filter', `Dit filter vindt meer dan ${MAX_FILTERED} verhalen. Maak het filter nauwer.`, `the filter matches more than ${MAX_FILTERED} stories`));
        }
      }
    }
    if (hasIds) {
      if (!Array.isArray(body.story_ids) || body.story_ids.length > MAX_PICKED) errors.push(fe('story_ids', `Kies 1 tot ${MAX_PICKED} verhalen.`, `must be a list of at most ${MAX_PICKED} stories`));
      else body.story_ids.forEach((sid, i) => {
        if (!published(sid)) errors.push(fe(`story_ids[${i}]`, 'Dit verhaal bestaat niet of is niet gepubliceerd.', 'no such published story'));
      });
    }
    return { errors, warnings };
  }

  function sessions_(method, query, me, body) {
    if (method === 'GET') {
      if (!mayRead(me)) return P.forbidden();
      const status = query.get('status');
      if (status && status !== 'open' && status !== 'closed') return P.badRequest('De waarde van status is ongeldig.', 'status must be open or closed');
      const paging = readPaging(query, fe);
      if (paging.errors.length) return badQuery(P, paging.errors);
      const list = sessions
        .filter((x) => !status || x.status === status)
        .filter((x) => !query.get('from') || x.date >= query.get('from'))
        .filter((x) => !query.get('to') || x.date <= query.get('to'))
        .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : b.id - a.id));
      return { status: 200, json: pageOf(list, paging, summaryOut) };
    }
    if (method !== 'POST') return P.method();
    if (!isQuality(me)) return P.forbidden();
    const { errors, warnings } = checkSession(body, false);
    if (errors.length) return P.invalid(errors);
    const ses = {
      id: id(), title: body.title.trim(), date: body.date, facilitator_id: body.facilitator_id, participant_ids: [...new Set(body.participant_ids ?? [])],
      other_participants: body.other_participants?.trim() || null, notes: body.notes || null,
      story_filter: body.story_filter ?? null, story_ids: body.story_ids ?? [], frozen_ids: null,
      status: 'open', conclusion: null, closed_at: null, closed_by: null, created_at: now(), updated_at: now(),
    };
    sessions.push(ses);
    log(me, 'create', 'sensemaking_session', ses.id, null, { title: ses.title });
    return { status: 201, json: sessionOut(ses, warnings) };
  }

  function themeBody(body, ses, partial) {
    const errors = [];
    const warnings = [];
    unknownFields(body, ['title', 'description', 'story_ids'], errors);
    if (!partial || 'title' in body) check(errors, warnings, 'title', body.title, 200);
    if ('description' in body) check(errors, warnings, 'description', body.description, 10_000, false);
    if ('story_ids' in body) {
      const mine = new Set(storyIdsOf(ses));
      if (!Array.isArray(body.story_ids)) errors.push(fe('story_ids', 'Geef een lijst.', 'must be a list'));
      else body.story_ids.forEach((sid, i) => {
        if (!mine.has(sid)) errors.push(fe(`story_ids[${i}]`, 'Dit verhaal hoort niet bij deze sessie.', 'not a story of this session'));
      });
    }
    return { errors, warnings };
  }

  function actionBody(body, ses) {
    const errors = [];
    const warnings = [];
    unknownFields(body, ['description', 'owner_id', 'due_date', 'theme_id'], errors);
    check(errors, warnings, 'description', body.description, 10_000);
    if (!activeUser(body.owner_id)) errors.push(fe('owner_id', 'Kies een actieve collega.', 'must be an active user'));
    if (!isDate(body.due_date)) errors.push(fe('due_date', 'Vul een geldige datum in (JJJJ-MM-DD).', 'must be a date YYYY-MM-DD'));
    if (body.theme_id !== undefined && body.theme_id !== null && !themes.some((t) => t.id === body.theme_id && t.session_id === ses.id)) {
      errors.push(fe('theme_id', 'Dit thema hoort niet bij deze sessie.', 'not a theme of this session'));
    }
    return { errors, warnings };
  }

  function session_(method, path, me, body) {
    const m = /^\/api\/v1\/sensemaking-sessions\/(\d+)(?:\/(close|themes|actions)(?:\/(\d+))?)?$/.exec(path);
    if (!m) return null;
    if (!mayRead(me)) return P.forbidden();
    const ses = sessions.find((x) => x.id === Number(m[1]));
    const [, , sub, themeId] = m;
    if (!sub) {
      if (method === 'GET') return ses ? { status: 200, json: sessionOut(ses) } : P.notFound();
      if (method !== 'PATCH') return P.method();
      if (!isQuality(me)) return P.forbidden();
      if (!ses) return P.notFound();
      if (ses.status !== 'open') return P.conflict('Deze sessie is afgesloten en kan niet meer worden gewijzigd.', 'The session is closed.');
      const { errors, warnings } = checkSession(body, true);
      const newFilter = body.story_filter ?? null; // null: not given, as everywhere
      const newIds = body.story_ids ?? null;
      if (!errors.length && (newFilter || newIds)) {
        // A theme links stories the session looks at; a new set must keep them.
        const kept = new Set(newIds ?? matchStories(newFilter).map((s) => s.id));
        for (const t of themes.filter((x) => x.session_id === ses.id)) {
          if (t.story_ids.some((sid) => !kept.has(sid))) {
            errors.push(fe(newIds ? 'story_ids' : 'story_filter',
              `Het thema '${t.title}' verwijst naar een verhaal dat dan niet meer bij de sessie hoort; pas eerst het thema aan.`,
              `theme ${t.id} links a story the new selection leaves out`));
            break;
          }
        }
      }
      if (errors.length) return P.invalid(errors);
      const snapshot = () => ({
        title: ses.title, date: ses.date, facilitator_id: ses.facilitator_id, participant_ids: [...ses.participant_ids],
        other_participants: ses.other_participants, notes: ses.notes, story_filter: ses.story_filter, story_ids: [...ses.story_ids],
      });
      const before = snapshot();
      if ('title' in body) ses.title = body.title.trim();
      if ('date' in body) ses.date = body.date;
      if ('facilitator_id' in body) ses.facilitator_id = body.facilitator_id;
      if ('participant_ids' in body) ses.participant_ids = [...new Set(body.participant_ids)];
      if ('other_participants' in body) ses.other_participants = body.other_participants?.trim() || null;
      if ('notes' in body) ses.notes = body.notes?.trim() ? body.notes : null;
      if (newFilter) {
        ses.story_filter = newFilter;
        ses.story_ids = [];
      } else if (newIds) {
        ses.story_ids = [...new Set(newIds)];
        ses.story_filter = null;
      }
      const after = snapshot();
      if (JSON.stringify(after) !== JSON.stringify(before)) {
        // A PATCH that changes nothing leaves no audit entry.
        ses.updated_at = now();
        log(me, 'update', 'sensemaking_session', ses.id, before, after);
      }
      return { status: 200, json: sessionOut(ses, warnings) };
    }
    if (method !== (sub === 'themes' && themeId ? 'PATCH' : 'POST')) return P.method();
    if (!isQuality(me)) return P.forbidden();
    if (!ses) return P.notFound();
    if (sub === 'close') {
      const errors = [];
      const warnings = [];
      unknownFields(body, ['conclusion'], errors);
      check(errors, warnings, 'conclusion', body.conclusion, 10_000);
      if (errors.length) return P.invalid(errors);
      if (ses.status !== 'open') return P.conflict('Deze sessie is al afgesloten.', 'This session is already closed.');
      ses.frozen_ids = storyIdsOf(ses);
      ses.status = 'closed';
      ses.conclusion = body.conclusion.trim();
      ses.closed_at = now();
      ses.closed_by = me.id;
      ses.updated_at = now();
      log(me, 'close', 'sensemaking_session', ses.id, { status: 'open' }, { status: 'closed' });
      return { status: 200, json: sessionOut(ses, warnings) };
    }
    if (sub === 'themes') {
      const theme = themeId ? themes.find((t) => t.id === Number(themeId) && t.session_id === ses.id) : null;
      if (themeId && !theme) return P.notFound();
      const { errors, warnings } = themeBody(body, ses, !!theme);
      if (errors.length) return P.invalid(errors);
      if (ses.status !== 'open') return P.conflict('Deze sessie is afgesloten; thema’s liggen vast.', 'This session is closed; its themes are fixed.');
      if (theme) {
        if ('title' in body) theme.title = body.title.trim();
        if ('description' in body) theme.description = body.description?.trim() || null;
        if ('story_ids' in body) theme.story_ids = [...new Set(body.story_ids)];
        return { status: 200, json: themeOut(theme, warnings) };
      }
      const t = { id: id(), session_id: ses.id, title: body.title.trim(), description: body.description?.trim() || null, story_ids: [...new Set(body.story_ids ?? [])] };
      themes.push(t);
      return { status: 201, json: themeOut(t, warnings) };
    }
    // sub === 'actions': also on a closed session.
    const { errors, warnings } = actionBody(body, ses);
    if (errors.length) return P.invalid(errors);
    const a = {
      id: id(), session_id: ses.id, theme_id: body.theme_id ?? null, description: body.description.trim(), owner_id: body.owner_id,
      due_date: body.due_date, status: 'open', outcome_kind: null, outcome: null, closed_at: null, created_at: now(),
    };
    actions.push(a);
    log(me, 'create', 'sensemaking_action', a.id, null, { description: a.description });
    return { status: 201, json: actionOut(a, warnings) };
  }

  function actions_(method, path, query, me, body) {
    if (path === '/api/v1/sensemaking-actions') {
      if (method !== 'GET') return P.method();
      if (!mayRead(me)) return P.forbidden();
      const owner = query.get('owner');
      const ownerId = owner === 'me' ? me.id : owner ? Number(owner) : null;
      if (owner && !Number.isInteger(ownerId)) return P.badRequest('De waarde van owner is ongeldig.', 'owner must be me or a user id');
      const session = query.has('session') ? Number(query.get('session')) : null;
      const paging = readPaging(query, fe);
      if (paging.errors.length) return badQuery(P, paging.errors);
      const list = actions
        .filter((a) => ownerId === null || a.owner_id === ownerId)
        .filter((a) => query.get('open') !== 'true' || isOpen(a))
        .filter((a) => query.get('overdue') !== 'true' || (isOpen(a) && a.due_date < today()))
        .filter((a) => session === null || a.session_id === session)
        .sort((a, b) => (a.due_date < b.due_date ? -1 : a.due_date > b.due_date ? 1 : a.id - b.id));
      return { status: 200, json: pageOf(list, paging, (a) => actionOut(a)) };
    }
    const m = /^\/api\/v1\/sensemaking-actions\/(\d+)$/.exec(path);
    if (!m) return null;
    if (method !== 'PATCH') return P.method();
    const a = actions.find((x) => x.id === Number(m[1]));
    if (!a) return P.notFound();
    if (a.owner_id !== me.id && !isQuality(me)) return P.forbidden();
    const errors = [];
    const warnings = [];
    unknownFields(body, ['status', 'outcome_kind', 'outcome', 'due_date', 'owner_id', 'description'], errors);
    if (!isQuality(me)) for (const k of ['due_date', 'owner_id', 'description']) if (k in body) errors.push(fe(k, 'Alleen een kwaliteitsmedewerker mag dit wijzigen.', 'quality staff only'));
    if ('status' in body && !['open', 'in_progress', 'done', 'dropped'].includes(body.status)) errors.push(fe('status', 'Onbekende status.', 'unknown status'));
    if (body.status === 'done') {
      if (!OUTCOME_KINDS.includes(body.outcome_kind)) errors.push(fe('outcome_kind', 'Kies methode, procedure, training of anders.', 'must be method, procedure, training or other'));
      check(errors, warnings, 'outcome', body.outcome, 10_000);
    } else if (body.status === 'dropped') {
      check(errors, warnings, 'outcome', body.outcome, 10_000);
    }
    if ('description' in body) check(errors, warnings, 'description', body.description, 10_000);
    if ('due_date' in body && !isDate(body.due_date)) errors.push(fe('due_date', 'Vul een geldige datum in (JJJJ-MM-DD).', 'must be a date YYYY-MM-DD'));
    if ('owner_id' in body && !activeUser(body.owner_id)) errors.push(fe('owner_id', 'Kies een actieve collega.', 'must be an active user'));
    if (errors.length) return P.invalid(errors);
    if (!isOpen(a)) return P.conflict('Deze actie is al afgesloten.', 'This action is already closed.');
    const before = actionOut(a);
    if ('status' in body) a.status = body.status;
    if (body.status === 'done') a.outcome_kind = body.outcome_kind;
    if (FINAL.includes(body.status)) {
      a.outcome = body.outcome.trim();
      a.closed_at = now();
    }
    if ('description' in body) a.description = body.description.trim();
    if ('due_date' in body) a.due_date = body.due_date;
    if ('owner_id' in body) a.owner_id = body.owner_id;
    log(me, 'update', 'sensemaking_action', a.id, { status: before.status }, { status: a.status });
    return { status: 200, json: actionOut(a, warnings) };
  }

  const bpOut = (bp) => {
    const s = stories.find((x) => x.id === bp.story_id);
    const ses = bp.session_id ? sessions.find((x) => x.id === bp.session_id) : null;
    return {
      id: bp.id, title: bp.title, summary: bp.summary, status: 'concept',
      story: { id: s.id, title: s.title, date: s.date }, session: ses ? ref(ses) : null,
      created_by: person(bp.created_by), created_at: bp.created_at, warnings: [],
    };
  };

  function bestPractice_(method, path, query, me, body) {
    if (path === '/api/v1/best-practices') {
      if (method !== 'GET') return P.method();
      if (!mayRead(me)) return P.forbidden();
      const story = query.has('story') ? Number(query.get('story')) : null;
      const paging = readPaging(query, fe);
      if (paging.errors.length) return badQuery(P, paging.errors);
      const list = [...bestPractices].reverse().filter((bp) => story === null || bp.story_id === story);
      return { status: 200, json: pageOf(list, paging, bpOut) };
    }
    const m = /^\/api\/v1\/stories\/(\d+)\/best-practice$/.exec(path);
    if (!m) return null;
    if (method !== 'POST') return P.method();
    if (!isQuality(me)) return P.forbidden();
    const s = published(Number(m[1]));
    if (!s) return P.notFound();
    const errors = [];
    const warnings = [];
    unknownFields(body, ['title', 'summary', 'session_id'], errors);
    if ('title' in body) check(errors, warnings, 'title', body.title, 200);
    check(errors, warnings, 'summary', body.summary, 10_000);
    if (body.session_id !== undefined && body.session_id !== null) {
      const ses = sessions.find((x) => x.id === body.session_id);
      if (!ses || !storyIdsOf(ses).includes(s.id)) errors.push(fe('session_id', 'Deze sessie heeft dit verhaal niet bekeken.', 'the session did not look at this story'));
    }
    if (errors.length) return P.invalid(errors);
    if (bestPractices.some((bp) => bp.story_id === s.id)) return P.conflict('Van dit verhaal is al een best practice gemaakt.', 'This story is a best practice already.');
    const bp = { id: id(), story_id: s.id, session_id: body.session_id ?? null, title: body.title?.trim() || s.title, summary: body.summary.trim(), created_by: me.id, created_at: now() };
    bestPractices.push(bp);
    log(me, 'create', 'best_practice', bp.id, null, { title: bp.title });
    return { status: 201, json: bpOut(bp) };
  }

  function views_(method, query, me, body) {
    if (method === 'POST') {
      if (typeof body?.module !== 'string' || !MODULES.includes(body.module)) return P.invalid([fe('module', 'Onbekende module.', 'unknown module')]);
      views.push({ module: body.module, month: today().slice(0, 7) });
      return { status: 204 };
    }
    if (method !== 'GET') return P.method();
    if (!isQuality(me) && !me.roles.includes('director')) return P.forbidden();
    const year = Number(query.get('year'));
    if (!Number.isInteger(year) || year < 2000 || year > 2100) return P.badRequest('De waarde van year is ongeldig.', 'year must be 2000-2100');
    const modules = MODULES.map((module) => {
      const months = Array.from({ length: 12 }, (_, i) => {
        const month = `${year}-${String(i + 1).padStart(2, '0')}`;
        return { month, views: views.filter((v) => v.module === module && v.month === month).length };
      });
      return { module, total: months.reduce((a, b) => a + b.views, 0), months };
    });
    return { status: 200, json: { year, modules } };
  }

  /** The export: `;`-separated UTF-8 with a BOM; formula-like cells get a leading '. */
  function export_(method, query, me) {
    if (method !== 'GET') return P.method();
    if (!isQuality(me) && !me.roles.includes('director')) return P.forbidden();
    const format = query.get('format') ?? 'csv';
    if (format !== 'csv' && format !== 'xlsx') return P.badRequest('Kies csv of xlsx.', 'format must be csv or xlsx');
    if (format === 'xlsx') {
      // An empty ZIP archive: enough for "it downloads and starts with PK".
      const raw = Buffer.concat([Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)]);
      return { status: 200, raw, headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Content-Disposition': 'attachment; filename="verhalen.xlsx"' } };
    }
    const list = matchStories(Object.fromEntries(FILTER_KEYS.map((k) => [k, query.get(k) ?? undefined])));
    const cell = (v) => {
      let s = v === null || v === undefined ? '' : String(v);
      if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
      return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const rows = [['id', 'datum', 'titel', 'tekst', 'soort verteller', 'team', 'onderwerp', 'waardering', 'ondertekend door']];
    for (const s of list) {
      const o = storyOut(s);
      rows.push([s.id, s.date, s.title, s.text, s.teller_kind, o.team?.name ?? '', o.topic?.label ?? '', o.valuation?.label ?? '', o.signed_by?.name ?? '']);
    }
    const csv = `\ufeff${rows.map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
    return { status: 200, raw: Buffer.from(csv, 'utf8'), headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="verhalen.csv"' } };
  }

  /** Handles the routes of part 2; null when the path is not one of them. */
  function handle(method, path, query, me, body) {
    if (path === '/api/v1/sensemaking-sessions') return sessions_(method, query, me, body);
    if (path.startsWith('/api/v1/sensemaking-sessions/')) return session_(method, path, me, body) ?? P.notFound();
    if (path.startsWith('/api/v1/sensemaking-actions')) return actions_(method, path, query, me, body) ?? P.notFound();
    if (path === '/api/v1/module-views') return views_(method, query, me, body);
    if (path === '/api/v1/stories/export') return export_(method, query, me);
    return bestPractice_(method, path, query, me, body);
  }

  return { handle };
}
