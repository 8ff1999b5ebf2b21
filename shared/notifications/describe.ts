/**
 * One notification in one sentence, in Japanese or English, for the inbox, the e-mail and the daily
 * digest alike: `headline` says what happened (who did what), `context` names what it happened to
 * (the thread, the issue and its number, the meeting and its date). Pure: the web client uses it too.
 */
import type { Notification } from '../schemas/notifications';
import type { NotificationKind } from './kinds';
import { STATUS_LABELS } from '../register/rules';
import { MEETING_STATUS_LABELS } from '../meetings/rules';
import { JAPAN_TIME_ZONE } from '../japanDates';

export type MailLanguage = 'ja' | 'en';

export interface NotificationDescription {
  headline: string;
  context: string;
}

interface Facts {
  /** The actor's display name; null when the platform did it (a reminder, a due date). */
  actor: string | null;
  count: number;
  from: string | null;
  to: string | null;
  when: string | null;
  role: string | null;
  browser: string | null;
  duplicateOf: string | null;
}

type Sentence = (facts: Facts) => string;

const ROLE_LABELS: Record<string, Record<MailLanguage, string>> = {
  member: { ja: 'メンバー', en: 'member' },
  orgAdmin: { ja: '組織管理者', en: 'organisation admin' },
  secretariat: { ja: '事務局', en: 'secretariat' },
};

/** Every kind's sentence in both languages; a new kind does not compile until it has them. */
const HEADLINES = {
  'thread.mention': {
    ja: (f) => (f.actor ? `${f.actor}さんがあなたをメンションしました` : 'あなたがメンションされました'),
    en: (f) => (f.actor ? `${f.actor} mentioned you` : 'You were mentioned'),
  },
  'thread.reply': {
    ja: (f) => (f.actor ? `${f.actor}さんがあなたのメッセージに返信しました` : 'あなたのメッセージに返信がありました'),
    en: (f) => (f.actor ? `${f.actor} replied to your message` : 'Someone replied to your message'),
  },
  'thread.activity': {
    ja: (f) => `フォロー中のスレッドに新しいメッセージ ${f.count}件`,
    en: (f) => `${f.count} new message${f.count === 1 ? '' : 's'} in a thread you follow`,
  },
  'issue.triage': {
    ja: (f) => (f.actor ? `${f.actor}さんが課題管理表に新しい課題を登録しました` : '課題管理表に新しい課題が登録されました'),
    en: (f) => (f.actor ? `${f.actor} added a new issue to the register` : 'A new issue was added to the register'),
  },
  'issue.routed': {
    ja: () => '課題があなたの組織に回付されました',
    en: () => 'An issue was routed to your organisation',
  },
  'issue.status': {
    ja: (f) => (f.from && f.to ? `課題の状態が「${f.from}」から「${f.to}」に変わりました` : '課題の状態が変わりました'),
    en: (f) => (f.from && f.to ? `An issue moved from ${f.from} to ${f.to}` : "An issue's status changed"),
  },
  'issue.comment': {
    ja: (f) => (f.actor ? `${f.actor}さんが課題にコメントしました` : '課題に新しいコメントがあります'),
    en: (f) => (f.actor ? `${f.actor} commented on an issue` : 'An issue has a new comment'),
  },
  'issue.answer': {
    ja: (f) => (f.actor ? `${f.actor}さんが課題に回答しました` : '課題に回答がありました'),
    en: (f) => (f.actor ? `${f.actor} answered an issue` : 'An issue was answered'),
  },
  'issue.duplicate': {
    ja: (f) => (f.duplicateOf ? `課題が ${f.duplicateOf} の重複としてまとめられました` : '課題が重複としてまとめられました'),
    en: (f) => (f.duplicateOf ? `An issue was merged as a duplicate of ${f.duplicateOf}` : 'An issue was merged as a duplicate'),
  },
  'meeting.invited': {
    ja: () => '会議に招待されました',
    en: () => 'You are invited to a meeting',
  },
  'meeting.changed': {
    ja: () => '会議の予定が変更されました',
    en: () => 'A meeting was changed',
  },
  'meeting.cancelled': {
    ja: () => '会議が中止になりました',
    en: () => 'A meeting was cancelled',
  },
  'minutes.circulated': {
    ja: () => '議事録案が確認のため回覧されました',
    en: () => 'Draft minutes were circulated for your review',
  },
  'minutes.published': {
    ja: () => '議事録が公開されました',
    en: () => 'Minutes were published',
  },
  'action.assigned': {
    ja: (f) => (f.actor ? `${f.actor}さんがアクションアイテムを割り当てました` : 'アクションアイテムが割り当てられました'),
    en: (f) => (f.actor ? `${f.actor} assigned an action item` : 'An action item was assigned'),
  },
  'action.due': {
    ja: (f) => (f.when ? `アクションアイテムの期限（${f.when}）が近づいています` : 'アクションアイテムの期限が近づいています'),
    en: (f) => (f.when ? `An action item is due on ${f.when}` : 'An action item is due soon'),
  },
  'announcement.published': {
    ja: () => '事務局からお知らせがあります',
    en: () => 'A new announcement from the secretariat',
  },
  'announcement.reminder': {
    ja: () => 'お知らせの確認をお願いします',
    en: () => 'Please confirm an announcement',
  },
  'status.opened': {
    ja: (f) => (f.when ? `開発状況調査が始まりました（提出期限 ${f.when}）` : '開発状況調査が始まりました'),
    en: (f) => (f.when ? `A development status round is open (due ${f.when})` : 'A development status round is open'),
  },
  'status.returned': {
    ja: (f) => (f.actor ? `${f.actor}さんが開発状況報告を差し戻しました` : '開発状況報告が差し戻されました'),
    en: (f) =>
      f.actor
        ? `${f.actor} returned your development status report for correction`
        : 'Your development status report was returned for correction',
  },
  'status.reminder': {
    ja: (f) => (f.when ? `開発状況報告の提出をお願いします（提出期限 ${f.when}）` : '開発状況報告の提出をお願いします'),
    en: (f) => (f.when ? `Please submit your development status report (due ${f.when})` : 'Please submit your development status report'),
  },
  'account.role': {
    ja: (f) => (f.role ? `あなたの権限が「${f.role}」に変わりました` : 'あなたの権限が変わりました'),
    en: (f) => (f.role ? `Your role is now ${f.role}` : 'Your role changed'),
  },
  'account.newSignIn': {
    ja: (f) => (f.browser ? `新しい環境からログインがありました（${f.browser}）` : '新しい環境からログインがありました'),
    en: (f) => (f.browser ? `New sign-in from ${f.browser}` : 'New sign-in to your account'),
  },
} satisfies Record<NotificationKind, Record<MailLanguage, Sentence>>;

/** Kinds whose `detail.when` is the meeting's date (shown with the meeting, not in the sentence). */
const MEETING_DATE_KINDS: readonly NotificationKind[] = ['meeting.invited', 'meeting.changed', 'meeting.cancelled'];

/** `detail.from`/`to` are status keys (the register's or a meeting's), shown as their labels. */
function statusLabel(value: string | undefined, lang: MailLanguage): string | null {
  if (!value) return null;
  if (Object.hasOwn(STATUS_LABELS, value)) return STATUS_LABELS[value as keyof typeof STATUS_LABELS][lang];
  if (Object.hasOwn(MEETING_STATUS_LABELS, value)) return MEETING_STATUS_LABELS[value as keyof typeof MEETING_STATUS_LABELS][lang];
  return value;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date (`YYYY-MM-DD`, a day in Japan) or an instant, in Japan time: `2026年5月1日(金) 14:00`, `Fri, 1 May 2026, 14:00`. */
export function formatWhen(value: string, lang: MailLanguage): string {
  const dateOnly = DATE_ONLY.test(value);
  const instant = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(instant.getTime())) return value;
  const format = new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: dateOnly ? 'UTC' : JAPAN_TIME_ZONE,
    year: 'numeric',
    month: lang === 'ja' ? 'long' : 'short',
    day: 'numeric',
    weekday: 'short',
    ...(dateOnly ? {} : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  });
  return format.format(instant);
}

function contextOf(n: Notification, lang: MailLanguage): string {
  const { type, title, number } = n.target;
  const ja = lang === 'ja';
  const quoted = ja ? `「${title}」` : `“${title}”`;
  switch (type) {
    case 'thread':
      return ja ? `スレッド${quoted}` : `Thread ${quoted}`;
    case 'issue':
      return ja ? `課題${number ? ` ${number}` : ''}${quoted}` : `Issue ${number ? `${number} ` : ''}${quoted}`;
    case 'meeting': {
      const when = MEETING_DATE_KINDS.includes(n.kind) && n.detail.when ? formatWhen(n.detail.when, lang) : null;
      const facts = [when, n.detail.place].filter(Boolean).join(ja ? '、' : ', ');
      if (!facts) return quoted;
      return ja ? `${quoted}（${facts}）` : `${quoted} (${facts})`;
    }
    case 'announcement':
      return ja ? `お知らせ${quoted}` : `Announcement ${quoted}`;
    case 'statusRound':
      return ja ? `開発状況調査${quoted}` : `Status round ${quoted}`;
    case 'statusReport':
      return ja ? `開発状況報告${quoted}` : `Status report ${quoted}`;
    case 'account':
      return title;
  }
}

/** The notification's sentence and what it is about, in `lang`. */
export function describeNotification(n: Notification, lang: MailLanguage): NotificationDescription {
  const facts: Facts = {
    actor: n.actor?.displayName ?? null,
    count: n.count,
    from: statusLabel(n.detail.from, lang),
    to: statusLabel(n.detail.to, lang),
    when: n.detail.when && !MEETING_DATE_KINDS.includes(n.kind) ? formatWhen(n.detail.when, lang) : null,
    role: n.detail.role ? (ROLE_LABELS[n.detail.role]?.[lang] ?? n.detail.role) : null,
    browser: n.detail.browser ?? null,
    duplicateOf: n.detail.duplicateOf ?? null,
  };
  const sentence = HEADLINES[n.kind][lang](facts);
  const important = n.detail.importance === 'high' ? (lang === 'ja' ? '【重要】' : 'Important: ') : '';
  return { headline: `${important}${sentence}`, context: contextOf(n, lang) };
}
