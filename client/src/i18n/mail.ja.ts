/**
 * E-mail's messages (メール通知): the page a mail's unsubscribe link opens, mounted under `mail` by
 * i18n/index.ts. Its shape is the contract mail.en.ts follows. The kinds' own names are the
 * notification settings' (`notifications.kinds.*`).
 */
export const mailJa = {
  unsubscribe: {
    title: 'メール通知の停止',
    lead: 'メールのリンクから開いたページです。ログインしていなくても操作できます。',
    kind: '「{{kind}}」をメールで受け取らないようにします。',
    digest: '毎日のまとめメールを受け取らないようにします。まとめで受け取っていた通知は、通知一覧にだけ表示されます。',
    address: '宛先：{{email}}',
    keepsInbox: '停止しても、通知はこれまでどおり通知一覧に表示されます。',
    confirm: 'メールを停止する',
    confirming: '停止しています…',
    done: '停止しました。',
    doneDigest: '毎日のまとめメールを停止しました。',
    settingsHint: '受け取り方は、ログイン後に「通知の設定」でいつでも変更できます。',
    settingsLink: '通知の設定を開く',
    invalid: 'このリンクは無効です。メールに記載されたリンクをそのまま開いてください。',
    missing: 'リンクに必要な情報がありません。メールに記載されたリンクをそのまま開いてください。',
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
/** The shape every language's mail messages must have. */
export type MailMessages = Widen<typeof mailJa>;
