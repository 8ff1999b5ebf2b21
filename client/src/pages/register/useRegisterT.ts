import { useTranslation } from 'react-i18next';

/** The typed translate function, for `register.*` keys (mounted under `register` by i18n/ja.ts). */
export function useRegisterT() {
  return useTranslation().t;
}
export type RegisterT = ReturnType<typeof useRegisterT>;
