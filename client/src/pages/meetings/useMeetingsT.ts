import { useTranslation } from 'react-i18next';

/** The typed translate function, for `meetings.*` keys (mounted under `meetings` by i18n/ja.ts). */
export function useMeetingsT() {
  return useTranslation().t;
}
export type MeetingsT = ReturnType<typeof useMeetingsT>;
