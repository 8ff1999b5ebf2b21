import type { SelectHTMLAttributes } from 'react';
import { OrganizationOptions } from '@client/components/OrganizationOptions';
import { useLanguage } from '@client/i18n/useLanguage';
import { useOrganizations } from '@client/queries/organizations';

interface Props extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> {
  value: string;
  onChange: (organizationId: string) => void;
  /** The label of the empty choice ("なし"). */
  noneLabel: string;
}

/** Choose one organisation (presenter, action-item owner), grouped as secretariat, vendors, observers. */
export function OrganizationSelect({ value, onChange, noneLabel, className = 'select', ...select }: Props) {
  const [language] = useLanguage();
  const directory = useOrganizations();
  const organizations = directory.data?.organizations ?? [];
  const name = (o: { nameJa: string; nameEn: string }) => (language === 'ja' ? o.nameJa : o.nameEn) || o.nameJa;

  return (
    <select
      className={className}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      aria-busy={directory.isPending || undefined}
      {...select}
    >
      <option value="">{noneLabel}</option>
      <OrganizationOptions organizations={[...organizations].sort((a, b) => name(a).localeCompare(name(b), language))} name={name} />
    </select>
  );
}
