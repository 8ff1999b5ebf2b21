import type { Person } from '@shared/schemas/threads';
import { useLanguage } from '@client/i18n/useLanguage';

/** A person with their organisation in the reader's language: 山田 花子（デジタル庁）. */
export function PersonName({ person }: { person: Person }) {
  const [language] = useLanguage();
  const organization = language === 'ja' ? person.organization.nameJa : person.organization.nameEn;
  return (
    <span className="person-name">
      <span className="person-name__name" data-user-content>
        {person.displayName}
      </span>
      <span className="person-name__org">{organization}</span>
    </span>
  );
}
