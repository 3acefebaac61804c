// Kennisbank helpers without a DOM: the browse page's filter in the URL, what the
// caller may do with an item (the server's `can`, or the same rules worked out here for
// a server that does not send it yet), the version being worked on, the version diff
// with line numbers, tags as typed, the changed fields of an edited item, averages
// the Dutch way.
import type {
  DiffLine,
  DiffOp,
  KnowledgeCan,
  KnowledgeCategory,
  KnowledgeInput,
  KnowledgeItem,
  KnowledgePatch,
  KnowledgeStatus,
  Me,
} from './api';
import { KNOWLEDGE_CATEGORIES, KNOWLEDGE_STATUSES } from './api';
import { oneDecimal } from './format';
import { offsetQuery } from './paging';
import { can } from './roles';

// ---- The browse page's filter in the URL: /kennisbank?zoek=woning&categorie=procedure&tag=wonen&status=concept&vanaf=20 ----

export interface KnowledgeFilter {
  /** The search text ('' lists the items instead of searching). */
  q: string;
  category: KnowledgeCategory | '';
  tag: string;
  /** '' (the server's default) or one status (quality staff). */
  status: KnowledgeStatus | '';
  offset: number;
}

export const EMPTY_KNOWLEDGE_FILTER: KnowledgeFilter = { q: '', category: '', tag: '', status: '', offset: 0 };

export function knowledgeFilterFromSearch(search: string): KnowledgeFilter {
  const p = new URLSearchParams(search);
  const category = p.get('categorie') ?? '';
  const status = p.get('status') ?? '';
  return {
    q: (p.get('zoek') ?? '').slice(0, 200),
    category: (KNOWLEDGE_CATEGORIES as readonly string[]).includes(category) ? (category as KnowledgeCategory) : '',
    tag: normaliseTag(p.get('tag') ?? ''),
    status: (KNOWLEDGE_STATUSES as readonly string[]).includes(status) ? (status as KnowledgeStatus) : '',
    offset: offsetQuery(search),
  };
}

export function searchFromKnowledgeFilter(f: KnowledgeFilter): string {
  const p = new URLSearchParams();
  if (f.q.trim()) p.set('zoek', f.q.trim());
  if (f.category) p.set('categorie', f.category);
  if (f.tag) p.set('tag', f.tag);
  if (f.status) p.set('status', f.status);
  if (f.offset > 0) p.set('vanaf', String(f.offset));
  const s = p.toString();
  return s ? `?${s}` : '';
}

// ---- Tags ----

/** A tag as the server keeps it: trimmed, lower case, at most 40 characters. */
export function normaliseTag(tag: string): string {
  return tag.trim().toLowerCase().slice(0, 40);
}

/** "Wonen, urgentie ,wonen" → ['wonen', 'urgentie']: split on commas, empty parts and duplicates dropped. */
export function parseTags(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[,;\n]/)) {
    const tag = part.trim().toLowerCase();
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

/** The fields of an edited item that differ from what it had (tags compared as lists). */
export function knowledgePatch(before: KnowledgeInput, after: KnowledgeInput): KnowledgePatch {
  const patch: KnowledgePatch = {};
  if (before.category !== after.category) patch.category = after.category;
  if (before.title !== after.title) patch.title = after.title;
  if ((before.body ?? '') !== (after.body ?? '')) patch.body = after.body ?? '';
  if ((before.tags ?? []).join('\u0000') !== (after.tags ?? []).join('\u0000')) patch.tags = after.tags ?? [];
  if (after.owner_id !== undefined && before.owner_id !== after.owner_id) patch.owner_id = after.owner_id;
  return patch;
}

// ---- The workflow ----

/** The version someone is working on: a draft beside the published version, or the item itself before it was ever published. */
export interface Working {
  version: number;
  status: 'concept' | 'ter_review';
  /** True when a published version exists beside it (readers see that one). */
  beside: boolean;
}

export function workingVersion(item: Pick<KnowledgeItem, 'draft' | 'status' | 'version'>): Working | null {
  if (item.draft && (item.draft.status === 'concept' || item.draft.status === 'ter_review')) {
    return { version: item.draft.version, status: item.draft.status, beside: true };
  }
  if (item.status === 'concept' || item.status === 'ter_review')
    return { version: item.version, status: item.status, beside: false };
  return null;
}

/** An item as itemCan reads it: with the server's `can` (every answer has it), or without. */
export type ItemForCan = Omit<KnowledgeItem, 'can'> & Partial<Pick<KnowledgeItem, 'can'>>;

/**
 * What the caller may do with the item: the server's `can` when it sends one (it
 * decides in the end); otherwise the rules of docs/openapi.json (each knowledge
 * operation's description) worked out here. The author of the version being worked on
 * may not publish it; an item never published does not say who wrote it, so `authorId`
 * comes from its versions (unknown: Publiceren shows and the server refuses with its own
 * message).
 */
export function itemCan(
  item: ItemForCan,
  me: Pick<Me, 'id' | 'capabilities'>,
  authorId: number | null = null,
): KnowledgeCan {
  if (item.can) return item.can;
  const quality = can(me, 'review_knowledge');
  const owner = item.owner?.id === me.id;
  const author = (item.draft?.author?.id ?? authorId) === me.id;
  const editor = quality || owner || author;
  const working = workingVersion(item);
  const archived = item.status === 'gearchiveerd';
  const published = item.status === 'gepubliceerd';
  return {
    edit: editor && !archived,
    submit: editor && working?.status === 'concept',
    publish: quality && working?.status === 'ter_review' && !author,
    return: quality && working?.status === 'ter_review',
    archive: quality && !archived,
    verify: (quality || owner) && published,
    rate: published && can(me, 'read_knowledge'),
  };
}

// ---- The version diff ----

export interface DiffRow {
  op: DiffOp;
  text: string;
  /** The line's number in the older version (null for an inserted line and a skip). */
  oldNo: number | null;
  /** The line's number in the newer version (null for a deleted line and a skip). */
  newNo: number | null;
  /** For a skip: how many unchanged lines are not shown. */
  count: number;
}

/**
 * The diff's lines with their numbers in both versions, so that a reader can tell
 * where a change is: equal lines count in both, a deletion in the old one, an
 * insertion in the new one, a folded run of unchanged lines in both by its count.
 */
export function diffRows(lines: readonly DiffLine[]): DiffRow[] {
  let oldNo = 0;
  let newNo = 0;
  return lines.map((l) => {
    switch (l.op) {
      case 'equal':
        oldNo += 1;
        newNo += 1;
        return { op: l.op, text: l.text, oldNo, newNo, count: 1 };
      case 'delete':
        oldNo += 1;
        return { op: l.op, text: l.text, oldNo, newNo: null, count: 1 };
      case 'insert':
        newNo += 1;
        return { op: l.op, text: l.text, oldNo: null, newNo, count: 1 };
      case 'skip': {
        const count = Math.max(0, l.count ?? 0);
        oldNo += count;
        newNo += count;
        return { op: l.op, text: l.text, oldNo: null, newNo: null, count };
      }
    }
  });
}

/** A value of a changed field (title, category, tags) as text. */
export function fieldValueText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : '—';
  return String(value);
}

// ---- Figures ----

/** An average rating with a decimal comma: 4.2 → "4,2", 4 → "4,0"; "–" without one. */
export function formatAverage(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return oneDecimal(value);
}
