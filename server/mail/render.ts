/**
 * Mail as people read it: subject, plain text and HTML, in the person's language. A mail carries
 * only what its notification carries (the sentence, the target's title and number, an excerpt) and
 * links back to the council for the rest. Everything in the HTML is escaped, and it loads nothing
 * from anywhere (no images, no styles but inline ones).
 */
import { describeNotification, formatWhen, type MailLanguage } from '@shared/notifications/describe';
import { NOTIFICATION_STREAMS, type NotificationStream } from '@shared/notifications/kinds';
import type { Notification } from '@shared/schemas/notifications';
import { targetPath } from '@shared/notifications/targetPath';
import { absoluteUrl, INBOX_PATH, SETTINGS_PATH, unsubscribePagePath, type MailSite } from './links';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const WORDS = {
  ja: {
    prefix: '【事業者協議会】',
    greeting: (name: string) => `${name} さん`,
    open: '開く',
    inbox: '通知一覧',
    settings: '通知の設定',
    stopKind: 'この種類の通知をメールで受け取らない',
    stopDigest: '毎日のまとめメールを受け取らない',
    automatic: 'このメールは事業者協議会プラットフォームから自動で送信しています。返信には対応していません。',
    digestSubject: (date: string, count: number) => `${date}の通知まとめ（${count}件）`,
    digestLead: (count: number) => `前回のまとめ以降の通知が ${count}件あります。`,
    streams: {
      mentions: 'メンション',
      threads: 'スレッド',
      register: '課題管理表',
      meetings: '会議（全体会議・課題協議会議）',
      announcements: 'お知らせ',
      status: '開発状況報告',
      account: 'アカウント',
    },
  },
  en: {
    prefix: '[Vendor Council] ',
    greeting: (name: string) => `Dear ${name},`,
    open: 'Open',
    inbox: 'All notifications',
    settings: 'Notification settings',
    stopKind: 'Stop e-mail for this kind of notification',
    stopDigest: 'Stop the daily digest e-mail',
    automatic: 'This message was sent automatically by the Vendor Council platform; replies are not read.',
    digestSubject: (date: string, count: number) => `Your notifications for ${date} (${count})`,
    digestLead: (count: number) => `${count} notification${count === 1 ? '' : 's'} since your last digest.`,
    streams: {
      mentions: 'Mentions',
      threads: 'Threads',
      register: 'Issue register',
      meetings: 'Meetings',
      announcements: 'Announcements',
      status: 'Development status reports',
      account: 'Account',
    },
  },
} satisfies Record<MailLanguage, { streams: Record<NotificationStream, string> } & Record<string, unknown>>;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/** Subjects are one line, and not longer than a mail client shows. */
function subjectLine(s: string): string {
  const line = s.replace(/[\r\n\t]+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}

/** An excerpt as quoted lines, at most a few hundred characters (the rest is in the council). */
function excerptOf(n: Notification): string | null {
  const text = n.detail.excerpt?.trim();
  if (!text) return null;
  return text.length > 400 ? `${text.slice(0, 399)}…` : text;
}

interface Recipient {
  displayName: string;
  language: MailLanguage;
}

interface Footer {
  stopLabel: string;
  stopUrl: string;
}

function textFooter(words: (typeof WORDS)[MailLanguage], site: MailSite, footer: Footer): string {
  return [
    '―――',
    `${words.inbox}: ${absoluteUrl(site, INBOX_PATH)}`,
    `${words.settings}: ${absoluteUrl(site, SETTINGS_PATH)}`,
    `${footer.stopLabel}: ${footer.stopUrl}`,
    '',
    words.automatic,
  ].join('\n');
}

const STYLE = {
  body: 'margin:0;padding:24px;background:#f2f2f2;color:#1a1a1a;font-family:sans-serif;font-size:16px;line-height:1.7',
  card: 'max-width:640px;margin:0 auto;padding:24px;background:#ffffff;border-radius:8px',
  quote: 'margin:16px 0;padding:8px 16px;border-left:4px solid #b3b3b3;color:#333333;white-space:pre-wrap',
  button: 'display:inline-block;padding:10px 20px;background:#0017c1;color:#ffffff;text-decoration:none;border-radius:6px',
  footer: 'max-width:640px;margin:16px auto 0;font-size:13px;color:#4d4d4d',
  muted: 'color:#4d4d4d;font-size:14px',
};

const link = (href: string, label: string, style = '') =>
  `<a href="${escapeHtml(href)}"${style ? ` style="${style}"` : ''}>${escapeHtml(label)}</a>`;

function htmlPage(lang: MailLanguage, title: string, content: string, footer: string): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head>`,
    `<body style="${STYLE.body}"><div style="${STYLE.card}">${content}</div><div style="${STYLE.footer}">${footer}</div></body></html>`,
  ].join('\n');
}

function htmlFooter(words: (typeof WORDS)[MailLanguage], site: MailSite, footer: Footer): string {
  return [
    `<p>${link(absoluteUrl(site, INBOX_PATH), words.inbox)} ・ ${link(absoluteUrl(site, SETTINGS_PATH), words.settings)} ・ ${link(footer.stopUrl, footer.stopLabel)}</p>`,
    `<p>${escapeHtml(words.automatic)}</p>`,
  ].join('');
}

/** One notification, sent at once. `unsubscribeToken` stops this kind. */
export function renderNotificationMail(n: Notification, recipient: Recipient, site: MailSite, unsubscribeToken: string): RenderedMail {
  const lang = recipient.language;
  const words = WORDS[lang];
  const { headline, context } = describeNotification(n, lang);
  const url = absoluteUrl(site, targetPath(n.target));
  const excerpt = excerptOf(n);
  const footer = { stopLabel: words.stopKind, stopUrl: absoluteUrl(site, unsubscribePagePath(unsubscribeToken)) };
  const subject = subjectLine(`${words.prefix}${headline}${context ? (lang === 'ja' ? `：${context}` : ` — ${context}`) : ''}`);
  const text = [
    words.greeting(recipient.displayName),
    '',
    headline,
    context,
    ...(excerpt ? ['', ...excerpt.split('\n').map((line) => `> ${line}`)] : []),
    '',
    `${words.open}: ${url}`,
    '',
    textFooter(words, site, footer),
  ].join('\n');
  const content = [
    `<p>${escapeHtml(words.greeting(recipient.displayName))}</p>`,
    `<p style="font-size:18px;font-weight:bold;margin:16px 0 4px">${escapeHtml(headline)}</p>`,
    context ? `<p style="${STYLE.muted};margin:0">${escapeHtml(context)}</p>` : '',
    excerpt ? `<blockquote style="${STYLE.quote}">${escapeHtml(excerpt)}</blockquote>` : '',
    `<p style="margin-top:24px">${link(url, words.open, STYLE.button)}</p>`,
  ].join('\n');
  return { subject, text, html: htmlPage(lang, subject, content, htmlFooter(words, site, footer)) };
}

/**
 * The daily digest: the person's notifications since the last one, grouped as the inbox's tabs
 * group them, oldest first within each. `date` is the day in Japan it is for (`YYYY-MM-DD`).
 */
export function renderDigestMail(
  notifications: readonly Notification[],
  recipient: Recipient,
  site: MailSite,
  date: string,
  unsubscribeToken: string,
): RenderedMail {
  const lang = recipient.language;
  const words = WORDS[lang];
  const day = formatWhen(date, lang);
  const subject = subjectLine(`${words.prefix}${words.digestSubject(day, notifications.length)}`);
  const footer = { stopLabel: words.stopDigest, stopUrl: absoluteUrl(site, unsubscribePagePath(unsubscribeToken)) };
  const groups = NOTIFICATION_STREAMS.map((stream) => ({
    stream,
    items: notifications.filter((n) => n.stream === stream).sort((a, b) => a.at.localeCompare(b.at)),
  })).filter((g) => g.items.length > 0);

  const textGroups = groups.flatMap(({ stream, items }) => [
    `■ ${words.streams[stream]}`,
    ...items.flatMap((n) => {
      const { headline, context } = describeNotification(n, lang);
      return [`・${headline}`, ...(context ? [`  ${context}`] : []), `  ${absoluteUrl(site, targetPath(n.target))}`];
    }),
    '',
  ]);
  const text = [
    words.greeting(recipient.displayName),
    '',
    words.digestLead(notifications.length),
    '',
    ...textGroups,
    textFooter(words, site, footer),
  ].join('\n');

  const htmlGroups = groups.map(({ stream, items }) => {
    const rows = items.map((n) => {
      const { headline, context } = describeNotification(n, lang);
      const contextLine = context ? `<br><span style="${STYLE.muted}">${escapeHtml(context)}</span>` : '';
      return `<li style="margin:8px 0">${link(absoluteUrl(site, targetPath(n.target)), headline)}${contextLine}</li>`;
    });
    return `<h2 style="font-size:17px;margin:24px 0 8px">${escapeHtml(words.streams[stream])}</h2><ul style="padding-left:20px;margin:0">${rows.join('')}</ul>`;
  });
  const content = [
    `<p>${escapeHtml(words.greeting(recipient.displayName))}</p>`,
    `<p>${escapeHtml(words.digestLead(notifications.length))}</p>`,
    ...htmlGroups,
  ].join('\n');
  return { subject, text, html: htmlPage(lang, subject, content, htmlFooter(words, site, footer)) };
}
