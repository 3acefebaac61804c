// Dates and times for display. The API speaks ISO-8601 (UTC for times); the Dutch UI
// shows dd-mm-jjjj, times in the Netherlands' time zone.
import type { Lang } from '../i18n';

const ZONE = 'Europe/Amsterdam';
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Parts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

function partsOf(date: Date): Parts {
  const fmt = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const out: Record<string, string> = {};
  for (const p of fmt.formatToParts(date)) out[p.type] = p.value;
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour!, minute: out.minute! };
}

function dateText(year: string, month: string, day: string, lang: Lang): string {
  if (lang === 'nl') return `${day}-${month}-${year}`;
  return `${Number(day)} ${EN_MONTHS[Number(month) - 1]} ${year}`;
}

/**
 * A date (`2026-11-23`) or time (`2026-11-23T03:44:19Z`) as a date: `23-11-2026` in
 * Dutch, `23 Nov 2026` in English. Empty string for null or unreadable input.
 */
export function formatDate(value: string | null | undefined, lang: Lang): string {
  if (!value) return '';
  const m = DATE_ONLY.exec(value);
  if (m) return dateText(m[1]!, m[2]!, m[3]!, lang);
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  const p = partsOf(d);
  return dateText(p.year, p.month, p.day, lang);
}

/** A time as `23-11-2026 04:44` (Dutch) or `23 Nov 2026, 04:44` (English), Dutch time zone. */
export function formatDateTime(value: string | null | undefined, lang: Lang): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  const p = partsOf(d);
  const date = dateText(p.year, p.month, p.day, lang);
  return lang === 'nl' ? `${date} ${p.hour}:${p.minute}` : `${date}, ${p.hour}:${p.minute}`;
}

/** The value for a <time datetime> attribute. */
export function machineTime(value: string): string {
  return value;
}
