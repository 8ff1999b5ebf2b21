import type { Person } from '@shared/schemas/threads';
import { useLanguage } from '@client/i18n/useLanguage';

export type OrganizationRef = Person['organization'];

/** The name of an organisation a record refers to (presenter, owner, an issue's raiser), in the reader's language. */
export function orgRefName(organization: OrganizationRef, language: 'ja' | 'en'): string {
  const primary = language === 'ja' ? organization.nameJa : organization.nameEn;
  return primary || organization.nameJa || organization.nameEn;
}

export function OrgRefName({ organization }: { organization: OrganizationRef }) {
  const [language] = useLanguage();
  return <span className="org-ref">{orgRefName(organization, language)}</span>;
}
