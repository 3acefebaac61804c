// The audit log in words: every action and kind of record the server writes
// (docs/openapi.json, AuditEntry), the snapshot fields as labels, where an
// administrator can go to see a record, and the page's filter in the URL
// (`/beheer/audit?persoon=11&soort=team&van=2026-12-01&tot=2026-12-07`).
import type { MessageKey, Translate } from '../i18n';
import { parseDateInput } from './format';
import { formatMoney } from './money';
import type { ValueFormat } from './diff';

/** AuditEntry.action in docs/openapi.json (a unit test checks the two agree). */
export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'login', 'logout', 'import', 'verify'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** AuditEntry.entity in docs/openapi.json (a unit test checks the two agree). */
export const AUDIT_ENTITIES = [
  'district',
  'team',
  'user',
  'session',
  'organisation',
  'organisation_settings',
  'programme',
  'programme_group',
  'list_value',
  'case',
  'receipt',
  'report_text',
  'story',
  'sensemaking_session',
  'sensemaking_theme',
  'sensemaking_action',
  'best_practice',
  'knowledge_item',
  'knowledge_rating',
  'knowledge_attachment',
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

const ACTION_KEYS: Record<AuditAction, MessageKey> = {
  create: 'audit.action.create',
  update: 'audit.action.update',
  delete: 'audit.action.delete',
  login: 'audit.action.login',
  logout: 'audit.action.logout',
  import: 'audit.action.import',
  verify: 'audit.action.verify',
};

const ENTITY_KEYS: Record<AuditEntity, MessageKey> = {
  district: 'audit.entity.district',
  team: 'audit.entity.team',
  user: 'audit.entity.user',
  session: 'audit.entity.session',
  organisation: 'audit.entity.organisation',
  organisation_settings: 'audit.entity.organisation_settings',
  programme: 'audit.entity.programme',
  programme_group: 'audit.entity.programme_group',
  list_value: 'audit.entity.list_value',
  case: 'audit.entity.case',
  receipt: 'audit.entity.receipt',
  report_text: 'audit.entity.report_text',
  story: 'audit.entity.story',
  sensemaking_session: 'audit.entity.sensemaking_session',
  sensemaking_theme: 'audit.entity.sensemaking_theme',
  sensemaking_action: 'audit.entity.sensemaking_action',
  best_practice: 'audit.entity.best_practice',
  knowledge_item: 'audit.entity.knowledge_item',
  knowledge_rating: 'audit.entity.knowledge_rating',
  knowledge_attachment: 'audit.entity.knowledge_attachment',
};

function has<K extends string>(map: Record<K, MessageKey>, key: string): key is K {
  return Object.prototype.hasOwnProperty.call(map, key);
}

/** "Bevestigd als juist" for `verify`; an action this app does not know yet as it is. */
export function actionLabel(t: Translate, action: string): string {
  return has(ACTION_KEYS, action) ? t(ACTION_KEYS[action]) : action;
}

/** "Kennisbankitem" for `knowledge_item`; a kind this app does not know yet as it is. */
export function entityLabel(t: Translate, entity: string): string {
  return has(ENTITY_KEYS, entity) ? t(ENTITY_KEYS[entity]) : entity;
}

/** Every kind of record with its label, sorted by the label (for the filter's select). */
export function entityOptions(t: Translate, lang: string): { value: AuditEntity; label: string }[] {
  return AUDIT_ENTITIES.map((e) => ({ value: e, label: entityLabel(t, e) })).sort((a, b) =>
    a.label.localeCompare(b.label, lang === 'nl' ? 'nl' : 'en'),
  );
}

/**
 * Kinds whose id says nothing to a reader: a log-in's id is the user's (the "Wie"
 * column already names her), the settings' id is the organisation's.
 */
const NO_ID: readonly string[] = ['session', 'organisation_settings'];

/** The object column's words: the kind, then the record's own name or else its id. */
export function objectText(
  t: Translate,
  entry: { entity: string; entity_id: string | number | null; label?: string | null },
): {
  kind: string;
  name: string | null;
} {
  const kind = entityLabel(t, entry.entity);
  if (entry.label) return { kind, name: entry.label };
  const id = entry.entity_id;
  if (id === null || id === undefined || id === '' || NO_ID.includes(entry.entity)) return { kind, name: null };
  return { kind, name: `#${id}` };
}

/**
 * The page where an administrator sees this kind of record, or null. Cases, receipts,
 * stories, sessions and knowledge items have no link: an administrator may not open
 * them (no case content for the admin role).
 */
export function adminPageOf(entity: string): string | null {
  switch (entity) {
    case 'user':
      return '/beheer/gebruikers';
    case 'team':
      return '/beheer/teams';
    case 'programme':
    case 'programme_group':
      return '/beheer/programmas';
    case 'list_value':
      return '/beheer/keuzelijsten';
    case 'organisation_settings':
      return '/beheer/instellingen';
    default:
      return null;
  }
}

/** Snapshot field names (src/modules/*: audit_snapshot, snapshot, to_json) → labels. */
const FIELD_KEYS: Record<string, MessageKey> = {
  id: 'audit.fieldName.id',
  name: 'audit.fieldName.name',
  slug: 'audit.fieldName.slug',
  title: 'audit.fieldName.title',
  email: 'audit.fieldName.email',
  roles: 'audit.fieldName.roles',
  teams: 'audit.fieldName.teams',
  team_ids: 'audit.fieldName.teams',
  active: 'audit.fieldName.active',
  status: 'audit.fieldName.status',
  district: 'audit.fieldName.district',
  neighbourhoods: 'audit.fieldName.neighbourhoods',
  member_count: 'audit.fieldName.member_count',
  address: 'audit.fieldName.address',
  knowledge_coach_authors: 'audit.fieldName.knowledge_coach_authors',
  public_privacy_note: 'audit.fieldName.public_privacy_note',
  logo: 'audit.fieldName.logo',
  // programmes and lists
  description: 'audit.fieldName.description',
  start_date: 'audit.fieldName.start_date',
  city_wide: 'audit.fieldName.city_wide',
  team: 'audit.fieldName.team',
  groups: 'audit.fieldName.groups',
  programme_id: 'audit.fieldName.programme_id',
  list: 'audit.fieldName.list',
  code: 'audit.fieldName.code',
  label: 'audit.fieldName.label',
  label_en: 'audit.fieldName.label_en',
  position: 'audit.fieldName.position',
  audience: 'audit.fieldName.audience',
  public_label: 'audit.fieldName.public_label',
  // cases and receipts
  reference: 'audit.fieldName.reference',
  team_id: 'audit.fieldName.team_id',
  group_id: 'audit.fieldName.group_id',
  owner_id: 'audit.fieldName.owner_id',
  plan: 'audit.fieldName.plan',
  case: 'audit.fieldName.case',
  receipt: 'audit.fieldName.receipt',
  oud: 'audit.fieldName.oud',
  nieuw: 'audit.fieldName.nieuw',
  category_id: 'audit.fieldName.category_id',
  payer_id: 'audit.fieldName.payer_id',
  amount_cents: 'audit.fieldName.amount_cents',
  body: 'audit.fieldName.body',
  // stories
  text: 'audit.fieldName.text',
  date: 'audit.fieldName.date',
  teller_kind: 'audit.fieldName.teller_kind',
  topic_id: 'audit.fieldName.topic_id',
  valuation_id: 'audit.fieldName.valuation_id',
  archetype_ids: 'audit.fieldName.archetype_ids',
  source: 'audit.fieldName.source',
  anonymous: 'audit.fieldName.anonymous',
  reason: 'audit.fieldName.reason',
  redactions: 'audit.fieldName.redactions',
  // sense-making
  facilitator_id: 'audit.fieldName.facilitator_id',
  participant_ids: 'audit.fieldName.participant_ids',
  other_participants: 'audit.fieldName.other_participants',
  notes: 'audit.fieldName.notes',
  selection: 'audit.fieldName.selection',
  story_filter: 'audit.fieldName.story_filter',
  story_ids: 'audit.fieldName.story_ids',
  conclusion: 'audit.fieldName.conclusion',
  session_id: 'audit.fieldName.session_id',
  theme_id: 'audit.fieldName.theme_id',
  due_date: 'audit.fieldName.due_date',
  outcome_kind: 'audit.fieldName.outcome_kind',
  outcome: 'audit.fieldName.outcome',
  story_id: 'audit.fieldName.story_id',
  summary: 'audit.fieldName.summary',
  // knowledge base
  category: 'audit.fieldName.category',
  tags: 'audit.fieldName.tags',
  version: 'audit.fieldName.version',
  published_version: 'audit.fieldName.published_version',
  draft_version: 'audit.fieldName.draft_version',
  review_by: 'audit.fieldName.review_by',
  juistheid: 'audit.fieldName.juistheid',
  volledigheid: 'audit.fieldName.volledigheid',
  remark: 'audit.fieldName.remark',
  item_id: 'audit.fieldName.item_id',
  file: 'audit.fieldName.file',
  content_type: 'audit.fieldName.content_type',
  size: 'audit.fieldName.size',
  uploaded_by: 'audit.fieldName.uploaded_by',
  uploaded_at: 'audit.fieldName.uploaded_at',
  verified: 'audit.fieldName.verified',
};

/** The snapshot field names this app has a label for. */
export const AUDIT_FIELDS: readonly string[] = Object.keys(FIELD_KEYS);

/**
 * A field's label: `review_by` → "Herzien vóór"; a nested one (`version.title`, see
 * diffObjects) → "Versie › Titel". A field this app does not know stays as it is.
 */
export function fieldLabel(t: Translate, field: string): string {
  return field
    .split('.')
    .map((part) => {
      const key = has(FIELD_KEYS, part) ? FIELD_KEYS[part] : undefined;
      return key ? t(key) : part;
    })
    .join(' › ');
}

/** How the change details write values: labelled fields, money in euros. */
export function auditValueFormat(t: Translate): ValueFormat {
  return {
    label: (field) => fieldLabel(t, field),
    value: (field, v) => {
      if (field.endsWith('_cents') && typeof v === 'number' && Number.isInteger(v)) return formatMoney(v);
      // A list value's audience in the lists page's words (all → Iedereen).
      if (field === 'audience' && (v === 'all' || v === 'staff' || v === 'public')) return t(`lists.audience.${v}`);
      return null;
    },
  };
}

// ---- The filter in the URL ----

export interface AuditFilter {
  /** A user id as text, or ''. */
  actor: string;
  entity: string;
  /** ISO dates (the Dutch days the server takes), or ''. */
  from: string;
  to: string;
}

export const EMPTY_AUDIT_FILTER: AuditFilter = { actor: '', entity: '', from: '', to: '' };

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const isoDate = (v: string | null) => (v && ISO.test(v) && parseDateInput(v) === v ? v : '');

/** `?persoon=11&soort=team&van=2026-12-01&tot=2026-12-07` → the filter; anything odd is left out. */
export function auditFilterFromSearch(search: string): AuditFilter {
  const p = new URLSearchParams(search);
  const actor = p.get('persoon') ?? '';
  const entity = p.get('soort') ?? '';
  return {
    actor: /^[1-9]\d{0,14}$/.test(actor) ? actor : '',
    entity: (AUDIT_ENTITIES as readonly string[]).includes(entity) ? entity : '',
    from: isoDate(p.get('van')),
    to: isoDate(p.get('tot')),
  };
}

export function searchFromAuditFilter(f: AuditFilter): string {
  const p = new URLSearchParams();
  if (f.actor) p.set('persoon', f.actor);
  if (f.entity) p.set('soort', f.entity);
  if (f.from) p.set('van', f.from);
  if (f.to) p.set('tot', f.to);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/**
 * What is wrong with a filter's ISO dates: the field and the message key. An empty date
 * is no date; one that is not a real ISO date is refused.
 */
export function auditFilterDateError(f: AuditFilter): { field: 'from' | 'to'; key: MessageKey } | null {
  if (f.from && !isoDate(f.from)) return { field: 'from', key: 'audit.filter.badDate' };
  if (f.to && !isoDate(f.to)) return { field: 'to', key: 'audit.filter.badDate' };
  if (f.from && f.to && f.to < f.from) return { field: 'to', key: 'audit.filter.toBeforeFrom' };
  return null;
}

/**
 * The filter as the form holds it — dates as typed, dd-mm-jjjj (or ISO) — read into the
 * filter for the address (ISO dates), or what is wrong with it.
 */
export function auditFilterFromForm(
  form: AuditFilter,
): { filter: AuditFilter } | { field: 'from' | 'to'; key: MessageKey } {
  const from = form.from.trim() ? parseDateInput(form.from) : '';
  if (from === null) return { field: 'from', key: 'common.dateInvalid' };
  const to = form.to.trim() ? parseDateInput(form.to) : '';
  if (to === null) return { field: 'to', key: 'common.dateInvalid' };
  const filter = { ...form, from, to };
  return auditFilterDateError(filter) ?? { filter };
}
