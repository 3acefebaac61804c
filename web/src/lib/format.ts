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

/**
 * A date typed in a form: `31-12-2017`, `1-2-2018`, `31/12/2017`, `31.12.2017` or ISO
 * `2017-12-31` → `2017-12-31`; null when it is not a real calendar date.
 */
export function parseDateInput(input: string): string | null {
  const s = input.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
  if (match) {
    d = Number(match[1]);
    m = Number(match[2]);
    y = Number(match[3]);
  } else if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s))) {
    y = Number(match[1]);
    m = Number(match[2]);
    d = Number(match[3]);
  } else {
    return null;
  }
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${String(y)}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** An ISO date as it goes into a date box: `2017-12-31` → `31-12-2017`. */
export function dateInputValue(iso: string | null | undefined): string {
  const m = DATE_ONLY.exec(iso ?? '');
  return m ? `${m[3]}-${m[2]}-${m[1]}` : '';
}

/**
 * The date picker's value for what is typed in its box (`31-12-2017` → `2017-12-31`); ''
 * while the box holds no real date, so the picker opens on today.
 */
export function pickerValue(typed: string): string {
  return parseDateInput(typed) ?? '';
}

/**
 * What goes into the typed box when a date is picked (`2017-12-31` → `31-12-2017`); '' when
 * the picker was cleared. A value the box could not read back (a year before 1900) is null:
 * the box keeps what it holds.
 */
export function typedFromPicker(iso: string): string | null {
  if (iso === '') return '';
  return parseDateInput(iso) === iso ? dateInputValue(iso) : null;
}

/** Today in the Netherlands as `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): string {
  const p = partsOf(now);
  return `${p.year}-${p.month}-${p.day}`;
}

const numberLocale = (lang: Lang) => (lang === 'nl' ? 'nl-NL' : 'en-GB');

/** A count with thousands separators: `57.257` (Dutch), `57,257` (English). */
export function formatCount(n: number, lang: Lang): string {
  return n.toLocaleString(numberLocale(lang), { maximumFractionDigits: 0 });
}

/** A file size: `512 B`, `12,5 kB`, `1,2 MB` (Dutch) or `12.5 kB` (English); 1 kB = 1024 bytes. */
export function formatSize(bytes: number, lang: Lang): string {
  const fmt = (n: number) => n.toLocaleString(numberLocale(lang), { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${fmt(bytes / 1024)} kB`;
  return `${fmt(bytes / (1024 * 1024))} MB`;
}

/** One decimal with a decimal comma (also in English: the figures are Dutch), without sign: 12.34 → "12,3", 1234.5 → "1.234,5". */
export function oneDecimal(value: number): string {
  const rounded = Math.round(Math.abs(value) * 10) / 10;
  const [whole, frac = '0'] = rounded.toFixed(1).split('.');
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${frac}`;
}
