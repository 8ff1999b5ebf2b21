/**
 * The audit log's messages (監査ログ), mounted under `audit` by i18n/index.ts. Its shape is the
 * contract audit.en.ts follows, and `satisfies` below makes a new AUDIT_ACTION or category fail to
 * compile until it has a label here.
 */
import type { AUDIT_CATEGORIES, AuditAction, AuditEntry } from '@shared/schemas/audit';

type AuditCategory = (typeof AUDIT_CATEGORIES)[number];
/** `auth.login` is looked up as `actions.auth.login`: i18next reads the dot as nesting. */
type ActionLabels = { [C in AuditCategory]: { [A in AuditAction as A extends `${C}.${infer Verb}` ? Verb : never]: string } };

export const auditJa = {
  nav: '監査ログ',
  title: '監査ログ',
  eyebrow: '事務局',
  lead: '権限を伴う操作とセキュリティに関わる操作の記録です。記録は追記のみで、各記録が直前の記録のハッシュを含むため、変更や削除は検証で検出できます。',
  categories: {
    auth: '認証',
    account: 'アカウント',
    organization: '組織',
    moderation: '投稿の管理',
    issue: '課題',
    meeting: '会議',
    minutes: '議事録',
    announcement: 'お知らせ',
    status: '開発状況報告',
    export: 'データの出力',
  } satisfies Record<AuditCategory, string>,
  actions: {
    auth: {
      login: 'ログイン',
      loginFailed: 'ログイン失敗',
      logout: 'ログアウト',
      passwordChanged: 'パスワード変更',
      mfaEnabled: '2段階認証の設定',
      mfaDisabled: '2段階認証の解除',
      mfaReset: '2段階認証のリセット（事務局）',
      mfaFailed: '2段階認証の失敗',
      recoveryCodeUsed: 'リカバリーコードの使用',
      recoveryCodesRegenerated: 'リカバリーコードの再発行',
      passkeyAdded: 'パスキーの登録',
      passkeyRemoved: 'パスキーの削除',
    },
    account: {
      created: 'アカウント作成',
      updated: 'アカウント変更',
      deactivated: 'アカウント無効化',
      reactivated: 'アカウント再有効化',
    },
    organization: {
      created: '組織の登録',
      updated: '組織情報の変更',
    },
    moderation: {
      hide: '投稿の非表示',
      restore: '投稿の再表示',
      pin: 'ピン留め',
      unpin: 'ピン留めの解除',
      lock: 'スレッドのロック',
      unlock: 'スレッドのロック解除',
      edit: '投稿の編集（事務局）',
    },
    issue: {
      transitioned: '課題の状態変更',
      answered: '課題への回答',
      routed: '課題の回付・担当の変更',
      bulk: '課題の一括操作',
    },
    meeting: {
      statusChanged: '会議の状態変更',
      floor: '発言権の付与・解除',
    },
    minutes: {
      revised: '回覧中の議事録の修正（確認をやり直し）',
      published: '議事録の公開',
    },
    announcement: {
      published: 'お知らせの公開',
      corrected: '公開中のお知らせの訂正',
      withdrawn: 'お知らせの取り下げ',
      reminded: 'お知らせの確認督促',
    },
    status: {
      roundCreated: '開発状況調査の作成',
      roundChanged: '開発状況調査の変更',
      opened: '開発状況調査の開始',
      closed: '開発状況調査の締切',
      submitted: '開発状況報告の提出',
      returned: '開発状況報告の差し戻し',
      reminded: '開発状況報告の提出督促',
      reportersChanged: '開発状況報告の提出者の指定',
    },
    export: {
      issues: '課題管理表の出力',
      attendance: '出欠の出力',
      audit: '監査ログの出力',
      announcementTracker: 'お知らせ確認状況の出力',
      statusRound: '開発状況報告の出力',
    },
  } satisfies ActionLabels,
  channels: {
    http: 'Web',
    socket: 'リアルタイム接続',
    system: 'システム',
  } satisfies Record<AuditEntry['origin']['channel'], string>,
  targetKinds: {
    user: 'アカウント',
    organization: '組織',
    issue: '課題',
    meeting: '会議',
    thread: 'スレッド',
    message: '投稿',
    announcement: 'お知らせ',
    statusRound: '開発状況調査',
    statusReport: '開発状況報告',
  },
  filters: {
    title: '絞り込み',
    category: '操作の種類',
    categoryAll: 'すべて',
    from: '開始日',
    to: '終了日',
    dateHint: '日本時間。指定した日を含みます。',
    rangeInverted: '開始日が終了日より後になっています。',
    clear: '条件をクリア',
  },
  fields: {
    seq: '番号',
    at: '日時',
    action: '操作',
    actor: '実行者',
    target: '対象',
    origin: '接続元',
    detail: '詳細',
  },
  table: {
    caption: '監査ログ（新しい順）',
    results: '記録の一覧',
    shown_one: '{{count}}件を表示しています',
    shown_other: '{{count}}件を表示しています',
    shownAll_one: '{{count}}件をすべて表示しています',
    shownAll_other: '{{count}}件をすべて表示しています',
    noActor: '未ログイン',
    noTarget: '—',
    noDetail: '—',
    noIp: '不明',
    detailMore: '詳細をすべて表示',
    loadMore: 'さらに読み込む',
    loadingMore: '読み込んでいます…',
    loadMoreFailed: '続きを読み込めませんでした。',
    empty: '監査ログにはまだ記録がありません。',
    noMatch: '条件に合う記録はありません。',
  },
  export: {
    label: 'この条件で出力',
    xlsx: 'Excel（.xlsx）',
    csv: 'CSV',
    hint: '出力は古い順で、表示中の条件がすべて反映されます。出力したことも監査ログに記録されます。',
  },
  verify: {
    title: '改ざんの検証',
    hint: 'すべての記録について、ハッシュチェーンのつながりと内容（データベースの外に保管した鍵による署名）を確認し、データベースの外に残したアンカーと照合して、書き換えや末尾の削除がないかを確認します。',
    run: '改ざんを検証する',
    running: '検証しています…',
    ok: '改ざんは検出されませんでした（{{count}}件）',
    anchored: 'データベースの外に残したアンカー（番号 {{seq}}まで）とも一致しました。',
    notAnchored: 'アンカーはまだ残されていません。',
    broken: '番号 {{seq}} の記録で不整合を検出しました。',
    problem: '検出内容：{{problem}}',
    brokenNext: 'この記録以降は検証できていません。システム管理者に連絡し、バックアップと照合してください。',
    failed: '検証を実行できませんでした：{{message}}',
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
/** The shape every language's audit messages must have. */
export type AuditMessages = Widen<typeof auditJa>;
