/**
 * The register's fixed vocabulary in the reader's language: statuses, categories and priorities
 * (shared/register/rules.ts), ministries, business areas and the special migration reasons
 * (shared/reference/council.ts). One source for tables, filters, the timeline and the charts.
 */
import { useMemo } from 'react';
import {
  CATEGORY_LABELS,
  PRIORITY_LABELS,
  STATUS_LABELS,
  type IssueCategory,
  type IssueStatus,
  type Priority,
} from '@shared/register/rules';
import { BUSINESS_AREAS, OBSERVERS, SPECIAL_MIGRATION_REASONS } from '@shared/reference/council';
import type { Language } from '@client/i18n';
import { useLanguage } from '@client/i18n/useLanguage';

export interface RegisterLabels {
  language: Language;
  status: (status: IssueStatus) => string;
  category: (category: IssueCategory) => string;
  priority: (priority: Priority) => string;
  ministry: (key: string) => string;
  area: (key: string) => string;
  /** 事由1 / Reason 1: the short name used in tables and charts. */
  reasonShort: (key: string) => string;
  /** The reason's full text. */
  reasonText: (key: string) => string;
}

export function registerLabels(language: Language): RegisterLabels {
  const reason = (key: string) => SPECIAL_MIGRATION_REASONS.find((r) => r.key === key);
  return {
    language,
    status: (status) => STATUS_LABELS[status]?.[language] ?? status,
    category: (category) => CATEGORY_LABELS[category]?.[language] ?? category,
    priority: (priority) => PRIORITY_LABELS[priority]?.[language] ?? priority,
    ministry: (key) => OBSERVERS.find((o) => o.key === key)?.[language] ?? key,
    area: (key) => BUSINESS_AREAS.find((a) => a.key === key)?.[language] ?? key,
    reasonShort(key) {
      const found = reason(key);
      if (!found) return key;
      return language === 'ja' ? `事由${found.no}` : `Reason ${found.no}`;
    },
    reasonText: (key) => reason(key)?.[language] ?? key,
  };
}

export function useRegisterLabels(): RegisterLabels {
  const [language] = useLanguage();
  return useMemo(() => registerLabels(language), [language]);
}
