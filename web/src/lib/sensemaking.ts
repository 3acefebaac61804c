// Duidingssessies (sense-making sessions) without a DOM: the story selection as the API
// takes it (a saved filter or a hand-picked set) and back into the form's fields, a saved
// filter in words, the checks of a session and of closing an action, the changed fields
// of an edited session, and which actions are still open.
import type { Lang, MessageKey, Translate } from '../i18n';
import type {
  ActionPatch,
  ActionStatus,
  OutcomeKind,
  SessionInput,
  SignValue,
  StoryFilterQuery,
  TellerKind,
} from './api';
import { isTellerKind } from './api';
import { dateInputValue, formatCount, formatDate, parseDateInput } from './format';
import { countFound } from './paging';
import { can, type Capable } from './roles';
import { EMPTY_FILTER_FIELDS, readFilterDates, valueLabel, type FilterFields } from './stories';

/** How many stories a story list answer found: `total`, counted up to 10,000 (`total_exact` false beyond). */
export interface FoundCount {
  total: number;
  total_exact: boolean;
}

/** "Dit filter vindt nu 63.412 verhalen." / "… nu meer dan 10.000 verhalen." under a session's filter. */
export function filterCountMessage(t: Translate, lang: Lang, found: FoundCount): string {
  return countFound(
    t,
    lang,
    { one: 'sessionForm.filterCountOne', many: 'sessionForm.filterCount', more: 'sessionForm.filterCountMore' },
    found,
  );
}

/** The story picker's status: "De eerste 50 van (meer dan) 10.000 gevonden verhalen. …" or "12 verhalen gevonden." */
export function pickFoundMessage(t: Translate, lang: Lang, shown: number, found: FoundCount): string {
  const total = formatCount(found.total, lang);
  if (!found.total_exact) return t('sessionForm.pickFoundMoreThan', { shown: formatCount(shown, lang), total });
  if (found.total > shown) return t('sessionForm.pickFoundMore', { shown: formatCount(shown, lang), total });
  return t('sessionForm.pickFound', { count: total });
}

/** A session's saved filter as the API takes it: only what was filled in; ids as numbers. */
export function filterBody(f: FilterFields): { filter: StoryFilterQuery; bad: ('from' | 'to')[] } {
  const { from, to, bad } = readFilterDates(f);
  const filter: StoryFilterQuery = {};
  if (from) filter.from = from;
  if (to) filter.to = to;
  const id = (v: string) => (/^\d{1,15}$/.test(v) ? Number(v) : undefined);
  const team = id(f.team);
  const topic = id(f.topic);
  const valuation = id(f.valuation);
  if (team !== undefined) filter.team = team;
  if (isTellerKind(f.teller)) filter.teller = f.teller;
  if (topic !== undefined) filter.topic = topic;
  if (valuation !== undefined) filter.valuation = valuation;
  if (f.q.trim()) filter.q = f.q.trim();
  return { filter, bad };
}

/** A saved filter back in the form's fields (dates as dd-mm-jjjj), to edit it. */
export function filterFields(filter: StoryFilterQuery | null): FilterFields {
  if (!filter) return { ...EMPTY_FILTER_FIELDS };
  const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  return {
    from: filter.from ? dateInputValue(filter.from) : '',
    to: filter.to ? dateInputValue(filter.to) : '',
    team: text(filter.team),
    teller: text(filter.teller),
    topic: text(filter.topic),
    valuation: text(filter.valuation),
    q: text(filter.q),
  };
}

interface Lookups {
  teams: readonly { id: number; name: string }[];
  topics: readonly SignValue[];
  valuations: readonly SignValue[];
}

/**
 * A saved filter in words, one part per condition: "Van 01-01-2025", "Team Wijkteam
 * Noord", "Zoekt op “schulden”". An unknown id is shown as it is (a team or value
 * retired since, or one this user does not see).
 */
export function describeFilter(filter: StoryFilterQuery | null, look: Lookups, t: Translate, lang: Lang): string[] {
  if (!filter) return [];
  const parts: string[] = [];
  const name = (list: readonly SignValue[], id: number) => {
    const v = list.find((x) => x.id === id);
    return v ? valueLabel(v, lang) : `#${id}`;
  };
  if (filter.from) parts.push(t('sessionFilter.from', { date: formatDate(filter.from, lang) }));
  if (filter.to) parts.push(t('sessionFilter.to', { date: formatDate(filter.to, lang) }));
  if (filter.team !== undefined && filter.team !== null) {
    parts.push(
      t('sessionFilter.team', {
        team: look.teams.find((x) => x.id === Number(filter.team))?.name ?? `#${filter.team}`,
      }),
    );
  }
  if (filter.teller) {
    const known = isTellerKind(filter.teller);
    parts.push(
      t('sessionFilter.teller', {
        teller: known ? t(`teller.${filter.teller as TellerKind}` as MessageKey) : filter.teller,
      }),
    );
  }
  if (filter.topic !== undefined && filter.topic !== null)
    parts.push(t('sessionFilter.topic', { topic: name(look.topics, Number(filter.topic)) }));
  if (filter.valuation !== undefined && filter.valuation !== null) {
    parts.push(t('sessionFilter.valuation', { valuation: name(look.valuations, Number(filter.valuation)) }));
  }
  if (filter.q) parts.push(t('sessionFilter.q', { q: filter.q }));
  return parts;
}

// ---- A new or changed session ----

export type Selection = 'filter' | 'hand_picked';

export interface SessionDraft {
  title: string;
  /** As typed: dd-mm-jjjj (or ISO). */
  date: string;
  facilitatorId: string;
  selection: Selection;
  storyIds: readonly number[];
}

export type SessionProblem = 'title' | 'date' | 'facilitator_id' | 'story_ids';

/** What is missing or wrong before a session is sent, new or changed (the server checks again). */
export function checkSession(d: SessionDraft): Partial<Record<SessionProblem, SessionProblem>> {
  const out: Partial<Record<SessionProblem, SessionProblem>> = {};
  if (!d.title.trim()) out.title = 'title';
  if (!parseDateInput(d.date)) out.date = 'date';
  if (!/^\d+$/.test(d.facilitatorId)) out.facilitator_id = 'facilitator_id';
  if (d.selection === 'hand_picked' && d.storyIds.length === 0) out.story_ids = 'story_ids';
  return out;
}

/** A value compared regardless of order: id lists sorted, object keys sorted. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return JSON.stringify([...v].sort((a, b) => Number(a) - Number(b)));
  if (v && typeof v === 'object')
    return JSON.stringify(Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))));
  return JSON.stringify(v ?? null);
}

/**
 * The PATCH of an edited session: only the fields of `after` that differ from `before`
 * (both the whole form as the API takes it). Participants and hand-picked stories count
 * as sets; switching between a filter and hand-picked sends the new selection.
 */
export function sessionPatch(before: SessionInput, after: SessionInput): Partial<SessionInput> {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    if (canonical(value) !== canonical((before as unknown as Record<string, unknown>)[key])) patch[key] = value;
  }
  return patch as Partial<SessionInput>;
}

// ---- Actions ----

/** Done and dropped actions are final; open and in-progress ones still need someone. */
export function isOpenAction(status: ActionStatus): boolean {
  return status === 'open' || status === 'in_progress';
}

export interface CloseDraft {
  result: 'done' | 'dropped';
  kind: OutcomeKind | '';
  outcome: string;
}

export type CloseProblem = 'outcome_kind' | 'outcome' | 'reason';

/** Done needs what kind of change and what changed; dropped needs why. Field → problem. */
export function checkClose(d: CloseDraft): Partial<Record<'outcome_kind' | 'outcome', CloseProblem>> {
  const out: Partial<Record<'outcome_kind' | 'outcome', CloseProblem>> = {};
  if (d.result === 'done' && !d.kind) out.outcome_kind = 'outcome_kind';
  if (!d.outcome.trim()) out.outcome = d.result === 'done' ? 'outcome' : 'reason';
  return out;
}

/** The PATCH that closes an action. */
export function closeBody(d: CloseDraft): ActionPatch {
  return d.result === 'done'
    ? { status: 'done', outcome_kind: d.kind as OutcomeKind, outcome: d.outcome.trim() }
    : { status: 'dropped', outcome: d.outcome.trim() };
}

/** A date `days` after an ISO date (the default due date of a new action: two weeks on). */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** May this user move the action on (start it, close it)? Its owner and quality staff. */
export function mayUpdateAction(
  me: { id: number } & Capable,
  action: { owner: { id: number }; status: ActionStatus },
): boolean {
  return isOpenAction(action.status) && (action.owner.id === me.id || can(me, 'run_sessions'));
}
