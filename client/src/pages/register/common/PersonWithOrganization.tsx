import type { Person } from '@shared/schemas/threads';
import { useLanguage } from '@client/i18n/useLanguage';

type OrganizationRef = Person['organization'];

/** An organisation as an issue refers to it (id and both names), in the reader's language. */
export function OrganizationRefName({ organization }: { organization: OrganizationRef }) {
  const [language] = useLanguage();
  const primary = language === 'ja' ? organization.nameJa : organization.nameEn;
  return <span className="org-ref">{primary || organization.nameJa || organization.nameEn}</span>;
}

/** A person and their organisation: 山田 花子（デジタル庁）. */
export function PersonWithOrganization({ person }: { person: Person }) {
  return (
    <span className="person-ref">
      <span className="person-ref__name">{person.displayName}</span>
      <span className="person-ref__org">
        <OrganizationRefName organization={person.organization} />
      </span>
    </span>
  );
}
