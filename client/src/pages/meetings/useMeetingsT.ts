import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** A translate function for `meetings.*` keys that takes any key and interpolation options. */
export type MeetingsT = (key: string, options?: Record<string, unknown>) => string;

/**
 * The meetings' messages live in i18n/meetings.*.ts and are mounted under `meetings` by the app's
 * message files. The typed `t` only knows keys that are already mounted, so this feature asks
 * through a looser signature; both languages share one shape (MeetingsMessages), which keeps
 * the keys in step.
 */
export function useMeetingsT(): MeetingsT {
  const { t } = useTranslation();
  return useMemo<MeetingsT>(() => (key, options) => String(t(key as never, options as never)), [t]);
}
