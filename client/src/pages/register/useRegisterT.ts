import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** A translate function for `register.*` keys that takes any key and interpolation options. */
export type RegisterT = (key: string, options?: Record<string, unknown>) => string;

/**
 * The register's messages live in i18n/register.*.ts and are mounted under `register` by the
 * app's message files. The typed `t` only knows keys that are already mounted, so the register
 * asks through this looser signature; the key strings are checked by the messages' shared shape.
 */
export function useRegisterT(): RegisterT {
  const { t } = useTranslation();
  return useMemo(() => t as unknown as RegisterT, [t]);
}
