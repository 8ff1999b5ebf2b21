import { useTranslation } from 'react-i18next';

/** The typed translate function, for `announcements.*` keys (mounted under `announcements` by i18n/index.ts). */
export function useAnnouncementsT() {
  return useTranslation().t;
}
export type AnnouncementsT = ReturnType<typeof useAnnouncementsT>;
