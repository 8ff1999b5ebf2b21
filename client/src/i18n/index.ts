/**
 * react-i18next set-up. Japanese is the default; a choice of English is remembered in
 * localStorage, and `<html lang>` follows the language so screen readers pronounce it right.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ja, type Messages } from './ja';
import { en } from './en';
import { auditJa, type AuditMessages } from './audit.ja';
import { auditEn } from './audit.en';
import { mailJa, type MailMessages } from './mail.ja';
import { mailEn } from './mail.en';
import { notificationsJa, type NotificationMessages } from './notifications.ja';
import { notificationsEn } from './notifications.en';
import { announcementsJa, type AnnouncementMessages } from './announcements.ja';
import { announcementsEn } from './announcements.en';
import { statusJa, type StatusMessages } from './status.ja';
import { statusEn } from './status.en';
import { searchJa, type SearchMessages } from './search.ja';
import { searchEn } from './search.en';

export const LANGUAGES = ['ja', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: Messages & {
        audit: AuditMessages;
        mail: MailMessages;
        notifications: NotificationMessages;
        announcements: AnnouncementMessages;
        status: StatusMessages;
        search: SearchMessages;
      };
    };
  }
}

const STORAGE_KEY = 'council.language';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : 'ja';
  } catch {
    return 'ja'; // Storage can be blocked (private mode, policy); Japanese is the default anyway.
  }
}

function syncDocument(language: string): void {
  document.documentElement.lang = language;
}

i18n.on('languageChanged', (language) => {
  syncDocument(language);
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not being able to remember the choice is harmless.
  }
});

void i18n.use(initReactI18next).init({
  // The audit log's messages are mounted here, beside those ja.ts and en.ts mount themselves.
  resources: {
    ja: {
      translation: {
        ...ja,
        audit: auditJa,
        mail: mailJa,
        notifications: notificationsJa,
        announcements: announcementsJa,
        status: statusJa,
        search: searchJa,
      },
    },
    en: {
      translation: {
        ...en,
        audit: auditEn,
        mail: mailEn,
        notifications: notificationsEn,
        announcements: announcementsEn,
        status: statusEn,
        search: searchEn,
      },
    },
  },
  lng: storedLanguage(),
  fallbackLng: 'ja',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false }, // React escapes already.
  returnNull: false,
});
syncDocument(i18n.language);

export { isLanguage };
export default i18n;
