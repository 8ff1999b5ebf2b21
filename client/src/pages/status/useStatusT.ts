import { useTranslation } from 'react-i18next';

/** The typed translate function, for `status.*` keys (mounted under `status` by i18n/index.ts). */
export function useStatusT() {
  return useTranslation().t;
}
export type StatusT = ReturnType<typeof useStatusT>;
