import type { MailMessages } from './mail.ja';

/** E-mail's messages in English, mounted under `mail` by i18n/index.ts. */
export const mailEn: MailMessages = {
  unsubscribe: {
    title: 'Stop e-mail notifications',
    lead: 'You opened this page from a link in an e-mail. You do not need to sign in.',
    kind: 'Stop e-mail for “{{kind}}”.',
    digest: 'Stop the daily digest e-mail. What it listed will show in your notifications only.',
    address: 'Sent to: {{email}}',
    keepsInbox: 'Your notifications will still show in the notification list.',
    confirm: 'Stop these e-mails',
    confirming: 'Stopping…',
    done: 'Done: these e-mails are stopped.',
    doneDigest: 'Done: the daily digest is stopped.',
    settingsHint: 'You can change how you are notified at any time under Notification settings after signing in.',
    settingsLink: 'Open notification settings',
    invalid: 'This link is not valid. Please open the link exactly as it appears in the e-mail.',
    missing: 'This link is incomplete. Please open the link exactly as it appears in the e-mail.',
  },
};
