// The client for the Wijkkader HTTP API (docs/api.md). Every call goes through
// request(): same-origin cookies, the CSRF header on state-changing methods, and
// problem+json errors turned into ApiError. A 401 on anything but the log-in itself
// calls the handler set with setUnauthorizedHandler (the app goes to /inloggen).

import type { Lang } from '../i18n';
import type { components, operations } from './api-schema';

// ---- Shapes ----
//
// The request and answer shapes come from the API's OpenAPI document
// (docs/openapi.json), turned into TypeScript at build time (`npm run types` writes
// lib/api-schema.d.ts, which is not in git). The names below are the web app's own
// for those schemas; a change in the document that the web code does not follow is
// a compile error. Only the query parameters the client builds itself (`…Query`,
// which also take the empty values of a filter form) are written out here.

type S = components['schemas'];
/** The JSON body of an operation's answer with that status (operations without a named schema). */
type Answer<
  Op extends keyof operations,
  Code extends keyof operations[Op]['responses'],
> = operations[Op]['responses'][Code] extends { content: { 'application/json': infer T } } ? T : never;

export type TeamRef = S['TeamRef'];
export type Organisation = S['OrganisationRef'];
export type Me = S['Me'];
export type District = S['District'];
export type Team = S['Team'];
export type User = S['User'];
/** A list's page by offset: `offset` at most 10,000 (the server answers 400 beyond). */
export interface OffsetQuery {
  limit?: number;
  offset?: number;
}
/** The story and case lists also page by cursor. */
export interface CursorQuery extends OffsetQuery {
  /** The `next_cursor` of the page before; not with `offset`. */
  cursor?: string | null;
}
/** `GET /api/v1/users`: by name, then id; a page of up to 500, by offset only. */
export interface UserQuery extends OffsetQuery {
  /** A part of the name or e-mail address, in any case (the server reads the first 100 characters). */
  q?: string | null;
  /** 1–500; the server's default is 500. */
  limit?: number;
}
export type AuditEntry = S['AuditEntry'];
export interface List<T> {
  items: T[];
}
export type AuditPage = S['AuditPage'];
export type LoginAnswer = S['SessionAnswer'];
export type TeamInput = S['TeamCreate'];
export type TeamPatch = S['TeamUpdate'];
export type UserInput = S['UserCreate'];
export type UserPatch = S['UserUpdate'];

// ---- Cases and cost receipts ----

/** The cost lists (admin) and the Vertelpunt's signifier lists (admin and quality). */
export type ListName = components['parameters']['ListName'];
export type ListValue = S['ListValue'];
/** `all`: staff and residents; `staff`: only staff's form and filters; `public`: only the residents' form. */
export type Audience = ListValue['audience'];
export const AUDIENCES: readonly Audience[] = ['all', 'staff', 'public'];
export type ListValueInput = S['ListValueCreate'];
export type ListValuePatch = S['ListValueUpdate'];

export type GroupRef = S['Ref'];
export type Programme = S['Programme'];
export type ProgrammeInput = S['ProgrammeCreate'];
export type ProgrammePatch = S['ProgrammeUpdate'];

export type CaseStatus = S['CaseStatus'];
export const CASE_STATUSES: readonly CaseStatus[] = ['lopend', 'zo_goed_als_afgerond', 'afgerond'];

export type Totals = S['Totals'];
export type PersonRef = S['Ref'];
export type CaseSummary = S['CaseSummary'];
export type Warning = S['Warning'];
export type StatusEntry = S['StatusEntry'];
export type Case = S['Case'];
export type CasePage = S['CasePage'];
export type CaseInput = S['CaseCreate'];
export type CasePatch = S['CaseUpdate'];
export interface CaseQuery extends CursorQuery {
  programme?: number | string | null;
  team?: number | string | null;
  status?: string | null;
  q?: string | null;
}

export type LineIn = S['LineIn'];
export type Line = S['Line'];
export type Receipt = S['Receipt'];
export type Side = 'oud' | 'nieuw';

export type SummaryRow = S['SummaryRow'];
export type SummaryGroup = S['SummaryGroup'];
export type Summary = S['Summary'];
export type ImportResult = S['ImportReport'];

// ---- Annual report (activiteitenverslag) ----

export type ReportFormat = NonNullable<NonNullable<operations['getReport']['parameters']['query']>['format']>;
export type ReportCell = S['ReportCell'];
export type ReportRow = S['ReportRow'];
export type ReportTable = S['ReportTable'];
export type ReportSection = S['ReportSection'];
export type ReportChapter = S['ReportChapter'];
/** `GET /api/v1/reports/years`: the organisation's first data year to this year, and the last full year. */
export type ReportYears = Answer<'reportYears', 200>;
export type Report = S['Report'];
export type ReportText = S['ReportText'];

// ---- Vertelpunt: stories and their dashboard ----

export type TellerKind = S['TellerKind'];
export const TELLER_KINDS: readonly TellerKind[] = ['medewerker', 'inwoner', 'ketenpartner'];
export function isTellerKind(v: string): v is TellerKind {
  return (TELLER_KINDS as readonly string[]).includes(v);
}
export type StoryStatus = S['StoryStatus'];

/** A signifier value (topic, valuation, archetype, prompt). */
export type SignValue = S['Value'];
/** The public form (/vertel/{org}): the values offered to residents, in their words. */
export type StoryForm = S['PublicForm'];
/** The four signifier lists as a form offers them. */
export type Signs = Pick<StoryForm, 'topics' | 'valuations' | 'archetypes' | 'prompts'>;
export type Story = S['Story'];
export type PersonalDataFlag = S['PersonalDataFlag'];
export type PersonalDataKind = PersonalDataFlag['kind'];
export type Redaction = NonNullable<S['Moderate']['redact']>[number];
export type StoryInput = S['StoryCreate'];
export type PublicStoryInput = S['PublicStoryCreate'];
export interface StoryQuery extends CursorQuery {
  from?: string | null;
  to?: string | null;
  team?: number | string | null;
  teller?: string | null;
  topic?: number | string | null;
  valuation?: number | string | null;
  status?: string | null;
  q?: string | null;
}
export type StoryPage = S['StoryPage'];
export type Bucket = S['Bucket'];
export type Change = S['Change'];
export type StatsPeriod = S['Period'];
export type Stats = S['Stats'];
export interface StatsQuery {
  from: string;
  to: string;
  team?: number | string | null;
  teller?: string | null;
  compare_from?: string | null;
  compare_to?: string | null;
}

// ---- Vertelpunt: sense-making, best practices, export, views ----

/** A colleague to choose as facilitator, participant or owner (`GET /api/v1/colleagues`). */
export type Colleague = PersonRef;

/** A session's saved filter: the story list's query (ids as numbers). */
export type StoryFilterQuery = S['StoryFilter'];
export type SessionStatus = S['SensemakingSessionStatus'];
export type SessionRef = S['DatedRef'];
export type SessionSummary = S['SensemakingSessionSummary'];
export type StoryBrief = S['StoryBrief'];
export type Theme = S['Theme'];
export type ActionStatus = S['ActionStatus'];
export const ACTION_STATUSES: readonly ActionStatus[] = ['open', 'in_progress', 'done', 'dropped'];
export type OutcomeKind = S['OutcomeKind'];
export const OUTCOME_KINDS: readonly OutcomeKind[] = ['method', 'procedure', 'training', 'other'];
export type Action = S['Action'];
export type Session = S['SensemakingSession'];
export type SessionInput = S['SensemakingSessionCreate'];
export type SessionPatch = S['SensemakingSessionUpdate'];
export interface SessionQuery extends OffsetQuery {
  from?: string | null;
  to?: string | null;
  status?: SessionStatus | '' | null;
  /** Only the sessions that looked at this story (those a best practice may cite). */
  story?: number;
}
export type ThemeInput = S['ThemeCreate'];
export type ThemePatch = S['ThemeUpdate'];
export type ActionInput = S['ActionCreate'];
export type ActionPatch = S['ActionUpdate'];
export interface ActionQuery extends OffsetQuery {
  owner?: 'me' | number | null;
  open?: boolean | null;
  overdue?: boolean | null;
  session?: number | null;
}
/** A list paged by offset only (at most 10,000: the server answers 400 beyond); the shape of every `…Page`. */
export type Paged<T> = Omit<S['ActionPage'], 'items'> & { items: T[] };
export type BestPractice = S['BestPractice'];
export type BestPracticeInput = S['BestPracticeCreate'];
export type ModuleViews = S['ModuleViews'];

// ---- Kennisbank: the knowledge base ----

export type KnowledgeCategory = S['KnowledgeCategory'];
export const KNOWLEDGE_CATEGORIES: readonly KnowledgeCategory[] = ['methodiek', 'document', 'procedure', 'richtlijn'];
/** An item's status; a version can also be `vervangen` (replaced by a newer published one). */
export type KnowledgeStatus = S['KnowledgeStatus'];
export const KNOWLEDGE_STATUSES: readonly KnowledgeStatus[] = ['concept', 'ter_review', 'gepubliceerd', 'gearchiveerd'];

export type KnowledgeVersion = S['KnowledgeVersion'];
/** One "still right as it is": who, when, with which version, and the review-by date it moved. */
export type KnowledgeVerification = S['KnowledgeVerification'];
/** Averages with one decimal (null without ratings) of the current published version. */
export type RatingSummary = S['KnowledgeRatingSummary'];
export type MyRating = S['KnowledgeMyRating'];
export type RatingRemark = S['KnowledgeRatingRemark'];
export type Ratings = S['KnowledgeRatings'];
export type RatingInput = S['KnowledgeRatingPut'];
export type Attachment = S['KnowledgeAttachment'];
/** What the caller may do with an item. */
export type KnowledgeCan = S['KnowledgeCan'];
export type KnowledgeSummary = S['KnowledgeItemSummary'];
export type KnowledgeItem = S['KnowledgeItem'];
export type KnowledgeInput = S['KnowledgeItemCreate'];
export type KnowledgePatch = S['KnowledgeItemUpdate'];
export interface KnowledgeQuery extends OffsetQuery {
  category?: string | null;
  tag?: string | null;
  status?: string | null;
  owner?: 'me' | number | null;
}
export interface KnowledgeSearchQuery extends OffsetQuery {
  q: string;
  category?: string | null;
  tag?: string | null;
  status?: string | null;
}
export type KnowledgeHit = S['KnowledgeSearchHit'];
export type KnowledgeSearchResult = S['KnowledgeSearchResult'];
export type DueItem = S['KnowledgeDueItem'];
export type ReviewDue = S['KnowledgeReviewDue'];
export type RatedItem = S['KnowledgeRatedItem'];
export type KnowledgeDiff = S['KnowledgeDiff'];
export type DiffLine = KnowledgeDiff['lines'][number];
export type DiffOp = DiffLine['op'];
export type MostConsulted = S['KnowledgeMostConsulted'];
export type OrganisationSettings = S['OrganisationSettings'];
export type OrganisationSettingsPatch = S['OrganisationSettingsUpdate'];
/** The answer to uploading a logo. */
export type LogoAnswer = Answer<'setOrganisationLogo', 200>;

/** One field's problem in a problem+json answer; import errors also name the CSV row (1 is the header) and column. */
export type FieldProblem = S['FieldError'] & Partial<Pick<S['ImportError'], 'row' | 'column'>>;

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
  districts: () => request<S['DistrictList']>('GET', '/api/v1/districts'),
  teams: () => request<S['TeamList']>('GET', '/api/v1/teams'),
  createTeam: (input: TeamInput) => request<Team>('POST', '/api/v1/teams', { body: input }),
  updateTeam: (id: number, patch: TeamPatch) => request<Team>('PATCH', `/api/v1/teams/${id}`, { body: patch }),
  users: (params: UserQuery = {}) => request<S['UserList']>('GET', `/api/v1/users${query({ ...params })}`),
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
  lists: (list: ListName) => request<S['ListValueList']>('GET', `/api/v1/lists/${list}`),
  createListValue: (list: ListName, input: ListValueInput) =>
    request<ListValue>('POST', `/api/v1/lists/${list}`, { body: input }),
  updateListValue: (list: ListName, id: number, patch: ListValuePatch) =>
    request<ListValue>('PATCH', `/api/v1/lists/${list}/${id}`, { body: patch }),
  programmes: () => request<S['ProgrammeList']>('GET', '/api/v1/programmes'),
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
  colleagues: () => request<S['ColleagueList']>('GET', '/api/v1/colleagues'),
  sessions: (params: SessionQuery) =>
    request<S['SensemakingSessionPage']>('GET', `/api/v1/sensemaking-sessions${query({ ...params })}`),
  session: (id: number) => request<Session>('GET', `/api/v1/sensemaking-sessions/${id}`),
  createSession: (input: SessionInput) => request<Session>('POST', '/api/v1/sensemaking-sessions', { body: input }),
  /** While the session is open; only the fields that changed. */
  updateSession: (id: number, patch: SessionPatch) =>
    request<Session>('PATCH', `/api/v1/sensemaking-sessions/${id}`, { body: patch }),
  closeSession: (id: number, conclusion: string) =>
    request<Session>('POST', `/api/v1/sensemaking-sessions/${id}/close`, { body: { conclusion } }),
  createTheme: (sessionId: number, input: ThemeInput) =>
    request<Theme>('POST', `/api/v1/sensemaking-sessions/${sessionId}/themes`, { body: input }),
  updateTheme: (sessionId: number, themeId: number, patch: ThemePatch) =>
    request<Theme>('PATCH', `/api/v1/sensemaking-sessions/${sessionId}/themes/${themeId}`, { body: patch }),
  createAction: (sessionId: number, input: ActionInput) =>
    request<Action>('POST', `/api/v1/sensemaking-sessions/${sessionId}/actions`, { body: input }),
  actions: (params: ActionQuery) =>
    request<S['ActionPage']>(
      'GET',
      `/api/v1/sensemaking-actions${query({ ...params, open: flag(params.open), overdue: flag(params.overdue) })}`,
    ),
  updateAction: (id: number, patch: ActionPatch) =>
    request<Action>('PATCH', `/api/v1/sensemaking-actions/${id}`, { body: patch }),
  createBestPractice: (storyId: number, input: BestPracticeInput) =>
    request<BestPractice>('POST', `/api/v1/stories/${storyId}/best-practice`, { body: input }),
  bestPractices: (params: OffsetQuery & { story?: number } = {}) =>
    request<S['BestPracticePage']>('GET', `/api/v1/best-practices${query({ ...params })}`),
  /** Counts one opening of a module's page (`204`). */
  countView: (module: string) => request<void>('POST', '/api/v1/module-views', { body: { module } }),
  moduleViews: (year: number) => request<ModuleViews>('GET', `/api/v1/module-views${query({ year })}`),
  knowledgeList: (params: KnowledgeQuery) =>
    request<S['KnowledgeItemPage']>('GET', `/api/v1/knowledge${query({ ...params })}`),
  knowledgeSearch: (params: KnowledgeSearchQuery) =>
    request<KnowledgeSearchResult>('GET', `/api/v1/knowledge/search${query({ ...params })}`),
  knowledgeItem: (id: number) => request<KnowledgeItem>('GET', `/api/v1/knowledge/${id}`),
  createKnowledge: (input: KnowledgeInput) => request<KnowledgeItem>('POST', '/api/v1/knowledge', { body: input }),
  /** Only the fields that changed; editing a published item makes a new draft. */
  updateKnowledge: (id: number, patch: KnowledgePatch) =>
    request<KnowledgeItem>('PATCH', `/api/v1/knowledge/${id}`, { body: patch }),
  knowledgePreview: (body: string) =>
    request<S['KnowledgePreviewHtml']>('POST', '/api/v1/knowledge/preview', { body: { body } }),
  /** The workflow: submit, publish, return (with a remark), archive; verification ("still right"). */
  knowledgeStep: (id: number, step: 'submit' | 'publish' | 'return' | 'archive' | 'verification', remark?: string) =>
    request<KnowledgeItem>('POST', `/api/v1/knowledge/${id}/${step}`, remark === undefined ? {} : { body: { remark } }),
  knowledgeVersions: (id: number) => request<S['KnowledgeVersionList']>('GET', `/api/v1/knowledge/${id}/versions`),
  /** The item's verifications, newest first. */
  knowledgeVerifications: (id: number) =>
    request<S['KnowledgeVerificationList']>('GET', `/api/v1/knowledge/${id}/verifications`),
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
    request<ReviewDue>('GET', `/api/v1/knowledge/review-due${query({ ...params })}`),
  lowestRated: (params: { owner?: 'me' | 'all' | number; limit?: number }) =>
    request<S['KnowledgeRatedList']>('GET', `/api/v1/knowledge/lowest-rated${query({ ...params })}`),
  mostConsulted: (params: { year: number; category?: string | null; limit?: number }) =>
    request<MostConsulted>('GET', `/api/v1/knowledge/most-consulted${query({ ...params })}`),
  organisationSettings: () => request<OrganisationSettings>('GET', '/api/v1/organisation/settings'),
  /** Admin only. */
  updateOrganisationSettings: (patch: OrganisationSettingsPatch) =>
    request<OrganisationSettings>('PATCH', '/api/v1/organisation/settings', { body: patch }),
  /** Admin only: the file's bytes are the body (PNG, JPEG, GIF or WebP up to 256 KB; 413, 415). */
  uploadLogo: (file: Blob) => request<LogoAnswer>('PUT', '/api/v1/organisation/logo', { raw: file }),
  /** Admin only; 404 when there is none. */
  deleteLogo: () => request<void>('DELETE', '/api/v1/organisation/logo'),
  /** The logo for signed-in staff; `version` makes a new logo a new address. */
  logoUrl: (version: number | string) => `/api/v1/organisation/logo${query({ v: version })}`,
  storyForm: (org: string) => request<StoryForm>('GET', `/api/v1/public/${encodeURIComponent(org)}/form`),
  shareStory: (org: string, input: PublicStoryInput) =>
    request<Answer<'sharePublicStory', 202>>('POST', `/api/v1/public/${encodeURIComponent(org)}/stories`, {
      body: input,
    }),
};

/** The annual report in one of its forms: `/api/v1/reports/2025?format=html&reference_date=2025-12-31`. */
export function reportUrl(year: number, format: ReportFormat, referenceDate: string): string {
  return `/api/v1/reports/${year}${query({ format, reference_date: referenceDate })}`;
}
