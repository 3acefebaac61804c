// Blacking out personal data in a resident's story before it is accepted: the passages
// the server flagged (or the moderator adds) are marked in the text and replaced by
// "[weggelaten]" exactly as the server will do it (every occurrence, left to right).

/** The server's placeholder for a blacked-out passage (stories::kRedacted). */
export const REDACTED = '[weggelaten]';

export interface Segment {
  text: string;
  /** The passage this segment is an occurrence of, or null for ordinary text. */
  passage: string | null;
}

/**
 * The text cut into segments at every occurrence of the passages, leftmost first and
 * the longest passage where two start at the same place, for marking them (<mark>).
 */
export function segments(text: string, passages: readonly string[]): Segment[] {
  const wanted = [...new Set(passages.filter((p) => p.length > 0))].sort((a, b) => b.length - a.length);
  const out: Segment[] = [];
  let plain = '';
  let at = 0;
  while (at < text.length) {
    const hit = wanted.find((p) => text.startsWith(p, at));
    if (hit === undefined) {
      plain += text[at];
      at += 1;
      continue;
    }
    if (plain) out.push({ text: plain, passage: null });
    plain = '';
    out.push({ text: hit, passage: hit });
    at += hit.length;
  }
  if (plain) out.push({ text: plain, passage: null });
  return out;
}

/** The text as it will be published: each passage's occurrences replaced, in the order given. */
export function blackOut(text: string, passages: readonly string[]): string {
  let out = text;
  for (const p of passages) {
    if (!p) continue;
    out = out.split(p).join(REDACTED);
  }
  return out;
}
