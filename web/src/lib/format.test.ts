import { describe, expect, it } from 'vitest';
import {
  dateInputValue,
  formatDate,
  formatDateTime,
  formatSize,
  oneDecimal,
  parseDateInput,
  pickerValue,
  typedFromPicker,
} from './format';

describe('formatDate', () => {
  it('shows a date as dd-mm-jjjj in Dutch', () => {
    expect(formatDate('2026-11-23', 'nl')).toBe('23-11-2026');
    expect(formatDate('2026-01-05', 'nl')).toBe('05-01-2026');
  });

  it('does not shift a plain date by the time zone', () => {
    expect(formatDate('2026-03-29', 'nl')).toBe('29-03-2026');
  });

  it('takes the date of a UTC time in Dutch time', () => {
    // 23:30 UTC on 31 December is already 1 January in the Netherlands.
    expect(formatDate('2026-12-31T23:30:00Z', 'nl')).toBe('01-01-2027');
  });

  it('shows an English date with the month name', () => {
    expect(formatDate('2026-11-23', 'en')).toBe('23 Nov 2026');
  });

  it('gives an empty string for nothing or nonsense', () => {
    expect(formatDate(null, 'nl')).toBe('');
    expect(formatDate(undefined, 'nl')).toBe('');
    expect(formatDate('gisteren', 'nl')).toBe('');
  });
});

describe('formatDateTime', () => {
  it('shows Dutch time, winter and summer', () => {
    expect(formatDateTime('2026-11-23T03:44:19Z', 'nl')).toBe('23-11-2026 04:44');
    expect(formatDateTime('2026-07-01T12:00:00Z', 'nl')).toBe('01-07-2026 14:00');
  });

  it('shows English date and time', () => {
    expect(formatDateTime('2026-11-23T03:44:19Z', 'en')).toBe('23 Nov 2026, 04:44');
  });

  it('gives an empty string for nothing', () => {
    expect(formatDateTime(null, 'nl')).toBe('');
  });
});

describe('sizes and one decimal', () => {
  it('shows file sizes in B, kB and MB', () => {
    expect(formatSize(512, 'nl')).toBe('512 B');
    expect(formatSize(12_800, 'nl')).toBe('12,5 kB');
    expect(formatSize(12_800, 'en')).toBe('12.5 kB');
    expect(formatSize(3 * 1024 * 1024, 'nl')).toBe('3 MB');
  });

  it('writes one decimal with a comma and thousands with a point', () => {
    expect(oneDecimal(12.34)).toBe('12,3');
    expect(oneDecimal(1234.56)).toBe('1.234,6');
    expect(oneDecimal(-2)).toBe('2,0');
  });

  it('rounds one decimal half up on the value as written', () => {
    const edges: [number, string][] = [
      [0.15, '0,2'],
      [0.35, '0,4'],
      [1.45, '1,5'],
      [-1.45, '1,5'],
      [999.95, '1.000,0'],
      [0.04, '0,0'],
    ];
    expect(edges.map(([value]) => oneDecimal(value))).toEqual(edges.map(([, text]) => text));
  });
});

describe('the date picker beside a typed box', () => {
  it('opens on the typed date, or on today while the box holds none', () => {
    expect(pickerValue('31-12-2017')).toBe('2017-12-31');
    expect(pickerValue('1-2-2018')).toBe('2018-02-01');
    expect(pickerValue(' 2018-02-01 ')).toBe('2018-02-01');
    expect(pickerValue('')).toBe('');
    expect(pickerValue('31-02-2018')).toBe('');
    expect(pickerValue('12/31/2017')).toBe('');
  });

  it('writes a picked date into the box as dd-mm-jjjj', () => {
    expect(typedFromPicker('2025-03-14')).toBe('14-03-2025');
    expect(typedFromPicker('')).toBe('');
    expect(typedFromPicker('0202-03-14')).toBeNull();
    expect(typedFromPicker('nonsense')).toBeNull();
  });

  it('goes round both ways without change', () => {
    for (const iso of ['2000-01-01', '2024-02-29', '2026-12-31']) {
      expect(pickerValue(typedFromPicker(iso)!)).toBe(iso);
      expect(typedFromPicker(pickerValue(dateInputValue(iso)))).toBe(dateInputValue(iso));
      expect(parseDateInput(dateInputValue(iso))).toBe(iso);
    }
  });
});
