import { useTranslation } from 'react-i18next';

/** The typed translate function, for `audit.*` keys (mounted under `audit` by i18n/index.ts). */
export function useAuditT() {
  return useTranslation().t;
}
export type AuditT = ReturnType<typeof useAuditT>;
