/**
 * The words of 開発状況報告 in the reader's language: the council's business areas and special
 * migration reasons (the register's labels, from shared/reference/council.ts), organisations, and
 * numbers written with their unit.
 */
import { useMemo } from 'react';
import { orgRefName, type OrganizationRef } from '@client/components/OrgRefName';
import type { Language } from '@client/i18n';
import { useLanguage } from '@client/i18n/useLanguage';
import { registerLabels } from '@client/pages/register/common/labels';

export interface StatusLabels {
  language: Language;
  area: (key: string) => string;
  ministry: (key: string) => string;
  /** 事由1 / Reason 1 */
  reasonShort: (key: string) => string;
  /** The reason's full text (the council's words). */
  reasonText: (key: string) => string;
  organization: (organization: OrganizationRef) => string;
  /** 1,234 */
  count: (n: number) => string;
  /** +3 / −2 / ±0: a change since the previous round. */
  change: (n: number) => string;
}

export function useStatusLabels(): StatusLabels {
  const [language] = useLanguage();
  return useMemo(() => {
    const register = registerLabels(language);
    const numbers = new Intl.NumberFormat(language === 'ja' ? 'ja-JP' : 'en-GB');
    return {
      language,
      area: register.area,
      ministry: register.ministry,
      reasonShort: register.reasonShort,
      reasonText: register.reasonText,
      organization: (organization) => orgRefName(organization, language),
      count: (n) => numbers.format(n),
      change: (n) => (n > 0 ? `+${numbers.format(n)}` : n < 0 ? `−${numbers.format(-n)}` : '±0'),
    };
  }, [language]);
}
