import { Link } from 'react-router';
import type { Organization } from '@shared/schemas/organizations';
import { useLanguage } from '@client/i18n/useLanguage';

/** An organisation's name in the reader's language, the other language below; optionally a link. */
export function OrganizationName({ organization, link = true }: { organization: Organization; link?: boolean }) {
  const [language] = useLanguage();
  const primary = language === 'ja' ? organization.nameJa : organization.nameEn;
  const secondary = language === 'ja' ? organization.nameEn : organization.nameJa;
  const secondaryLang = language === 'ja' ? 'en' : 'ja';
  return (
    <span className="org-name">
      {link ? (
        <Link to={`/organizations/${organization.id}`} className="org-name__primary">
          {primary}
        </Link>
      ) : (
        <span className="org-name__primary">{primary}</span>
      )}
      {secondary !== primary && (
        <span className="org-name__secondary" lang={secondaryLang} data-user-content>
          {secondary}
        </span>
      )}
    </span>
  );
}
