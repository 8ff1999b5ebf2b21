/**
 * English counts agree with their numbers (issue 21, item 10): "1 day", "2 days"; Japanese, which has
 * no plural, reads the same either way. The messages are the client's own, through i18next itself.
 */
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../client/src/i18n/en';
import { ja } from '../client/src/i18n/ja';

async function translator(language: 'ja' | 'en') {
  const i18n = createInstance();
  await i18n.init({ lng: language, resources: { ja: { translation: ja }, en: { translation: en } }, interpolation: { escapeValue: false } });
  return i18n.t.bind(i18n) as (key: string, options: Record<string, unknown>) => string;
}

describe('lead-time texts count days', () => {
  it('in English: one day, many days', async () => {
    const t = await translator('en');
    expect(t('register.marks.leadTimeShortLong', { days: 1, count: 1 })).toBe('Short lead time (1 day)');
    expect(t('register.marks.leadTimeShortLong', { days: 200, count: 200 })).toBe('Short lead time (200 days)');
    expect(t('register.detail.leadTimeDays', { days: 1, count: 1 })).toMatch(/^1 day \(/);
    expect(t('register.leadTime.okFromToday', { days: 1, count: 1, min: 365 })).toMatch(/^Enforcement is 1 day away\./);
  });

  it('in Japanese: the same words for any number', async () => {
    const t = await translator('ja');
    expect(t('register.marks.leadTimeShortLong', { days: 1, count: 1 })).toBe('リードタイム不足（1日）');
    expect(t('register.marks.leadTimeShortLong', { days: 200, count: 200 })).toBe('リードタイム不足（200日）');
  });
});
