// The client for the Wijkkader HTTP API (docs/api.md). Every call goes through
// request(): same-origin cookies, the CSRF header on state-changing methods, and
// problem+json errors turned into ApiError. A 401 on anything but the log-in itself
// calls the handler set with setUnauthorizedHandler (the app goes to /inloggen).

import type { Lang } from '../i18n';

// ---- Shapes (docs/api.md, "Shapes") ----

export interface TeamRef {
  id: number;
  name: string;
}
export interface Organisation {
  id: number;
  name: string;
  slug: string;
}
export interface Me {
  id: number;
  email: string;
  name: string;
  roles: string[];
  teams: TeamRef[];
  organisation: Organisation;
  /** What the server's access rules let this user do (lib/roles.ts, Capability). */
  capabilities: string[];
  csrf_token?: string;
}
export interface District {
  id: number;
  name: string;
}
export interface Team {
  id: number;
  name: string;
  district: District;
  neighbourhoods: string[];
  active: boolean;
  member_count: number;
}
export interface User {
  id: number;
  email: string;
  name: string;
  roles: string[];
  teams: TeamRef[];
  active: boolean;
  created_at: string;
  last_login_at: string | null;
}
/** `GET /api/v1/users`: by name, then id; a page of up to 500, by offset only. */
export interface UserQuery {
  /** A part of the name or e-mail address, in any case (the server reads the first 100 characters). */
  q?: string | null;
  /** 1–500; the server's default is 500. */
  limit?: number;
  /** At most 10,000 (the server answers 400 beyond). */
  offset?: number;
}
export interface AuditEntry {
  id: number;
  at: string;
  actor: { id: number; name: string } | null;
  action: string;
  entity: string;
  /** The record's id as text (docs/api.md); later modules may use non-numeric keys. */
  entity_id: string | number | null;
  /** The record's own name as the entry saw it (title, name, case reference); '' when none. */
  label: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
export interface List<T> {
  items: T[];
}
export interface AuditPage extends List<AuditEntry> {
  next_before: number | null;
}
export interface LoginAnswer {
  user: Me;
  csrf_token: string;
}
export interface TeamInput {
  name: string;
  district_id: number;
  neighbourhoods: string[];
}
export type TeamPatch = Partial<TeamInput & { active: boolean }>;
export interface UserInput {
  email: string;
  name: string;
  password: string;
  roles: string[];
  team_ids: number[];
}
export type UserPatch = Partial<Omit<UserInput, 'password'> & { active: boolean; password: string }>;

// ---- Cases and cost receipts (docs/api.md, "Cases and cost receipts") ----

/** The cost lists (admin) and the Vertelpunt's signifier lists (admin and quality). */
export type ListName =
  'cost_category' | 'payer' | 'story_topic' | 'story_valuation' | 'story_archetype' | 'story_prompt';
export interface ListValue {
  id: number;
  code: string;
  label: string;
  /** The English label (the story_* lists); the Dutch label when there is none. */
  label_en?: string;
  active: boolean;
  position: number;
  /** The story_* lists: who is offered the value on the vertelpunt's forms. */
  audience?: Audience;
  /** The story_* lists: the words residents see on the public form; "" = the label. */
  public_label?: string;
}
/** `all`: staff and residents; `staff`: only staff's form and filters; `public`: only the residents' form. */
export type Audience = 'all' | 'staff' | 'public';
export const AUDIENCES: readonly Audience[] = ['all', 'staff', 'public'];
export interface ListValueInput {
  label: string;
  code?: string;
  label_en?: string;
  audience?: Audience;
  public_label?: string;
}
export type ListValuePatch = Partial<{
  label: string;
  label_en: string;
  active: boolean;
  position: number;
  audience: Audience;
  public_label: string;
}>;

export interface GroupRef {
  id: number;
  name: string;
}
export interface Programme {
  id: number;
  slug: string;
  name: string;
  description: string;
  start_date: string;
  city_wide: boolean;
  team: TeamRef | null;
  active: boolean;
  groups: GroupRef[];
}
export interface ProgrammeInput {
  name: string;
  slug?: string;
  description?: string;
  start_date: string;
  team_id?: number | null;
}
export type ProgrammePatch = Partial<{
  name: string;
  description: string;
  start_date: string;
  team_id: number | null;
  active: boolean;
}>;

export type CaseStatus = 'lopend' | 'zo_goed_als_afgerond' | 'afgerond';
export const CASE_STATUSES: readonly CaseStatus[] = ['lopend', 'zo_goed_als_afgerond', 'afgerond'];

export interface Totals {
  oud_cents: number;
  nieuw_cents: number;
  saving_cents: number;
}
export interface PersonRef {
  id: number;
  name: string;
}
export interface CaseSummary {
  id: number;
  reference: string;
  team: TeamRef;
  programme: { id: number; name: string };
  group: GroupRef | null;
  owner: PersonRef | null;
  status: CaseStatus;
  start_date: string;
  totals: Totals;
  updated_at: string;
}
export interface Warning {
  field: string;
  title: string;
  detail: string;
}
export interface StatusEntry {
  status: CaseStatus;
  date: string;
  recorded_at: string;
  recorded_by: PersonRef | null;
}
export interface Case extends CaseSummary {
  plan: string;
  status_history: StatusEntry[];
  warnings: Warning[];
}
export interface CasePage {
  items: CaseSummary[];
  /** Counted up to 10,000: with `total_exact` false the filter finds more (and this is 10,000). */
  total: number;
  total_exact: boolean;
  /** Pass as `cursor` for the next page (by reference); null on the last page. */
  next_cursor: string | null;
}
export interface CaseInput {
  reference: string;
  team_id: number;
  programme_id: number;
  group?: string | null;
  owner_id?: number | null;
  start_date: string;
  plan?: string;
  status?: CaseStatus;
  status_date?: string;
}
export type CasePatch = Partial<CaseInput>;
export interface CaseQuery {
  programme?: number | string | null;
  team?: number | string | null;
  status?: string | null;
  q?: string | null;
  limit?: number;
  /** At most 10,000; not with `cursor`. */
  offset?: number;
  /** The `next_cursor` of the page before; not with `offset`. */
  cursor?: string | null;
}

export interface LineIn {
  category_id: number;
  payer_id: number;
  description: string;
  amount_cents: number;
}
export interface Line {
  id: number;
  category: { id: number; label: string };
  payer: { id: number; label: string };
  description: string;
  amount_cents: number;
}
export interface Receipt {
  case_id: number;
  oud: Line[];
  nieuw: Line[];
  totals: Totals;
  negative_saving: boolean;
  warnings: Warning[];
}
export type Side = 'oud' | 'nieuw';

export interface SummaryRow {
  case_id: number;
  reference: string;
  status: CaseStatus;
  nieuw_cents: number;
  oud_cents: number;
  saving_cents: number;
}
export interface SummaryGroup {
  group: GroupRef | null;
  rows: SummaryRow[];
  totals: Totals;
}
export interface Summary {
  programme: { id: number; name: string; start_date: string };
  reference_date: string;
  groups: SummaryGroup[];
  totals: Totals;
  running_cases: number;
  by_category: ({ category: { id: number; label: string } } & Totals)[];
  by_payer: ({ payer: { id: number; label: string } } & Totals)[];
}
export interface ImportResult {
  dry_run: boolean;
  rows: number;
  cases_created: number;
  cases_updated: number;
  groups_created: number;
  lines: number;
}

// ---- Annual report (docs/api.md, "Annual report (activiteitenverslag)") ----

export type ReportFormat = 'html' | 'json' | 'xlsx' | 'pdf';
export interface ReportCell {
  /** As the report shows it, e.g. `€ 10.577` or `Totaal alle groepen`. */
  text: string;
  cents?: number;
  value?: number;
  /** A page of this app with the records behind the figure (director and quality only). */
  link?: string;
}
export interface ReportRow {
  total: boolean;
  cells: ReportCell[];
}
export interface ReportTable {
  id: string;
  title: string;
  columns: string[];
  rows: ReportRow[];
}
export interface ReportSection {
  heading: string;
  paragraphs: string[];
  tables: ReportTable[];
}
export interface ReportChapter {
  number: number;
  key: string;
  title: string;
  /** The chapter's text (Markdown) as written in the app; null: not written yet. */
  text: string | null;
  sections: ReportSection[];
}
/** `GET /api/v1/reports/years`: the organisation's first data year to this year, and the last full year. */
export interface ReportYears {
  years: number[];
  default: number;
}
export interface Report {
  year: number;
  organisation: string;
  reference_date: string;
  chapters: ReportChapter[];
}
export interface ReportText {
  year: number;
  chapter: string;
  body: string | null;
}

// ---- Errors ----

// ---- Vertelpunt: stories and their dashboard (docs/api.md, "Vertelpunt") ----

export type TellerKind = 'medewerker' | 'inwoner' | 'ketenpartner';
export const TELLER_KINDS: readonly TellerKind[] = ['medewerker', 'inwoner', 'ketenpartner'];
export type StoryStatus = 'published' | 'pending' | 'rejected';

/** A signifier value (topic, valuation, archetype, prompt). */
export interface SignValue {
  id: number;
  code: string;
  label: string;
  label_en: string;
}
/** The four signifier lists as a form offers them. */
export interface Signs {
  topics: SignValue[];
  valuations: SignValue[];
  archetypes: SignValue[];
  prompts: SignValue[];
}
/** The public form (/vertel/{org}): the values offered to residents, in their words. */
export interface StoryForm extends Signs {
  organisation: { name: string; slug: string };
  /** The organisation's own privacy text for residents, or the application's default naming it. */
  privacy_note?: string;
  /** The logo's public address (changes with each new logo), or null. */
  logo?: string | null;
}
export interface Story {
  id: number;
  title: string;
  text: string;
  date: string;
  teller_kind: TellerKind;
  team: TeamRef | null;
  topic: SignValue | null;
  valuation: SignValue | null;
  archetypes: SignValue[];
  answers: { prompt: SignValue; text: string }[];
  signed_by: PersonRef | null;
  status: StoryStatus;
  source: 'staff' | 'public';
  moderation: { decision: string; reason: string | null; decided_at: string; decided_by: PersonRef | null } | null;
  created_at: string;
  /** Personal data in a story waiting for moderation, for the moderator to black out. */
  personal_data: PersonalDataFlag[];
  warnings?: Warning[];
}
export type PersonalDataKind = 'email' | 'phone' | 'address' | 'nine_digits';
export interface PersonalDataFlag {
  /** title, text or answers[i].text */
  field: string;
  kind: PersonalDataKind;
  passage: string;
}
export interface Redaction {
  field: string;
  passage: string;
}
export interface StoryInput {
  title: string;
  text: string;
  date: string;
  teller_kind: TellerKind;
  team_id?: number;
  topic_id: number;
  valuation_id: number;
  archetype_ids?: number[];
  answers?: { prompt_id: number; text: string }[];
  signed?: boolean;
}
export interface PublicStoryInput {
  title: string;
  text: string;
  topic_id?: number;
  valuation_id?: number;
  archetype_ids?: number[];
  answers?: { prompt_id: number; text: string }[];
  website: string;
}
export interface StoryQuery {
  from?: string | null;
  to?: string | null;
  team?: number | string | null;
  teller?: string | null;
  topic?: number | string | null;
  valuation?: number | string | null;
  status?: string | null;
  q?: string | null;
  limit?: number;
  /** At most 10,000; not with `cursor`. */
  offset?: number;
  /** The `next_cursor` of the page before; not with `offset`. */
  cursor?: string | null;
}
export interface StoryPage {
  items: Story[];
  /** Counted up to 10,000: with `total_exact` false the filter finds more (and this is 10,000). */
  total: number;
  total_exact: boolean;
  /** Pass as `cursor` for the next page; null on the last page. */
  next_cursor: string | null;
}
export interface Bucket {
  code: string;
  label: string;
  label_en: string;
  count: number;
  share: number;
}
export interface Change {
  code: string;
  label: string;
  label_en: string;
  count_now: number;
  count_before: number;
  share_now: number;
  share_before: number;
  points: number;
}
export interface StatsPeriod {
  from: string;
  to: string;
  count: number;
  topics: Bucket[];
  valuations: Bucket[];
  archetypes: Bucket[];
}
export interface Stats {
  period: StatsPeriod;
  comparison: StatsPeriod | null;
  changes: { topics: Change[]; valuations: Change[]; archetypes: Change[] } | null;
}
export interface StatsQuery {
  from: string;
  to: string;
  team?: number | string | null;
  teller?: string | null;
  compare_from?: string | null;
  compare_to?: string | null;
}

// ---- Vertelpunt: sense-making, best practices, export, views (docs/api.md, "issue 4, part 2") ----

/** A colleague to choose as facilitator, participant or owner (`GET /api/v1/colleagues`). */
export type Colleague = PersonRef;

/** A session's saved filter: the story list's query (ids as numbers). */
export interface StoryFilterQuery {
  from?: string;
  to?: string;
  team?: number;
  teller?: string;
  topic?: number;
  valuation?: number;
  q?: string;
}
export type SessionStatus = 'open' | 'closed';
export interface SessionRef {
  id: number;
  title: string;
  date: string;
}
export interface SessionSummary extends SessionRef {
  facilitator: PersonRef;
  status: SessionStatus;
  story_count: number;
  theme_count: number;
  action_count: number;
  open_action_count: number;
}
export interface StoryBrief {
  id: number;
  title: string;
  date: string;
  teller_kind: TellerKind;
  topic: SignValue | null;
  valuation: SignValue | null;
}
export interface Theme {
  id: number;
  title: string;
  description: string | null;
  story_ids: number[];
  warnings?: Warning[];
}
export type ActionStatus = 'open' | 'in_progress' | 'done' | 'dropped';
export const ACTION_STATUSES: readonly ActionStatus[] = ['open', 'in_progress', 'done', 'dropped'];
export type OutcomeKind = 'method' | 'procedure' | 'training' | 'other';
export const OUTCOME_KINDS: readonly OutcomeKind[] = ['method', 'procedure', 'training', 'other'];
export interface Action {
  id: number;
  session: SessionRef;
  theme_id: number | null;
  description: string;
  owner: PersonRef;
  due_date: string;
  status: ActionStatus;
  outcome_kind: OutcomeKind | null;
  outcome: string | null;
  overdue: boolean;
  closed_at: string | null;
  created_at: string;
  warnings?: Warning[];
}
export interface Session extends SessionSummary {
  participants: PersonRef[];
  other_participants: string | null;
  notes: string | null;
  conclusion: string | null;
  closed_at: string | null;
  closed_by: PersonRef | null;
  selection: 'filter' | 'hand_picked';
  story_filter: StoryFilterQuery | null;
  /** The first 200 stories the session looks at. */
  stories: StoryBrief[];
  themes: Theme[];
  actions: Action[];
  created_at: string;
  updated_at: string;
  warnings?: Warning[];
}
export interface SessionInput {
  title: string;
  date: string;
  facilitator_id: number;
  participant_ids?: number[];
  other_participants?: string;
  story_filter?: StoryFilterQuery;
  story_ids?: number[];
  notes?: string;
}
export interface SessionQuery {
  from?: string | null;
  to?: string | null;
  status?: SessionStatus | '' | null;
  /** Only the sessions that looked at this story (those a best practice may cite). */
  story?: number;
  limit?: number;
  offset?: number;
}
export interface ThemeInput {
  title: string;
  description?: string;
  story_ids?: number[];
}
export interface ActionInput {
  description: string;
  owner_id: number;
  due_date: string;
  theme_id?: number;
}
export type ActionPatch = Partial<{
  status: ActionStatus;
  outcome_kind: OutcomeKind;
  outcome: string;
  due_date: string;
  owner_id: number;
  description: string;
}>;
export interface ActionQuery {
  owner?: 'me' | number | null;
  open?: boolean | null;
  overdue?: boolean | null;
  session?: number | null;
  limit?: number;
  offset?: number;
}
/** A list paged by offset only (at most 10,000: the server answers 400 beyond). */
export interface Paged<T> {
  items: T[];
  /** Counted up to 10,000: with `total_exact` false there are more (and this is 10,000). */
  total: number;
  total_exact: boolean;
}
export interface BestPractice {
  id: number;
  title: string;
  summary: string;
  status: 'concept';
  story: SessionRef;
  session: SessionRef | null;
  created_by: PersonRef;
  created_at: string;
  /** The draft methodiek it became in the knowledge base (newer servers). */
  knowledge_item?: { id: number; status: KnowledgeStatus } | null;
}
export interface BestPracticeInput {
  title?: string;
  summary: string;
  session_id?: number;
}
export interface ModuleViews {
  year: number;
  modules: { module: string; total: number; months: { month: string; views: number }[] }[];
}

// ---- Kennisbank: the knowledge base (docs/api.md, "Kennisbank — knowledge base") ----

export type KnowledgeCategory = 'methodiek' | 'document' | 'procedure' | 'richtlijn';
export const KNOWLEDGE_CATEGORIES: readonly KnowledgeCategory[] = ['methodiek', 'document', 'procedure', 'richtlijn'];
/** An item's status; a version can also be `vervangen` (replaced by a newer published one). */
export type KnowledgeStatus = 'concept' | 'ter_review' | 'gepubliceerd' | 'gearchiveerd';
export const KNOWLEDGE_STATUSES: readonly KnowledgeStatus[] = ['concept', 'ter_review', 'gepubliceerd', 'gearchiveerd'];

export interface KnowledgeVersion {
  version: number;
  status: KnowledgeStatus | 'vervangen';
  category: KnowledgeCategory;
  title: string;
  tags: string[];
  author: PersonRef | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  reviewed_at: string | null;
  reviewed_by: PersonRef | null;
  review_remark: string | null;
  body: string;
  body_html: string;
}
/** One "still right as it is": who, when, with which version, and the review-by date it moved. */
export interface KnowledgeVerification {
  id: number;
  version: number;
  at: string;
  by: PersonRef | null;
  remark: string | null;
  review_by_before: string | null;
  review_by_after: string;
}
/** Averages with one decimal (null without ratings) of the current published version. */
export interface RatingSummary {
  version: number | null;
  count: number;
  juistheid: number | null;
  volledigheid: number | null;
}
export interface MyRating {
  juistheid: number;
  volledigheid: number;
  remark: string | null;
}
export interface RatingRemark extends MyRating {
  by: PersonRef;
  updated_at: string;
}
export interface Ratings extends RatingSummary {
  mine: MyRating | null;
  /** Only for the owner and quality staff; [] for everyone else. */
  remarks: RatingRemark[];
}
export interface RatingInput {
  juistheid: number;
  volledigheid: number;
  remark?: string;
}
export interface Attachment {
  id: number;
  name: string;
  content_type: string;
  size: number;
  uploaded_by: PersonRef | null;
  uploaded_at: string;
}
/** What the caller may do with an item (part 2 of the API; older servers leave it out). */
export interface KnowledgeCan {
  edit: boolean;
  submit: boolean;
  publish: boolean;
  return: boolean;
  archive: boolean;
  verify: boolean;
  rate: boolean;
}
export interface KnowledgeSummary {
  id: number;
  status: KnowledgeStatus;
  category: KnowledgeCategory;
  title: string;
  tags: string[];
  owner: PersonRef | null;
  /** The status of a draft beside the published version (editors only), else null. */
  draft_status?: KnowledgeStatus | null;
  review_by: string | null;
  overdue: boolean;
  updated_at?: string;
}
export interface KnowledgeItem extends KnowledgeSummary {
  body: string;
  body_html: string;
  version: number;
  published_version: number | null;
  /** A draft beside the published version, for editors; null otherwise. */
  draft: KnowledgeVersion | null;
  created_at: string;
  updated_at: string;
  warnings?: Warning[];
  // Part 2 (may be missing on an older server):
  last_verified?: { at: string; by: PersonRef | null; remark: string | null } | null;
  ratings?: RatingSummary | null;
  my_rating?: MyRating | null;
  attachments?: Attachment[];
  source?: { story: { id: number; title: string } | null; session: { id: number; title: string } | null } | null;
  can?: KnowledgeCan;
}
export interface KnowledgeInput {
  category: KnowledgeCategory;
  title: string;
  body?: string;
  tags?: string[];
  owner_id?: number;
}
export type KnowledgePatch = Partial<KnowledgeInput>;
export interface KnowledgeQuery {
  category?: string | null;
  tag?: string | null;
  status?: string | null;
  owner?: 'me' | number | null;
  limit?: number;
  offset?: number;
}
export interface KnowledgeSearchQuery {
  q: string;
  category?: string | null;
  tag?: string | null;
  status?: string | null;
  limit?: number;
  offset?: number;
}
export interface KnowledgeHit {
  id: number;
  title: string;
  category: KnowledgeCategory;
  status: KnowledgeStatus;
  tags: string[];
  /** Escaped text with the matching words in <mark>: safe to set as HTML. */
  snippet_html: string;
  review_by: string | null;
  overdue: boolean;
}
export interface KnowledgeSearchResult {
  items: KnowledgeHit[];
  total: number;
  /** Categories count every match; tags the best `tags_counted_over` (all of them up to 200). */
  facets: {
    categories: { category: KnowledgeCategory; count: number }[];
    tags: { tag: string; count: number }[];
    tags_counted_over: number;
  };
}
export interface DueItem extends KnowledgeSummary {
  /** Negative when overdue. */
  days_left: number;
}
export interface RatedItem extends KnowledgeSummary {
  ratings: RatingSummary;
}
export type DiffOp = 'equal' | 'insert' | 'delete' | 'skip';
export interface DiffLine {
  op: DiffOp;
  text: string;
  /** For `skip`: how many unchanged lines are folded. */
  count?: number;
}
export interface KnowledgeDiff {
  from: number;
  to: number;
  fields: { field: 'title' | 'category' | 'tags'; from: unknown; to: unknown }[];
  lines: DiffLine[];
  inserted: number;
  deleted: number;
}
export interface MostConsulted {
  year: number;
  items: { id: number; title: string; category: KnowledgeCategory; views: number }[];
  categories: { category: KnowledgeCategory; views: number }[];
  total: number;
}
export interface OrganisationSettings {
  knowledge_coach_authors: boolean;
  /** The privacy text on the public story form (up to 2000 characters); "" = the default text. */
  public_privacy_note?: string;
}
/** The answer to uploading a logo. */
export interface LogoAnswer {
  content_type: string;
  size: number;
}

export interface FieldProblem {
  /** JSON path of the offending field, e.g. `email` or `roles[1]`. */
  field: string;
  /** Dutch message. */
  title: string;
  /** English message. */
  detail: string;
  /** Import errors: the CSV row (1 is the header) and column name. */
  row?: number;
  column?: string;
}

/** A failed API call: the server's problem+json, or a stand-in for network trouble. */
export class ApiError extends Error {
  readonly status: number;
  /** The problem type, e.g. `urn:wijkkader:problem:validation`; `network` when no answer came. */
  readonly type: string;
  /** Dutch message from the server ('' when the answer carried none). */
  readonly title: string;
  /** English message from the server ('' when the answer carried none). */
  readonly detail: string;
  readonly errors: FieldProblem[];
  /** Seconds from a Retry-After header (429), or null. */
  readonly retryAfter: number | null;

  constructor(init: {
    status: number;
    type?: string;
    title?: string;
    detail?: string;
    errors?: FieldProblem[];
    retryAfter?: number | null;
  }) {
    super(init.detail || init.title || `HTTP ${init.status}`);
    this.name = 'ApiError';
    this.status = init.status;
    this.type = init.type ?? 'about:blank';
    this.title = init.title ?? '';
    this.detail = init.detail ?? '';
    this.errors = init.errors ?? [];
    this.retryAfter = init.retryAfter ?? null;
  }

  /** The last part of the problem type: `validation`, `conflict`, `csrf`, … */
  get kind(): string {
    const i = this.type.lastIndexOf(':');
    return i >= 0 ? this.type.slice(i + 1) : this.type;
  }
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Seconds from a Retry-After header: a number of seconds or an HTTP date. */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const when = Date.parse(trimmed);
  if (Number.isNaN(when)) return null;
  return Math.max(0, Math.ceil((when - now) / 1000));
}

/**
 * Turns an error answer into an ApiError. Understands `application/problem+json`
 * (RFC 9457, with Wijkkader's `errors` list); anything else (an HTML error page from a
 * proxy, broken JSON) gives an ApiError with only the status, so that the UI falls
 * back to its own generic message.
 */
export function parseProblem(
  status: number,
  contentType: string | null | undefined,
  body: string,
  retryAfterHeader?: string | null,
): ApiError {
  const retryAfter = parseRetryAfter(retryAfterHeader);
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/problem+json' && mediaType !== 'application/json') {
    return new ApiError({ status, retryAfter });
  }
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return new ApiError({ status, retryAfter });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return new ApiError({ status, retryAfter });
  }
  const obj = data as Record<string, unknown>;
  const errors: FieldProblem[] = Array.isArray(obj.errors)
    ? obj.errors
        .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
        .map((e) => {
          const p: FieldProblem = { field: str(e.field), title: str(e.title), detail: str(e.detail) };
          if (typeof e.row === 'number') p.row = e.row;
          if (typeof e.column === 'string') p.column = e.column;
          return p;
        })
    : [];
  return new ApiError({
    status: typeof obj.status === 'number' ? obj.status : status,
    type: str(obj.type) || 'about:blank',
    title: str(obj.title),
    detail: str(obj.detail),
    errors,
    retryAfter,
  });
}

/** `roles[1]` → `roles`, `district_id` → `district_id`, `a.b` → `a`. */
export function baseField(path: string): string {
  const m = /^[^.[\]]+/.exec(path.trim());
  return m ? m[0] : path;
}

/** The server's message in the UI language: Dutch `title`, English `detail`. */
export function problemMessage(err: ApiError, lang: Lang): string {
  return lang === 'nl' ? err.title || err.detail : err.detail || err.title;
}

/**
 * Per-field messages, keyed by the top-level field name (several problems with one
 * field are joined). Fields in the UI are named after the API's fields.
 */
export function fieldMessages(err: ApiError, lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of err.errors) {
    const key = baseField(e.field);
    const msg = lang === 'nl' ? e.title || e.detail : e.detail || e.title;
    if (!msg) continue;
    out[key] = out[key] && out[key] !== msg ? `${out[key]} ${msg}` : msg;
  }
  return out;
}

// ---- The client ----

let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}
export function getCsrfToken(): string | null {
  return csrfToken;
}
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface RequestOptions {
  body?: unknown;
  /** Bytes sent as they are (a file), with their own Content-Type, instead of a JSON body. */
  raw?: Blob;
  /** Do not treat 401 as "session gone" (the log-in call: 401 means wrong password). */
  expect401?: boolean;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.raw !== undefined) headers['Content-Type'] = options.raw.type || 'application/octet-stream';
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
  } catch {
    throw new ApiError({ status: 0, type: 'network' });
  }

  if (res.ok) {
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  const err = parseProblem(
    res.status,
    res.headers.get('Content-Type'),
    await res.text(),
    res.headers.get('Retry-After'),
  );
  if (res.status === 401 && !options.expect401) {
    csrfToken = null;
    unauthorizedHandler?.();
  }
  throw err;
}

/**
 * Sends a file as it is (raw bytes, `text/csv`) with XMLHttpRequest, so that upload
 * progress can be shown; same CSRF, problem+json and 401 handling as request().
 */
export function uploadFile<T>(
  path: string,
  file: Blob,
  onProgress?: (loaded: number, total: number) => void,
  contentType = 'text/csv',
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('Content-Type', contentType);
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    if (onProgress) {
      xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    }
    xhr.onerror = () => reject(new ApiError({ status: 0, type: 'network' }));
    xhr.onabort = () => reject(new ApiError({ status: 0, type: 'network' }));
    xhr.onload = () => {
      const text = xhr.responseText;
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve((text ? JSON.parse(text) : undefined) as T);
        } catch {
          reject(new ApiError({ status: xhr.status }));
        }
        return;
      }
      const err = parseProblem(
        xhr.status,
        xhr.getResponseHeader('Content-Type'),
        text,
        xhr.getResponseHeader('Retry-After'),
      );
      if (xhr.status === 401) {
        csrfToken = null;
        unauthorizedHandler?.();
      }
      reject(err);
    };
    xhr.send(file);
  });
}

export function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** `true` → 'true'; false, null and undefined leave the parameter out. */
function flag(v: boolean | null | undefined): string | null {
  return v ? 'true' : null;
}

export const api = {
  async login(email: string, password: string): Promise<LoginAnswer> {
    const answer = await request<LoginAnswer>('POST', '/api/v1/session', {
      body: { email, password },
      expect401: true,
    });
    setCsrfToken(answer.csrf_token ?? answer.user.csrf_token ?? null);
    return answer;
  },
  async logout(): Promise<void> {
    try {
      await request<void>('DELETE', '/api/v1/session', { expect401: true });
    } finally {
      setCsrfToken(null);
    }
  },
  /** The current session's user; also (re)learns the CSRF token. */
  async me(): Promise<Me> {
    const me = await request<Me>('GET', '/api/v1/me');
    if (me.csrf_token) setCsrfToken(me.csrf_token);
    return me;
  },
  /**
   * Changes the caller's own password (`204`). The session it is sent from stays logged in;
   * every other session of the user ends. A wrong current password is `422` on
   * `current_password` and counts as a failed log-in (after 5 in 15 minutes: `429` with Retry-After).
   */
  changeOwnPassword: (current: string, next: string) =>
    request<void>('PUT', '/api/v1/me/password', { body: { current_password: current, new_password: next } }),
  districts: () => request<List<District>>('GET', '/api/v1/districts'),
  teams: () => request<List<Team>>('GET', '/api/v1/teams'),
  createTeam: (input: TeamInput) => request<Team>('POST', '/api/v1/teams', { body: input }),
  updateTeam: (id: number, patch: TeamPatch) => request<Team>('PATCH', `/api/v1/teams/${id}`, { body: patch }),
  users: (params: UserQuery = {}) => request<Paged<User>>('GET', `/api/v1/users${query({ ...params })}`),
  createUser: (input: UserInput) => request<User>('POST', '/api/v1/users', { body: input }),
  updateUser: (id: number, patch: UserPatch) => request<User>('PATCH', `/api/v1/users/${id}`, { body: patch }),
  /** Newest first by time; `actor` a user id, `from`/`to` ISO days in the Netherlands. */
  audit: (params: {
    limit?: number;
    before?: number | null;
    entity?: string | undefined;
    entity_id?: number;
    actor?: number | undefined;
    from?: string | undefined;
    to?: string | undefined;
  }) => request<AuditPage>('GET', `/api/v1/audit${query(params)}`),
  lists: (list: ListName) => request<List<ListValue>>('GET', `/api/v1/lists/${list}`),
  createListValue: (list: ListName, input: ListValueInput) =>
    request<ListValue>('POST', `/api/v1/lists/${list}`, { body: input }),
  updateListValue: (list: ListName, id: number, patch: ListValuePatch) =>
    request<ListValue>('PATCH', `/api/v1/lists/${list}/${id}`, { body: patch }),
  programmes: () => request<List<Programme>>('GET', '/api/v1/programmes'),
  createProgramme: (input: ProgrammeInput) => request<Programme>('POST', '/api/v1/programmes', { body: input }),
  updateProgramme: (id: number, patch: ProgrammePatch) =>
    request<Programme>('PATCH', `/api/v1/programmes/${id}`, { body: patch }),
  cases: (params: CaseQuery) => request<CasePage>('GET', `/api/v1/cases${query({ ...params })}`),
  case: (id: number) => request<Case>('GET', `/api/v1/cases/${id}`),
  createCase: (input: CaseInput) => request<Case>('POST', '/api/v1/cases', { body: input }),
  updateCase: (id: number, patch: CasePatch) => request<Case>('PATCH', `/api/v1/cases/${id}`, { body: patch }),
  receipt: (caseId: number) => request<Receipt>('GET', `/api/v1/cases/${caseId}/receipt`),
  saveReceipt: (caseId: number, body: { oud: LineIn[]; nieuw: LineIn[] }) =>
    request<Receipt>('PUT', `/api/v1/cases/${caseId}/receipt`, { body }),
  summary: (params: { programme: number; reference_date?: string; team?: number | null }) =>
    request<Summary>('GET', `/api/v1/receipts/summary${query(params)}`),
  importReceipts: (file: Blob, dryRun: boolean, onProgress?: (loaded: number, total: number) => void) =>
    uploadFile<ImportResult>(`/api/v1/receipts/import${dryRun ? '?dry_run=true' : ''}`, file, onProgress),
  exportUrl: (programme: number, format: 'csv' | 'xlsx') => `/api/v1/receipts/export${query({ programme, format })}`,
  reportYears: () => request<ReportYears>('GET', '/api/v1/reports/years'),
  report: (year: number, referenceDate: string) => request<Report>('GET', reportUrl(year, 'json', referenceDate)),
  reportText: (year: number, chapter: string) =>
    request<ReportText>('GET', `/api/v1/reports/${year}/texts/${encodeURIComponent(chapter)}`),
  saveReportText: (year: number, chapter: string, body: string) =>
    request<ReportText>('PUT', `/api/v1/reports/${year}/texts/${encodeURIComponent(chapter)}`, { body: { body } }),
  stories: (params: StoryQuery) => request<StoryPage>('GET', `/api/v1/stories${query({ ...params })}`),
  story: (id: number) => request<Story>('GET', `/api/v1/stories/${id}`),
  createStory: (input: StoryInput) => request<Story>('POST', '/api/v1/stories', { body: input }),
  moderateStory: (id: number, decision: 'accept' | 'reject', reason?: string, redact: Redaction[] = []) =>
    request<Story>('POST', `/api/v1/stories/${id}/moderation`, {
      body: { decision, ...(reason === undefined ? {} : { reason }), ...(redact.length ? { redact } : {}) },
    }),
  storyStats: (params: StatsQuery) => request<Stats>('GET', `/api/v1/stories/stats${query({ ...params })}`),
  storyExportUrl: (filter: Omit<StoryQuery, 'status' | 'limit' | 'offset' | 'cursor'>, format: 'csv' | 'xlsx') =>
    `/api/v1/stories/export${query({ format, ...filter })}`,
  colleagues: () => request<List<Colleague>>('GET', '/api/v1/colleagues'),
  sessions: (params: SessionQuery) =>
    request<Paged<SessionSummary>>('GET', `/api/v1/sensemaking-sessions${query({ ...params })}`),
  session: (id: number) => request<Session>('GET', `/api/v1/sensemaking-sessions/${id}`),
  createSession: (input: SessionInput) => request<Session>('POST', '/api/v1/sensemaking-sessions', { body: input }),
  /** While the session is open; only the fields that changed. */
  updateSession: (id: number, patch: Partial<SessionInput>) =>
    request<Session>('PATCH', `/api/v1/sensemaking-sessions/${id}`, { body: patch }),
  closeSession: (id: number, conclusion: string) =>
    request<Session>('POST', `/api/v1/sensemaking-sessions/${id}/close`, { body: { conclusion } }),
  createTheme: (sessionId: number, input: ThemeInput) =>
    request<Theme>('POST', `/api/v1/sensemaking-sessions/${sessionId}/themes`, { body: input }),
  updateTheme: (sessionId: number, themeId: number, patch: Partial<ThemeInput>) =>
    request<Theme>('PATCH', `/api/v1/sensemaking-sessions/${sessionId}/themes/${themeId}`, { body: patch }),
  createAction: (sessionId: number, input: ActionInput) =>
    request<Action>('POST', `/api/v1/sensemaking-sessions/${sessionId}/actions`, { body: input }),
  actions: (params: ActionQuery) =>
    request<Paged<Action>>(
      'GET',
      `/api/v1/sensemaking-actions${query({ ...params, open: flag(params.open), overdue: flag(params.overdue) })}`,
    ),
  updateAction: (id: number, patch: ActionPatch) =>
    request<Action>('PATCH', `/api/v1/sensemaking-actions/${id}`, { body: patch }),
  createBestPractice: (storyId: number, input: BestPracticeInput) =>
    request<BestPractice>('POST', `/api/v1/stories/${storyId}/best-practice`, { body: input }),
  bestPractices: (params: { story?: number; limit?: number; offset?: number } = {}) =>
    request<Paged<BestPractice>>('GET', `/api/v1/best-practices${query({ ...params })}`),
  /** Counts one opening of a module's page (`204`). */
  countView: (module: string) => request<void>('POST', '/api/v1/module-views', { body: { module } }),
  moduleViews: (year: number) => request<ModuleViews>('GET', `/api/v1/module-views${query({ year })}`),
  knowledgeList: (params: KnowledgeQuery) =>
    request<Paged<KnowledgeSummary>>('GET', `/api/v1/knowledge${query({ ...params })}`),
  knowledgeSearch: (params: KnowledgeSearchQuery) =>
    request<KnowledgeSearchResult>('GET', `/api/v1/knowledge/search${query({ ...params })}`),
  knowledgeItem: (id: number) => request<KnowledgeItem>('GET', `/api/v1/knowledge/${id}`),
  createKnowledge: (input: KnowledgeInput) => request<KnowledgeItem>('POST', '/api/v1/knowledge', { body: input }),
  /** Only the fields that changed; editing a published item makes a new draft. */
  updateKnowledge: (id: number, patch: KnowledgePatch) =>
    request<KnowledgeItem>('PATCH', `/api/v1/knowledge/${id}`, { body: patch }),
  knowledgePreview: (body: string) =>
    request<{ html: string }>('POST', '/api/v1/knowledge/preview', { body: { body } }),
  /** The workflow: submit, publish, return (with a remark), archive; verification ("still right"). */
  knowledgeStep: (id: number, step: 'submit' | 'publish' | 'return' | 'archive' | 'verification', remark?: string) =>
    request<KnowledgeItem>('POST', `/api/v1/knowledge/${id}/${step}`, remark === undefined ? {} : { body: { remark } }),
  knowledgeVersions: (id: number) => request<List<KnowledgeVersion>>('GET', `/api/v1/knowledge/${id}/versions`),
  /** The item's verifications, newest first. */
  knowledgeVerifications: (id: number) =>
    request<List<KnowledgeVerification>>('GET', `/api/v1/knowledge/${id}/verifications`),
  knowledgeDiff: (id: number, from: number, to: number) =>
    request<KnowledgeDiff>('GET', `/api/v1/knowledge/${id}/diff${query({ from, to })}`),
  knowledgeRatings: (id: number) => request<Ratings>('GET', `/api/v1/knowledge/${id}/ratings`),
  rateKnowledge: (id: number, input: RatingInput) =>
    request<Ratings>('PUT', `/api/v1/knowledge/${id}/rating`, { body: input }),
  /** Counts one opening of the item's page (`204`). */
  countKnowledgeView: (id: number) => request<void>('POST', `/api/v1/knowledge/${id}/view`),
  uploadKnowledgeAttachment: (id: number, file: File, onProgress?: (loaded: number, total: number) => void) =>
    uploadFile<Attachment>(
      `/api/v1/knowledge/${id}/attachments${query({ name: file.name })}`,
      file,
      onProgress,
      file.type || 'application/octet-stream',
    ),
  deleteKnowledgeAttachment: (id: number, attachmentId: number) =>
    request<void>('DELETE', `/api/v1/knowledge/${id}/attachments/${attachmentId}`),
  knowledgeAttachmentUrl: (id: number, attachmentId: number) => `/api/v1/knowledge/${id}/attachments/${attachmentId}`,
  reviewDue: (params: { owner?: 'me' | 'all' | number; within?: number }) =>
    request<{ items: DueItem[]; overdue: number; due: number }>(
      'GET',
      `/api/v1/knowledge/review-due${query({ ...params })}`,
    ),
  lowestRated: (params: { owner?: 'me' | 'all' | number; limit?: number }) =>
    request<List<RatedItem>>('GET', `/api/v1/knowledge/lowest-rated${query({ ...params })}`),
  mostConsulted: (params: { year: number; category?: string | null; limit?: number }) =>
    request<MostConsulted>('GET', `/api/v1/knowledge/most-consulted${query({ ...params })}`),
  organisationSettings: () => request<OrganisationSettings>('GET', '/api/v1/organisation/settings'),
  /** Admin only. */
  updateOrganisationSettings: (patch: Partial<OrganisationSettings>) =>
    request<OrganisationSettings>('PATCH', '/api/v1/organisation/settings', { body: patch }),
  /** Admin only: the file's bytes are the body (PNG, JPEG, GIF or WebP up to 256 KB; 413, 415). */
  uploadLogo: (file: Blob) => request<LogoAnswer>('PUT', '/api/v1/organisation/logo', { raw: file }),
  /** Admin only; 404 when there is none. */
  deleteLogo: () => request<void>('DELETE', '/api/v1/organisation/logo'),
  /** The logo for signed-in staff; `version` makes a new logo a new address. */
  logoUrl: (version: number | string) => `/api/v1/organisation/logo${query({ v: version })}`,
  storyForm: (org: string) => request<StoryForm>('GET', `/api/v1/public/${encodeURIComponent(org)}/form`),
  shareStory: (org: string, input: PublicStoryInput) =>
    request<{ status: string }>('POST', `/api/v1/public/${encodeURIComponent(org)}/stories`, { body: input }),
};

/** The annual report in one of its forms: `/api/v1/reports/2025?format=html&reference_date=2025-12-31`. */
export function reportUrl(year: number, format: ReportFormat, referenceDate: string): string {
  return `/api/v1/reports/${year}${query({ format, reference_date: referenceDate })}`;
}
