import { describe, expect, it } from 'vitest';
import { dateOnly, endOfJapanDay, parseDateOnly, startOfJapanDay, todayInJapan } from './japanDates';

describe('days in Japan', () => {
  it('today turns at midnight in Japan (15:00 UTC), not at midnight UTC', () => {
    expect(dateOnly(todayInJapan(new Date('2026-03-31T14:59:59Z')))).toBe('2026-03-31');
    expect(dateOnly(todayInJapan(new Date('2026-03-31T15:00:00Z')))).toBe('2026-04-01');
  });
  it('a day begins and ends at 00:00 +09:00, across a month and a year end', () => {
    expect(startOfJapanDay('2026-04-01').toISOString()).toBe('2026-03-31T15:00:00.000Z');
    expect(endOfJapanDay('2026-12-31').toISOString()).toBe('2026-12-31T15:00:00.000Z');
    expect(endOfJapanDay(parseDateOnly('2026-02-28')!).toISOString()).toBe('2026-02-28T15:00:00.000Z');
  });
  it('parses only calendar days', () => {
    expect(parseDateOnly('2026-13-45')).toBeNull();
    expect(parseDateOnly('2026-1-5')).toBeNull();
    expect(parseDateOnly(null)).toBeNull();
    expect(dateOnly(parseDateOnly('2027-01-05'))).toBe('2027-01-05');
  });
});
