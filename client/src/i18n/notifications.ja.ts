/**
 * The inbox's, the bell's and the notification settings' messages (通知), mounted under
 * `notifications` by i18n/index.ts. Its shape is the contract notifications.en.ts follows, and
 * `satisfies` below makes a new kind, tab or delivery fail to compile until it has a label here.
 */
import type { Delivery, InboxTab, NotificationKind } from '@shared/notifications/kinds';
import type { SettingsGroup } from '@client/pages/notifications/kindGroups';

/** `thread.mention` is looked up as `kinds.thread.mention`: i18next reads the dot as nesting. */
type KindLabels = {
  [Group in NotificationKind extends `${infer G}.${string}` ? G : never]: {
    [K in NotificationKind as K extends `${Group}.${infer Name}` ? Name : never]: string;
  };
};

export const notificationsJa = {
  title: '通知',
  bell: {
    // Japanese has no plural forms (i18next uses _other): each _one is there so English, which needs both, has the same shape.
    unread_one: '通知 {{count}}件未読',
    unread_other: '通知 {{count}}件未読',
    none: '通知 未読なし',
  },
  inbox: {
    lead: 'メンション、課題や会議の動き、お知らせなど、あなたに関わることをここにお知らせします。',
    tabsLabel: '通知の表示',
    tabs: {
      all: 'すべて',
      unread: '未読',
      mentions: 'メンション',
      register: '課題管理表',
      meetings: '会議',
      announcements: 'お知らせ',
    } satisfies Record<InboxTab, string>,
    unreadCount_one: '未読 {{count}}件',
    unreadCount_other: '未読 {{count}}件',
    noUnread: '未読の通知はありません。',
    markAllRead: 'すべて既読にする',
    markingAllRead: '既読にしています…',
    settingsLink: '通知の設定',
    listLabel: '通知一覧',
    empty: '通知はありません',
    loadMore: 'もっと見る',
    loadingMore: '読み込み中…',
    loadMoreFailed: '続きを読み込めませんでした。もう一度お試しください。',
    shown_one: '{{count}}件を表示しています',
    shown_other: '{{count}}件を表示しています',
    unreadMark: '未読',
    markRead: '既読にする',
    markUnread: '未読にする',
    markReadLabel: '「{{headline}}」を既読にする',
    markUnreadLabel: '「{{headline}}」を未読にする',
    platform: 'プラットフォームからの自動通知',
    batched_one: 'まとめて{{count}}件',
    batched_other: 'まとめて{{count}}件',
    issueNumber: '課題 {{number}}',
    changeFailed: '変更できませんでした。{{message}}',
  },
  kinds: {
    thread: {
      mention: '自分へのメンション',
      reply: '自分の投稿への返信',
      activity: 'フォロー中のスレッドの新しい投稿',
    },
    issue: {
      triage: '受付が必要な課題',
      routed: '自分の組織に回付された課題',
      status: 'フォロー中の課題の状態の変更',
      comment: 'フォロー中の課題へのコメント',
      answer: '課題への公式回答',
      duplicate: '課題の重複の整理',
    },
    meeting: {
      invited: '会議への招待',
      changed: '会議の日時・場所の変更',
      cancelled: '会議の中止',
    },
    minutes: {
      circulated: '議事録の確認依頼',
      published: '議事録の公開',
    },
    action: {
      assigned: '自分の組織への宿題（アクションアイテム）',
      due: '宿題の期限',
    },
    announcement: {
      published: '新しいお知らせ',
      reminder: 'お知らせの確認の催促',
    },
    status: {
      opened: '開発状況調査の開始',
      returned: '開発状況報告の差し戻し',
      reminder: '開発状況報告の提出の催促',
    },
    account: {
      role: '自分の権限の変更',
      newSignIn: '新しいブラウザからのログイン',
    },
  } satisfies KindLabels,
  groups: {
    threads: 'スレッド',
    register: '課題管理表',
    meetings: '会議',
    announcements: 'お知らせ',
    status: '開発状況報告',
    account: 'アカウント',
  } satisfies Record<SettingsGroup, string>,
  deliveries: {
    inbox: '受信箱のみ',
    email: '受信箱＋すぐにメール',
    digest: '受信箱＋毎日のまとめ（8:00）',
    off: '通知しない',
  } satisfies Record<Delivery, string>,
  settings: {
    title: '通知の設定',
    eyebrow: 'プロフィール',
    lead: '通知の種類ごとに、受け取り方を選べます。通知はいつも受信箱に届き、メールで受け取るかどうかを選べます。「毎日のまとめ」は、前日の通知を毎朝8時に1通のメールにまとめてお送りします。',
    tableCaption: '通知の種類ごとの受け取り方',
    kindColumn: '通知の種類',
    cannotTurnOff: '自分へのメンションは止められないため、「通知しない」は選べません。',
    announcementHint: '各組織に確認を求めるお知らせは、「通知しない」を選んでいても受信箱に届きます。',
    language: 'メールの言語',
    languageHint: '通知メールの送信先：{{email}}',
    languages: { ja: '日本語', en: 'English' },
    save: '保存する',
    saving: '保存しています…',
    saved: '通知の設定を保存しました。',
    backToProfile: 'プロフィールへ戻る',
    toInbox: '通知一覧へ',
    profileSection: {
      title: '通知',
      body: '通知の種類ごとに、受信箱だけにするか、メールでも受け取るかを選べます。',
      link: '通知の設定を変更する',
    },
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
/** The shape every language's notification messages must have. */
export type NotificationMessages = Widen<typeof notificationsJa>;
