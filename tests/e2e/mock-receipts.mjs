// The mock's cases and cost receipts (docs/api.md, "Cases and cost receipts"): lists of
// values, programmes, cases with their status history and receipt, the programme
// summary, and CSV import/export. In memory, for work on the web pages before the C++
// server has them; where this and the real server differ, the real server wins.
import { badQuery, generateRecords, pageOf, readPaging } from './mock-paging.mjs';

const STATUSES = ['lopend', 'zo_goed_als_afgerond', 'afgerond'];
const SLUG_RE = /^[a-z0-9_-]{1,40}$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_CENTS = 10_000_000_000;

const DEFAULT_CATEGORIES = [
  'maatschappelijke opvang', 'crisisopvang', 'beschermd wonen', 'jeugdhulp (tweede lijn)', 'jeugdbescherming',
  'uithuisplaatsing', 'Wmo-begeleiding', 'huishoudelijke hulp', 'GGZ / verslavingszorg', 'schuldhulpverlening',
  'bijzondere bijstand', 'uitkering', 'huurachterstand / ontruiming', 'politie / justitie', 'inzet wijkcoach',
  'maatwerkbudget', 'overig',
];
const DEFAULT_PAYERS = ['gemeente', 'woningcorporatie', 'zorgverzekeraar', 'Rijk', 'overig'];

export function slugify(text) {
  return String(text)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || 'x';
}

function isDate(s) {
  if (typeof s !== 'string' || !DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function today() {
  const p = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return p;
}

/** A BSN: 9 digits passing the 11-test (9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 mod 11). */
export function containsBsn(text) {
  for (const m of String(text).matchAll(/(?<!\d)\d{9}(?!\d)/g)) {
    const d = m[0].split('').map(Number);
    const sum = d.slice(0, 8).reduce((a, x, i) => a + x * (9 - i), 0) - d[8];
    if (sum % 11 === 0 && d.some((x) => x !== 0)) return true;
  }
  return false;
}
const EMAIL_RE = /[^\s@]+@[^\s@]+\.[a-z]{2,}/i;
const PHONE_RE = /(?<!\d)(\+31[\s-]?|0)(\d[\s-]?){9}(?!\d)/;

function textWarnings(field, text) {
  const out = [];
  if (EMAIL_RE.test(text)) out.push({ field, title: 'Deze tekst lijkt een e-mailadres te bevatten.', detail: 'the text seems to contain an e-mail address' });
  if (PHONE_RE.test(text)) out.push({ field, title: 'Deze tekst lijkt een telefoonnummer te bevatten.', detail: 'the text seems to contain a phone number' });
  return out;
}
const BSN_ERROR = (field) => ({ field, title: 'Deze tekst bevat een BSN. Een BSN mag hier niet worden opgeslagen.', detail: 'the text contains a citizen service number (BSN), which may not be stored' });

/** Dutch amounts as the import accepts them → cents, or null. */
export function parseAmount(text) {
  let s = String(text ?? '').trim().replace(/^€\s*/, '').replace(/\s*€$/, '');
  if (!s) return null;
  let frac = '';
  const c = s.indexOf(',');
  if (c >= 0) {
    frac = s.slice(c + 1);
    s = s.slice(0, c);
    if (frac === '-') frac = '';
    else if (!/^\d{1,2}$/.test(frac)) return null;
  }
  if (!/^\d+$/.test(s) && !/^\d{1,3}(\.\d{3})+$/.test(s)) return null;
  const cents = Number(s.replace(/\./g, '')) * 100 + (frac ? Number(frac.padEnd(2, '0')) : 0);
  return cents <= MAX_CENTS ? cents : null;
}
function amountText(cents) {
  const euros = Math.floor(cents / 100);
  const rest = cents % 100;
  return String(euros).replace(/\B(?=(\d{3})+(?!\d))/g, '.') + (rest ? `,${String(rest).padStart(2, '0')}` : '');
}
function importDate(text) {
  const s = String(text ?? '').trim();
  let m = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(s);
  const iso = m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : s;
  return isDate(iso) ? iso : null;
}

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, Windows-1252 otherwise. */
export function decodeCsv(buf) {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return text.replace(/^\uFEFF/, '');
  } catch {
    // Windows-1252 by hand: 0x80–0x9F are € ‚ ƒ „ … and so on; the rest is Latin-1.
    const HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
    let out = '';
    for (const b of buf) out += b >= 0x80 && b <= 0x9f ? HIGH[b - 0x80] : String.fromCharCode(b);
    return out;
  }
}

/** RFC 4180-ish CSV with `;` or `,` (whichever the header uses most). */
export function parseCsv(text) {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const sep = (firstLine.match(/;/g) ?? []).length >= (firstLine.match(/,/g) ?? []).length ? ';' : ',';
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0].trim() === ''));
}

export const IMPORT_COLUMNS = ['programma', 'groep', 'casus', 'team', 'status', 'statusdatum', 'kant', 'kostensoort', 'betaler', 'omschrijving', 'bedrag_per_jaar'];

export function createReceiptsApi({ users, teams, log, now, nextId, P, fe }) {
  const lists = {
    cost_category: DEFAULT_CATEGORIES.map((label, i) => ({ id: 200 + i, code: slugify(label), label, active: true, position: i + 1 })),
    payer: DEFAULT_PAYERS.map((label, i) => ({ id: 300 + i, code: slugify(label), label, active: true, position: i + 1 })),
  };
  const programmes = [];
  const groups = []; // { id, programme_id, name }
  const cases = []; // { id, reference, team_id, programme_id, group_id, owner_id, start_date, plan, history, updated_at, oud, nieuw }

  const teamRef = (id) => {
    const t = teams.find((x) => x.id === id);
    return t ? { id: t.id, name: t.name } : null;
  };
  const userRef = (id) => {
    const u = users.find((x) => x.id === id);
    return u ? { id: u.id, name: u.name } : null;
  };
  const programmeOut = (p) => ({
    id: p.id,
    slug: p.slug,
    name: p.name,
    description: p.description,
    start_date: p.start_date,
    city_wide: p.team_id === null,
    team: p.team_id === null ? null : teamRef(p.team_id),
    active: p.active,
    groups: groups.filter((g) => g.programme_id === p.id).sort((a, b) => a.name.localeCompare(b.name, 'nl')).map(({ id, name }) => ({ id, name })),
  });
  const sum = (ls) => ls.reduce((a, l) => a + l.amount_cents, 0);
  const totals = (c) => ({ oud_cents: sum(c.oud), nieuw_cents: sum(c.nieuw), saving_cents: sum(c.oud) - sum(c.nieuw) });
  const currentStatus = (c) => c.history[c.history.length - 1]?.status ?? 'lopend';
  /** The last entry dated on or before `date` (ties: the one recorded last). */
  const statusOn = (c, date) => {
    let best = null;
    for (const e of c.history) if (e.date <= date && (!best || e.date >= best.date)) best = e;
    return best?.status ?? null;
  };
  const groupRef = (id) => {
    const g = groups.find((x) => x.id === id);
    return g ? { id: g.id, name: g.name } : null;
  };
  const summaryOut = (c) => {
    const p = programmes.find((x) => x.id === c.programme_id);
    return {
      id: c.id,
      reference: c.reference,
      team: teamRef(c.team_id),
      programme: { id: p.id, name: p.name },
      group: c.group_id ? groupRef(c.group_id) : null,
      owner: c.owner_id ? userRef(c.owner_id) : null,
      status: currentStatus(c),
      start_date: c.start_date,
      totals: totals(c),
      updated_at: c.updated_at,
    };
  };
  const caseOut = (c, warnings = []) => ({
    ...summaryOut(c),
    plan: c.plan,
    status_history: c.history.map((e) => ({ status: e.status, date: e.date, recorded_at: e.recorded_at, recorded_by: e.recorded_by ? userRef(e.recorded_by) : null })),
    warnings,
  });
  const lineOut = (l) => {
    const cat = lists.cost_category.find((v) => v.id === l.category_id);
    const pay = lists.payer.find((v) => v.id === l.payer_id);
    return { id: l.id, category: { id: cat.id, label: cat.label }, payer: { id: pay.id, label: pay.label }, description: l.description, amount_cents: l.amount_cents };
  };
  const receiptOut = (c, warnings = []) => {
    const tt = totals(c);
    return { case_id: c.id, oud: c.oud.map(lineOut), nieuw: c.nieuw.map(lineOut), totals: tt, negative_saving: tt.saving_cents < 0, warnings };
  };

  // ---- access (docs/api.md, "Access") ----
  const slugOf = (programmeId) => programmes.find((p) => p.id === programmeId)?.slug ?? null;
  const coordinated = (me) => me.roles.filter((r) => r.startsWith('coordinator:')).map((r) => r.slice(12));
  const mayReadAny = (me) => me.roles.some((r) => ['coach', 'team_manager', 'quality', 'director'].includes(r)) || coordinated(me).length > 0;
  const mayRead = (me, teamId, programmeId) =>
    me.roles.some((r) => r === 'quality' || r === 'director') ||
    (me.roles.some((r) => r === 'coach' || r === 'team_manager') && me.team_ids.includes(teamId)) ||
    coordinated(me).includes(slugOf(programmeId));
  const mayEdit = (me, teamId, programmeId) =>
    (me.roles.includes('coach') && me.team_ids.includes(teamId)) || coordinated(me).includes(slugOf(programmeId));

  function findGroup(programmeId, name, create) {
    const trimmed = name.trim();
    let g = groups.find((x) => x.programme_id === programmeId && x.name.toLowerCase() === trimmed.toLowerCase());
    if (!g && create) {
      g = { id: nextId(), programme_id: programmeId, name: trimmed };
      groups.push(g);
    }
    return g ?? null;
  }

  // ---- validation ----
  function validateCase(body, partial) {
    const errors = [];
    const warnings = [];
    const allowed = ['reference', 'team_id', 'programme_id', 'group', 'owner_id', 'start_date', 'plan', 'status', 'status_date'];
    for (const k of Object.keys(body)) if (!allowed.includes(k)) errors.push(fe(k, 'Dit veld is onbekend.', 'unknown field'));
    if (!partial || 'reference' in body) {
      const r = body.reference;
      if (typeof r !== 'string' || !r.trim() || r.trim().length > 40 || /[\u0000-\u001f]/.test(r)) {
        errors.push(fe('reference', 'Vul een kenmerk in van 1 tot 40 tekens.', 'must be 1-40 characters'));
      } else if (containsBsn(r)) errors.push(BSN_ERROR('reference'));
      else warnings.push(...textWarnings('reference', r));
    }
    if (!partial || 'team_id' in body) {
      if (!teams.some((t) => t.id === body.team_id)) errors.push(fe('team_id', 'Kies een bestaand team.', 'no such team'));
    }
    if (!partial || 'programme_id' in body) {
      if (!programmes.some((p) => p.id === body.programme_id)) errors.push(fe('programme_id', 'Kies een bestaand programma.', 'no such programme'));
    }
    if ('group' in body && body.group !== null && (typeof body.group !== 'string' || !body.group.trim() || body.group.length > 100)) {
      errors.push(fe('group', 'Vul een groepsnaam in van 1 tot 100 tekens, of laat de groep leeg.', 'must be null or 1-100 characters'));
    }
    if ('owner_id' in body && body.owner_id !== null && !users.some((u) => u.id === body.owner_id)) {
      errors.push(fe('owner_id', 'Deze medewerker bestaat niet.', 'no such user'));
    }
    if (!partial || 'start_date' in body) {
      if (!isDate(body.start_date)) errors.push(fe('start_date', 'Vul een geldige datum in.', 'must be a date YYYY-MM-DD'));
    }
    if ('plan' in body) {
      if (typeof body.plan !== 'string' || body.plan.length > 20000) errors.push(fe('plan', 'Het maatwerkplan mag hoogstens 20.000 tekens hebben.', 'must be at most 20000 characters'));
      else if (containsBsn(body.plan)) errors.push(BSN_ERROR('plan'));
      else warnings.push(...textWarnings('plan', body.plan));
    }
    if ('status' in body && !STATUSES.includes(body.status)) errors.push(fe('status', 'Kies een geldige status.', 'unknown status'));
    if ('status_date' in body && !isDate(body.status_date)) errors.push(fe('status_date', 'Vul een geldige datum in.', 'must be a date YYYY-MM-DD'));
    return { errors, warnings };
  }

  function validateLines(body) {
    const errors = [];
    const warnings = [];
    for (const k of Object.keys(body ?? {})) if (!['oud', 'nieuw'].includes(k)) errors.push(fe(k, 'Dit veld is onbekend.', 'unknown field'));
    for (const side of ['oud', 'nieuw']) {
      const ls = body?.[side];
      if (!Array.isArray(ls) || ls.length > 100) {
        errors.push(fe(side, 'Geef een lijst van hoogstens 100 regels.', 'must be a list of at most 100 lines'));
        continue;
      }
      ls.forEach((l, i) => {
        const f = (name) => `${side}[${i}].${name}`;
        if (typeof l !== 'object' || l === null) {
          errors.push(fe(`${side}[${i}]`, 'Deze regel is ongeldig.', 'must be an object'));
          return;
        }
        for (const k of Object.keys(l)) if (!['category_id', 'payer_id', 'description', 'amount_cents'].includes(k)) errors.push(fe(f(k), 'Dit veld is onbekend.', 'unknown field'));
        if (!lists.cost_category.some((v) => v.id === l.category_id && v.active)) errors.push(fe(f('category_id'), 'Kies een kostensoort.', 'must be an active cost category'));
        if (!lists.payer.some((v) => v.id === l.payer_id && v.active)) errors.push(fe(f('payer_id'), 'Kies een betaler.', 'must be an active payer'));
        if (typeof l.description !== 'string' || l.description.length > 500) errors.push(fe(f('description'), 'De omschrijving mag hoogstens 500 tekens hebben.', 'must be a string of at most 500 characters'));
        else if (containsBsn(l.description)) errors.push(BSN_ERROR(f('description')));
        else warnings.push(...textWarnings(f('description'), l.description));
        if (!Number.isInteger(l.amount_cents) || l.amount_cents < 0 || l.amount_cents > MAX_CENTS) {
          errors.push(fe(f('amount_cents'), 'Vul een bedrag in van € 0 tot € 100.000.000.', 'must be 0-10000000000 cents'));
        }
      });
    }
    return { errors, warnings };
  }

  function validateProgramme(body, partial) {
    const errors = [];
    const allowed = partial ? ['name', 'description', 'start_date', 'team_id', 'active'] : ['name', 'slug', 'description', 'start_date', 'team_id'];
    for (const k of Object.keys(body)) if (!allowed.includes(k)) errors.push(fe(k, 'Dit veld is onbekend.', 'unknown field'));
    if (!partial || 'name' in body) {
      if (typeof body.name !== 'string' || !body.name.trim() || body.name.length > 200) errors.push(fe('name', 'Vul een naam in (1 tot 200 tekens).', 'must be 1-200 characters'));
    }
    if ('slug' in body && (typeof body.slug !== 'string' || !SLUG_RE.test(body.slug))) {
      errors.push(fe('slug', 'Gebruik alleen kleine letters, cijfers, - en _ (hoogstens 40 tekens).', 'must match [a-z0-9_-]{1,40}'));
    }
    if ('description' in body && (typeof body.description !== 'string' || body.description.length > 2000)) {
      errors.push(fe('description', 'De omschrijving mag hoogstens 2.000 tekens hebben.', 'must be at most 2000 characters'));
    }
    if (!partial || 'start_date' in body) {
      if (!isDate(body.start_date)) errors.push(fe('start_date', 'Vul een geldige datum in.', 'must be a date YYYY-MM-DD'));
    }
    if ('team_id' in body && body.team_id !== null && !teams.some((t) => t.id === body.team_id)) errors.push(fe('team_id', 'Kies een bestaand team.', 'no such team'));
    if ('active' in body && typeof body.active !== 'boolean') errors.push(fe('active', 'Kies ja of nee.', 'must be a boolean'));
    return errors;
  }

  // ---- import ----
  function runImport(me, raw, dryRun) {
    const text = decodeCsv(raw);
    const rows = parseCsv(text);
    const errors = [];
    const err = (row, column, title, detail) => errors.push({ row, column, title, detail });
    if (!rows.length) return P.invalid([{ row: 1, column: 'programma', title: 'Het bestand is leeg.', detail: 'the file is empty' }]);
    const header = rows[0].map((h) => h.trim().toLowerCase());
    for (const col of IMPORT_COLUMNS) if (!header.includes(col)) err(1, col, `De kolom ${col} ontbreekt in de kopregel.`, `column ${col} is missing from the header`);
    if (errors.length) return P.invalid(errors);
    const at = (r, col) => (r[header.indexOf(col)] ?? '').trim();
    const byCase = new Map();
    const newGroups = new Set();
    rows.slice(1).forEach((r, i) => {
      const rowNo = i + 2;
      const progText = at(r, 'programma');
      const p = programmes.find((x) => x.name.toLowerCase() === progText.toLowerCase() || x.slug === progText.toLowerCase());
      if (!p) err(rowNo, 'programma', `Het programma „${progText}” bestaat niet.`, `no programme "${progText}"`);
      const teamText = at(r, 'team');
      const t = teams.find((x) => x.name.toLowerCase() === teamText.toLowerCase());
      if (!t) err(rowNo, 'team', `Het team „${teamText}” bestaat niet.`, `no team "${teamText}"`);
      const reference = at(r, 'casus');
      if (!reference || reference.length > 40) err(rowNo, 'casus', 'Vul een kenmerk in van 1 tot 40 tekens.', 'reference must be 1-40 characters');
      else if (containsBsn(reference)) err(rowNo, 'casus', 'Dit kenmerk bevat een BSN.', 'the reference contains a BSN');
      const statusText = at(r, 'status').toLowerCase().replace(/\s+/g, '_');
      if (!STATUSES.includes(statusText)) err(rowNo, 'status', 'Gebruik als status lopend, zo goed als afgerond of afgerond.', 'status must be lopend, zo goed als afgerond or afgerond');
      const date = importDate(at(r, 'statusdatum'));
      if (!date) err(rowNo, 'statusdatum', 'Vul een geldige datum in, bijvoorbeeld 31-12-2017.', 'must be a date like 31-12-2017');
      const side = at(r, 'kant').toLowerCase();
      if (side !== 'oud' && side !== 'nieuw') err(rowNo, 'kant', 'Gebruik als kant oud of nieuw.', 'kant must be oud or nieuw');
      const find = (list, s) => lists[list].find((v) => v.active && (v.label.toLowerCase() === s.toLowerCase() || v.code === s.toLowerCase()));
      const catText = at(r, 'kostensoort');
      const cat = find('cost_category', catText);
      if (!cat) err(rowNo, 'kostensoort', `De kostensoort „${catText}” bestaat niet.`, `no cost category "${catText}"`);
      const payText = at(r, 'betaler');
      const pay = find('payer', payText);
      if (!pay) err(rowNo, 'betaler', `De betaler „${payText}” bestaat niet.`, `no payer "${payText}"`);
      const description = at(r, 'omschrijving');
      if (containsBsn(description)) err(rowNo, 'omschrijving', 'Deze omschrijving bevat een BSN.', 'the description contains a BSN');
      const amountText = at(r, 'bedrag_per_jaar');
      const amount = parseAmount(amountText);
      if (amount === null) err(rowNo, 'bedrag_per_jaar', `„${amountText}” is geen bedrag. Schrijf bijvoorbeeld 2.400 of 2.400,50.`, `"${amountText}" is not an amount`);
      if (p && t && reference) {
        const existing = cases.find((c) => c.reference.toLowerCase() === reference.toLowerCase());
        if (!mayEdit(me, t.id, p.id) || (existing && !mayEdit(me, existing.team_id, existing.programme_id))) {
          err(rowNo, 'casus', 'U mag deze casus niet wijzigen.', 'you may not edit this case');
        }
      }
      if (!p || !t || !reference || !cat || !pay || amount === null || !date) return;
      const key = reference.toLowerCase();
      if (!byCase.has(key)) byCase.set(key, { reference, p, t, group: at(r, 'groep'), status: statusText, date, oud: [], nieuw: [] });
      const entry = byCase.get(key);
      if (side === 'oud' || side === 'nieuw') entry[side].push({ category_id: cat.id, payer_id: pay.id, description, amount_cents: amount });
      if (entry.group && !findGroup(p.id, entry.group, false)) newGroups.add(`${p.id}/${entry.group.toLowerCase()}`);
    });
    if (errors.length) return P.invalid(errors);
    let created = 0;
    let updated = 0;
    let lines = 0;
    for (const e of byCase.values()) {
      lines += e.oud.length + e.nieuw.length;
      const existing = cases.find((c) => c.reference.toLowerCase() === e.reference.toLowerCase());
      if (existing) updated += 1;
      else created += 1;
      if (dryRun) continue;
      const group = e.group ? findGroup(e.p.id, e.group, true) : null;
      const mk = (ls) => ls.map((l) => ({ id: nextId(), ...l }));
      if (existing) {
        existing.team_id = e.t.id;
        existing.programme_id = e.p.id;
        existing.group_id = group?.id ?? null;
        existing.oud = mk(e.oud);
        existing.nieuw = mk(e.nieuw);
        if (currentStatus(existing) !== e.status) existing.history.push({ status: e.status, date: e.date, recorded_at: now(), recorded_by: me.id });
        existing.updated_at = now();
      } else {
        const c = {
          id: nextId(), reference: e.reference, team_id: e.t.id, programme_id: e.p.id, group_id: group?.id ?? null, owner_id: null,
          start_date: e.date, plan: '', history: [{ status: e.status, date: e.date, recorded_at: now(), recorded_by: me.id }],
          updated_at: now(), oud: mk(e.oud), nieuw: mk(e.nieuw),
        };
        cases.push(c);
        log(me, 'create', 'case', c.id, null, { reference: c.reference });
      }
    }
    return { status: 200, json: { dry_run: dryRun, rows: rows.length - 1, cases_created: created, cases_updated: updated, groups_created: newGroups.size, lines } };
  }

  function exportCsv(me, programmeId) {
    const cell = (v) => {
      let s = String(v ?? '');
      if (/^[=+\-@]/.test(s)) s = `'${s}`;
      return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const out = [IMPORT_COLUMNS.join(';')];
    const p = programmes.find((x) => x.id === programmeId);
    for (const c of cases.filter((x) => x.programme_id === programmeId && mayRead(me, x.team_id, x.programme_id)).sort((a, b) => a.reference.localeCompare(b.reference))) {
      const last = c.history[c.history.length - 1];
      const [y, m, d] = (last?.date ?? c.start_date).split('-');
      for (const side of ['oud', 'nieuw']) {
        for (const l of c[side]) {
          const lo = lineOut(l);
          out.push([p.name, groupRef(c.group_id)?.name ?? '', c.reference, teamRef(c.team_id).name, (last?.status ?? 'lopend').replace(/_/g, ' '), `${d}-${m}-${y}`, side, lo.category.label, lo.payer.label, l.description, amountText(l.amount_cents)].map(cell).join(';'));
        }
      }
    }
    return `\uFEFF${out.join('\r\n')}\r\n`;
  }

  // ---- seed: the model report's transit homes, so the mock has something to show ----
  {
    const p = { id: nextId(), slug: 'doorstroomwoningen', name: 'Doorstroomwoningen', description: 'Tijdelijke woningen voor mensen zonder vaste woonplek.', start_date: '2017-01-01', team_id: null, active: true };
    programmes.push(p);
    const gA = { id: nextId(), programme_id: p.id, name: 'Woning A' };
    const gB = { id: nextId(), programme_id: p.id, name: 'Woning B' };
    groups.push(gA, gB);
    const cat = (label) => lists.cost_category.find((v) => v.label === label).id;
    const pay = (label) => lists.payer.find((v) => v.label === label).id;
    const mk = (reference, group, status, oud, nieuw) => {
      cases.push({
        id: nextId(), reference, team_id: teams[0].id, programme_id: p.id, group_id: group.id, owner_id: null, start_date: '2017-03-01', plan: '',
        history: [{ status: 'lopend', date: '2017-03-01', recorded_at: now(), recorded_by: null }, ...(status === 'lopend' ? [] : [{ status, date: '2017-11-30', recorded_at: now(), recorded_by: null }])],
        updated_at: now(),
        oud: oud.map(([c, y, a]) => ({ id: nextId(), category_id: cat(c), payer_id: pay(y), description: '', amount_cents: a })),
        nieuw: nieuw.map(([c, y, a]) => ({ id: nextId(), category_id: cat(c), payer_id: pay(y), description: '', amount_cents: a })),
      });
    };
    mk('WS-2017-001', gA, 'afgerond', [['huurachterstand / ontruiming', 'woningcorporatie', 240000]], [['inzet wijkcoach', 'gemeente', 31100]]);
    mk('WS-2017-002', gA, 'zo_goed_als_afgerond', [['maatschappelijke opvang', 'gemeente', 216000]], [['inzet wijkcoach', 'gemeente', 56000]]);
    mk('WS-2017-003', gB, 'afgerond', [['crisisopvang', 'gemeente', 600000], ['politie / justitie', 'Rijk', 150000]], [['Wmo-begeleiding', 'gemeente', 120000]]);
    mk('WS-2017-004', gB, 'lopend', [['crisisopvang', 'gemeente', 100000]], []);
  }

  /** Handles a request under /api/v1/lists, /programmes, /cases, /receipts; null when the path is not ours. */
  function handle(method, path, query, me, body, raw, contentType) {
    let m;
    const isAdmin = me.roles.includes('admin');
    const notFunder = !me.roles.every((r) => r === 'funder');

    if ((m = /^\/api\/v1\/lists\/([a-z_]+)(?:\/(\d+))?$/.exec(path))) {
      const list = lists[m[1]];
      if (!list) return P.notFound();
      if (!m[2]) {
        if (method === 'GET') return notFunder ? { status: 200, json: { items: list } } : P.forbidden();
        if (method !== 'POST') return P.method();
        if (!isAdmin) return P.forbidden();
        const errors = [];
        for (const k of Object.keys(body)) if (!['label', 'code'].includes(k)) errors.push(fe(k, 'Dit veld is onbekend.', 'unknown field'));
        if (typeof body.label !== 'string' || !body.label.trim() || body.label.length > 100) errors.push(fe('label', 'Vul een naam in (1 tot 100 tekens).', 'must be 1-100 characters'));
        if ('code' in body && (typeof body.code !== 'string' || !SLUG_RE.test(body.code))) errors.push(fe('code', 'Gebruik alleen kleine letters, cijfers, - en _.', 'must match [a-z0-9_-]{1,40}'));
        if (errors.length) return P.invalid(errors);
        const code = body.code ?? slugify(body.label);
        if (list.some((v) => v.code === code || v.label.toLowerCase() === body.label.trim().toLowerCase())) return P.conflict('Deze waarde staat al in de lijst.', 'This value is already in the list.');
        const v = { id: nextId(), code, label: body.label.trim(), active: true, position: Math.max(0, ...list.map((x) => x.position)) + 1 };
        list.push(v);
        log(me, 'create', 'list_value', v.id, null, v);
        return { status: 201, json: v };
      }
      if (method !== 'PATCH') return P.method();
      if (!isAdmin) return P.forbidden();
      const v = list.find((x) => x.id === Number(m[2]));
      if (!v) return P.notFound();
      const errors = [];
      for (const k of Object.keys(body)) if (!['label', 'active', 'position'].includes(k)) errors.push(fe(k, 'Dit veld is onbekend.', 'unknown field'));
      if ('label' in body && (typeof body.label !== 'string' || !body.label.trim() || body.label.length > 100)) errors.push(fe('label', 'Vul een naam in (1 tot 100 tekens).', 'must be 1-100 characters'));
      if ('active' in body && typeof body.active !== 'boolean') errors.push(fe('active', 'Kies ja of nee.', 'must be a boolean'));
      if ('position' in body && !Number.isInteger(body.position)) errors.push(fe('position', 'Geef een geheel getal.', 'must be an integer'));
      if (errors.length) return P.invalid(errors);
      if ('label' in body && list.some((x) => x.id !== v.id && x.label.toLowerCase() === body.label.trim().toLowerCase())) return P.conflict('Deze waarde staat al in de lijst.', 'This value is already in the list.');
      const before = { ...v };
      if ('label' in body) v.label = body.label.trim();
      if ('active' in body) v.active = body.active;
      if ('position' in body) v.position = body.position;
      log(me, 'update', 'list_value', v.id, before, { ...v });
      return { status: 200, json: v };
    }

    if (path === '/api/v1/programmes') {
      if (method === 'GET') return notFunder ? { status: 200, json: { items: programmes.map(programmeOut) } } : P.forbidden();
      if (method !== 'POST') return P.method();
      if (!isAdmin) return P.forbidden();
      const errors = validateProgramme(body, false);
      if (errors.length) return P.invalid(errors);
      const slug = body.slug ?? slugify(body.name);
      if (programmes.some((p) => p.slug === slug)) return P.conflict('Er is al een programma met deze code.', 'A programme with this slug exists.');
      const p = { id: nextId(), slug, name: body.name.trim(), description: body.description ?? '', start_date: body.start_date, team_id: body.team_id ?? null, active: true };
      programmes.push(p);
      log(me, 'create', 'programme', p.id, null, programmeOut(p));
      return { status: 201, json: programmeOut(p) };
    }
    if ((m = /^\/api\/v1\/programmes\/(\d+)$/.exec(path))) {
      if (method !== 'PATCH') return P.method();
      if (!isAdmin) return P.forbidden();
      const p = programmes.find((x) => x.id === Number(m[1]));
      if (!p) return P.notFound();
      const errors = validateProgramme(body, true);
      if (errors.length) return P.invalid(errors);
      const before = programmeOut(p);
      for (const k of ['description', 'start_date', 'team_id', 'active']) if (k in body) p[k] = body[k];
      if ('name' in body) p.name = body.name.trim();
      log(me, 'update', 'programme', p.id, before, programmeOut(p));
      return { status: 200, json: programmeOut(p) };
    }

    if (path === '/api/v1/cases') {
      if (method === 'GET') {
        if (!mayReadAny(me)) return P.forbidden();
        // As the server: by reference; offsets up to 10,000, past that the cursor (the
        // reference of the page's last case); not both.
        const paging = readPaging(query, fe, { limit: 100, keyOk: (key) => key.length === 1 && typeof key[0] === 'string' });
        if (paging.errors.length) return badQuery(P, paging.errors);
        for (const k of ['programme', 'team']) if (query.has(k) && !/^\d+$/.test(query.get(k))) return P.badRequest(`De waarde van ${k} is ongeldig.`, `${k} must be an id`);
        const status = query.get('status');
        if (status && !STATUSES.includes(status)) return P.badRequest('De waarde van status is ongeldig.', 'unknown status');
        const q = (query.get('q') ?? '').toLowerCase();
        const all = cases
          .filter((c) => mayRead(me, c.team_id, c.programme_id))
          .filter((c) => !query.has('programme') || c.programme_id === Number(query.get('programme')))
          .filter((c) => !query.has('team') || c.team_id === Number(query.get('team')))
          .filter((c) => !status || currentStatus(c) === status)
          .filter((c) => !q || c.reference.toLowerCase().includes(q))
          // The server's order: the reference, byte by byte (SQLite's BINARY).
          .sort((a, b) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0));
        return {
          status: 200,
          json: pageOf(all, paging, summaryOut, { keyOf: (c) => [c.reference], isAfter: (c, [ref]) => c.reference > ref }),
        };
      }
      if (method !== 'POST') return P.method();
      if (!mayReadAny(me)) return P.forbidden();
      const { errors, warnings } = validateCase(body, false);
      if (errors.length) return P.invalid(errors);
      if (!mayEdit(me, body.team_id, body.programme_id)) return P.forbidden();
      if (cases.some((c) => c.reference.toLowerCase() === body.reference.trim().toLowerCase())) return P.conflict('Er is al een casus met dit kenmerk.', 'A case with this reference exists.');
      const status = body.status ?? 'lopend';
      const c = {
        id: nextId(), reference: body.reference.trim(), team_id: body.team_id, programme_id: body.programme_id,
        group_id: body.group ? findGroup(body.programme_id, body.group, true).id : null,
        // Absent: a coach or team manager filing a case of her own team owns it; null: no owner.
        owner_id: 'owner_id' in body ? body.owner_id : me.roles.some((r) => r === 'coach' || r === 'team_manager') && me.team_ids.includes(body.team_id) ? me.id : null,
        start_date: body.start_date, plan: body.plan ?? '',
        history: [{ status, date: body.status_date ?? body.start_date, recorded_at: now(), recorded_by: me.id }],
        updated_at: now(), oud: [], nieuw: [],
      };
      cases.push(c);
      log(me, 'create', 'case', c.id, null, caseOut(c));
      return { status: 201, json: caseOut(c, warnings) };
    }
    if ((m = /^\/api\/v1\/cases\/(\d+)(\/receipt)?$/.exec(path))) {
      const c = cases.find((x) => x.id === Number(m[1]));
      if (!c) return P.notFound();
      if (!mayRead(me, c.team_id, c.programme_id)) return P.forbidden();
      if (m[2]) {
        if (method === 'GET') return { status: 200, json: receiptOut(c) };
        if (method !== 'PUT') return P.method();
        if (!mayEdit(me, c.team_id, c.programme_id)) return P.forbidden();
        const { errors, warnings } = validateLines(body);
        if (errors.length) return P.invalid(errors);
        const before = receiptOut(c);
        c.oud = body.oud.map((l) => ({ id: nextId(), ...l }));
        c.nieuw = body.nieuw.map((l) => ({ id: nextId(), ...l }));
        c.updated_at = now();
        log(me, 'update', 'receipt', c.id, before, receiptOut(c));
        return { status: 200, json: receiptOut(c, warnings) };
      }
      if (method === 'GET') return { status: 200, json: caseOut(c) };
      if (method !== 'PATCH') return P.method();
      if (!mayEdit(me, c.team_id, c.programme_id)) return P.forbidden();
      const { errors, warnings } = validateCase(body, true);
      if (errors.length) return P.invalid(errors);
      const teamId = body.team_id ?? c.team_id;
      const programmeId = body.programme_id ?? c.programme_id;
      if (!mayEdit(me, teamId, programmeId)) return P.forbidden();
      if ('reference' in body && cases.some((x) => x.id !== c.id && x.reference.toLowerCase() === body.reference.trim().toLowerCase())) {
        return P.conflict('Er is al een casus met dit kenmerk.', 'A case with this reference exists.');
      }
      const before = caseOut(c);
      if ('reference' in body) c.reference = body.reference.trim();
      c.team_id = teamId;
      c.programme_id = programmeId;
      if ('group' in body) c.group_id = body.group ? findGroup(programmeId, body.group, true).id : null;
      for (const k of ['owner_id', 'start_date', 'plan']) if (k in body) c[k] = body[k];
      if ('status' in body && body.status !== currentStatus(c)) {
        c.history.push({ status: body.status, date: body.status_date ?? today(), recorded_at: now(), recorded_by: me.id });
      }
      c.updated_at = now();
      log(me, 'update', 'case', c.id, before, caseOut(c));
      return { status: 200, json: caseOut(c, warnings) };
    }

    if (path === '/api/v1/receipts/summary') {
      if (method !== 'GET') return P.method();
      if (!mayReadAny(me)) return P.forbidden();
      const pid = Number(query.get('programme'));
      const p = programmes.find((x) => x.id === pid);
      if (!query.has('programme') || !/^\d+$/.test(query.get('programme'))) return P.badRequest('Kies een programma.', 'programme is required');
      if (!p) return P.notFound();
      const date = query.get('reference_date') ?? today();
      if (!isDate(date)) return P.badRequest('De peildatum is ongeldig.', 'reference_date must be YYYY-MM-DD');
      const team = query.has('team') ? Number(query.get('team')) : null;
      const mine = cases.filter((c) => c.programme_id === p.id && mayRead(me, c.team_id, c.programme_id) && (team === null || c.team_id === team));
      const counted = mine.filter((c) => ['afgerond', 'zo_goed_als_afgerond'].includes(statusOn(c, date)));
      const running = mine.filter((c) => statusOn(c, date) === 'lopend').length;
      const byGroup = new Map();
      for (const c of counted) {
        const k = c.group_id ?? 0;
        if (!byGroup.has(k)) byGroup.set(k, []);
        byGroup.get(k).push(c);
      }
      const add = (a, b) => ({ oud_cents: a.oud_cents + b.oud_cents, nieuw_cents: a.nieuw_cents + b.nieuw_cents, saving_cents: a.saving_cents + b.saving_cents });
      const zero = { oud_cents: 0, nieuw_cents: 0, saving_cents: 0 };
      const groupsOut = [...byGroup.entries()]
        .map(([gid, cs]) => {
          const rows = cs.sort((a, b) => a.reference.localeCompare(b.reference)).map((c) => ({ case_id: c.id, reference: c.reference, status: statusOn(c, date), ...totals(c) }));
          return { group: gid ? groupRef(gid) : null, rows, totals: rows.reduce((a, r) => add(a, r), zero) };
        })
        .map(({ group, rows, totals: tt }) => ({ group, rows: rows.map(({ case_id, reference, status, nieuw_cents, oud_cents, saving_cents }) => ({ case_id, reference, status, nieuw_cents, oud_cents, saving_cents })), totals: tt }))
        .sort((a, b) => (a.group === null ? 1 : b.group === null ? -1 : a.group.name.localeCompare(b.group.name, 'nl')));
      const split = (list, key) => {
        const map = new Map();
        for (const c of counted) {
          for (const side of ['oud', 'nieuw']) {
            for (const l of c[side]) {
              const id = l[key];
              const cur = map.get(id) ?? { oud_cents: 0, nieuw_cents: 0 };
              cur[`${side}_cents`] += l.amount_cents;
              map.set(id, cur);
            }
          }
        }
        return [...map.entries()]
          .map(([id, v]) => {
            const val = lists[list].find((x) => x.id === id);
            return { value: { id, label: val.label }, position: val.position, oud_cents: v.oud_cents, nieuw_cents: v.nieuw_cents, saving_cents: v.oud_cents - v.nieuw_cents };
          })
          .sort((a, b) => a.position - b.position);
      };
      return {
        status: 200,
        json: {
          programme: { id: p.id, name: p.name, start_date: p.start_date },
          reference_date: date,
          groups: groupsOut,
          totals: groupsOut.reduce((a, g) => add(a, g.totals), zero),
          running_cases: running,
          by_category: split('cost_category', 'category_id').map(({ value, oud_cents, nieuw_cents, saving_cents }) => ({ category: value, oud_cents, nieuw_cents, saving_cents })),
          by_payer: split('payer', 'payer_id').map(({ value, oud_cents, nieuw_cents, saving_cents }) => ({ payer: value, oud_cents, nieuw_cents, saving_cents })),
        },
      };
    }

    if (path === '/api/v1/receipts/import') {
      if (method !== 'POST') return P.method();
      if (!mayReadAny(me)) return P.forbidden();
      if (!(contentType ?? '').toLowerCase().startsWith('text/csv')) return P.media();
      if (raw.length > 10 * 1024 * 1024) return problemTooLarge(P);
      const dry = query.get('dry_run');
      return runImport(me, raw, dry === 'true' || dry === '1');
    }

    if (path === '/api/v1/receipts/export') {
      if (method !== 'GET') return P.method();
      if (!mayReadAny(me)) return P.forbidden();
      const p = programmes.find((x) => x.id === Number(query.get('programme')));
      if (!p) return P.notFound();
      const format = query.get('format') ?? 'csv';
      if (format === 'xlsx') return { ...P.badRequest('De mock kan geen xlsx maken.', 'The mock does not produce xlsx.'), status: 501 };
      if (format !== 'csv') return P.badRequest('Kies csv of xlsx.', 'format must be csv or xlsx');
      return {
        status: 200,
        raw: exportCsv(me, p.id),
        headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="kassabonnen-${p.slug}.csv"` },
      };
    }

    return null;
  }

  /**
   * For the browser tests only (no HTTP route): `count` running cases made at once, as
   * the server's API tests put them straight into the database. `fields` gives team_id
   * and programme_id and may override the rest; `reference` may be a function of the
   * case's number (0, 1, …). Returns their ids.
   */
  function generateCases(count, fields) {
    const at = now();
    const made = generateRecords(count, (i) => ({
      id: nextId(), reference: `GEN-${String(i + 1).padStart(6, '0')}`, group_id: null, owner_id: null, start_date: '2018-01-01', plan: '',
      history: [{ status: 'lopend', date: '2018-01-01', recorded_at: at, recorded_by: null }], updated_at: at, oud: [], nieuw: [],
    }), fields);
    for (const c of made) cases.push(c);
    return made.map((c) => c.id);
  }

  return { handle, generateCases };
}

function problemTooLarge(P) {
  const r = P.badRequest('Het bestand is te groot.', 'The body is too large.');
  return { status: 413, problem: { ...r.problem, status: 413, type: 'urn:wijkkader:problem:payload-too-large' } };
}
