/**
 * The pure parts of e-mail: the shared describer (one sentence per kind in both languages), the
 * unsubscribe tokens, links and Message-IDs, and the configuration's new variables.
 */
import { describe, expect, it } from 'vitest';
import { describeNotification, formatWhen } from '../shared/notifications/describe';
import { NOTIFICATION_KINDS } from '../shared/notifications/kinds';
import { loadConfig } from '../server/config';
import { mailSiteOf, messageIdOf, publicBaseUrl } from '../server/mail/links';
import { targetPath } from '../shared/notifications/targetPath';
import { escapeHtml } from '../server/mail/render';
import { maskEmail, readUnsubscribeToken, signUnsubscribeToken, unsubscribeKey } from '../server/mail/unsubscribe';
import { notificationFor } from './support/mail';

const userId = 'a'.repeat(24);

describe('describeNotification', () => {
  it('has a sentence for every kind in both languages, with and without an actor', () => {
    for (const kind of NOTIFICATION_KINDS) {
      for (const actor of [undefined, null]) {
        const n = notificationFor(userId, { kind, ...(actor === null ? { actor: null } : {}) });
        for (const lang of ['ja', 'en'] as const) {
          const { headline, context } = describeNotification(n, lang);
          expect(headline, `${kind} ${lang}`).not.toMatch(/undefined|null|\[object/);
          expect(headline.length, `${kind} ${lang}`).toBeGreaterThan(3);
          expect(context).toContain('標準仕様書の改定について');
        }
      }
    }
  });

  it("uses the council's words, the count of batched messages and the target's number", () => {
    const mention = notificationFor(userId, { kind: 'thread.mention' });
    expect(describeNotification(mention, 'ja')).toEqual({
      headline: '佐藤 花子さんがあなたをメンションしました',
      context: 'スレッド「標準仕様書の改定について」',
    });
    expect(describeNotification(mention, 'en').headline).toBe('佐藤 花子 mentioned you');
    const activity = notificationFor(userId, { kind: 'thread.activity', count: 5 });
    expect(describeNotification(activity, 'ja').headline).toBe('フォロー中のスレッドに新しいメッセージ 5件');
    expect(describeNotification({ ...activity, count: 1 }, 'en').headline).toBe('1 new message in a thread you follow');
    const status = notificationFor(userId, {
      kind: 'issue.status',
      target: { type: 'issue', title: '様式', number: '2026-0012', seq: null },
      detail: { from: 'reviewing', to: 'answered' },
    });
    expect(describeNotification(status, 'ja')).toEqual({
      headline: '課題の状態が「検討中」から「回答済」に変わりました',
      context: '課題 2026-0012「様式」',
    });
    const important = notificationFor(userId, {
      kind: 'announcement.published',
      target: { type: 'announcement', title: '移行計画', seq: null },
      detail: { importance: 'high' },
    });
    expect(describeNotification(important, 'ja')).toEqual({
      headline: '【重要】事務局からお知らせがあります',
      context: 'お知らせ「移行計画」',
    });
    const meeting = notificationFor(userId, {
      kind: 'meeting.changed',
      target: { type: 'meeting', title: '第2回課題協議会議', seq: null },
      detail: { when: '2026-05-01T05:00:00.000Z', place: '中央合同庁舎' },
    });
    expect(describeNotification(meeting, 'ja').context).toBe('「第2回課題協議会議」（2026年5月1日(金) 14:00、中央合同庁舎）');
    expect(describeNotification(meeting, 'en').context).toBe('“第2回課題協議会議” (Fri, 1 May 2026, 14:00, 中央合同庁舎)');
    const due = notificationFor(userId, {
      kind: 'action.due',
      actor: null,
      target: { type: 'meeting', title: '全体会議', seq: null },
      detail: { when: '2026-05-08' },
    });
    expect(describeNotification(due, 'ja').headline).toBe('アクションアイテムの期限（2026年5月8日(金)）が近づいています');
    const role = notificationFor(userId, {
      kind: 'account.role',
      actor: null,
      target: { type: 'account', title: '', seq: null },
      detail: { role: 'orgAdmin' },
    });
    expect(describeNotification(role, 'ja').headline).toBe('あなたの権限が「組織管理者」に変わりました');
  });

  it('formats days and instants in Japan time', () => {
    expect(formatWhen('2026-04-30T23:30:00.000Z', 'ja')).toBe('2026年5月1日(金) 08:30');
    expect(formatWhen('2026-05-01', 'en')).toBe('Fri, 1 May 2026');
    expect(formatWhen('not a date', 'en')).toBe('not a date');
  });
});

describe('unsubscribe tokens', () => {
  const key = unsubscribeKey('s'.repeat(40));

  it('name their person and kind, and nothing else verifies', () => {
    const token = signUnsubscribeToken(key, userId, 'issue.answer');
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(readUnsubscribeToken(key, token)).toEqual({ userId, kind: 'issue.answer' });
    expect(readUnsubscribeToken(key, signUnsubscribeToken(key, userId, 'digest'))).toEqual({ userId, kind: 'digest' });
    expect(readUnsubscribeToken(unsubscribeKey('t'.repeat(40)), token)).toBeNull();
    const [, mac] = token.split('.');
    expect(readUnsubscribeToken(key, `${Buffer.from(`${userId}:thread.mention`).toString('base64url')}.${mac}`)).toBeNull();
    expect(readUnsubscribeToken(key, `${token}.x`)).toBeNull();
    // A well-signed payload that is not a person and a kind.
    expect(readUnsubscribeToken(key, signUnsubscribeToken(key, userId, 'nonsense' as 'digest'))).toBeNull();
  });

  it('masks the address the confirmation page shows', () => {
    expect(maskEmail('tanaka@example.jp')).toBe('t***@example.jp');
    expect(maskEmail('broken')).toBe('***');
  });
});

describe('links, Message-IDs and escaping', () => {
  const config = loadConfig({
    NODE_ENV: 'test',
    PUBLIC_ORIGIN: 'https://council.example.jp',
    MAIL_FROM: '協議会 <notice@council.example.jp>',
  });
  const site = mailSiteOf(config, 'x'.repeat(40));

  it('links to each target, from PUBLIC_ORIGIN or the server itself', () => {
    expect(site.baseUrl).toBe('https://council.example.jp');
    expect(publicBaseUrl(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }))).toBe('http://localhost:8080');
    expect(targetPath({ type: 'thread', id: 'abc', title: '', number: null, seq: 12 })).toBe('/threads/abc?seq=12');
    expect(targetPath({ type: 'thread', id: 'abc', title: '', number: null, seq: null })).toBe('/threads/abc');
    expect(targetPath({ type: 'issue', id: 'i', title: '', number: '2026-0001', seq: null })).toBe('/register/i');
    expect(targetPath({ type: 'account', id: 'u', title: '', number: null, seq: null })).toBe('/profile');
    expect(targetPath({ type: 'statusRound', id: 'r', title: '', number: null, seq: null })).toBe('/status/r');
    expect(targetPath({ type: 'statusReport', id: 'r:o', title: '', number: null, seq: null })).toBe('/status/r/reports/o');
  });

  it("gives each mail a Message-ID from its outbox id, on the sender's domain", () => {
    expect(messageIdOf(`${userId}:42`, site)).toBe(`<${userId}.42@council.example.jp>`);
    expect(messageIdOf(`digest:${userId}:2026-05-01`, site)).toBe(`<digest.${userId}.2026-05-01@council.example.jp>`);
  });

  it('escapes HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('configuration', () => {
  const fails = (env: Record<string, string>) => {
    try {
      loadConfig(env);
      return '';
    } catch (err) {
      return (err as Error).message;
    }
  };

  it('has defaults for mail', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      SMTP_PORT: 587,
      SMTP_SECURE: false,
      MAIL_FROM: '事業者協議会 <no-reply@council.invalid>',
      MAIL_DIGEST_HOUR: 8,
    });
    expect(config.SMTP_HOST).toBeUndefined();
  });

  it('stops the boot on a bad value, naming the variable', () => {
    expect(fails({ SMTP_PORT: '0' })).toContain('SMTP_PORT');
    expect(fails({ SMTP_PORT: 'smtp' })).toContain('SMTP_PORT');
    expect(fails({ SMTP_SECURE: 'yes' })).toContain('SMTP_SECURE');
    expect(fails({ MAIL_FROM: 'council' })).toContain('MAIL_FROM');
    expect(fails({ MAIL_DIGEST_HOUR: '24' })).toContain('MAIL_DIGEST_HOUR');
    expect(fails({ MAIL_CATCHER_PORT: '70000' })).toContain('MAIL_CATCHER_PORT');
    expect(fails({ SMTP_USER: 'council' })).toContain('SMTP_PASSWORD');
    expect(fails({ SMTP_PASSWORD: 'secret' })).toContain('SMTP_USER');
    expect(fails({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(32), SMTP_HOST: 'smtp.example.jp' })).toContain('PUBLIC_ORIGIN');
    expect(
      fails({
        NODE_ENV: 'production',
        SESSION_SECRET: 's'.repeat(32),
        SMTP_HOST: 'smtp.example.jp',
        PUBLIC_ORIGIN: 'https://council.example.jp',
      }),
    ).toBe('');
  });
});
