import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organization } from '@shared/schemas/organizations';
import { Field } from '@client/components/Field';
import { OrganizationOptions } from '@client/components/OrganizationOptions';
import { useLanguage } from '@client/i18n/useLanguage';

interface Props {
  organizations: Organization[];
  selectedId: string | null;
  onSelect: (id: string | null) => void;
}

const fold = (s: string) => s.normalize('NFKC').toLowerCase();

/** A search box that narrows a grouped <select> of every organisation. */
export function OrganizationPicker({ organizations, selectedId, onSelect }: Props) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const [search, setSearch] = useState('');
  const needle = fold(search.trim());
  const name = (o: Organization) => (language === 'ja' ? o.nameJa : o.nameEn);
  // The chosen organisation stays selectable even when the search no longer matches it.
  const matches = organizations.filter(
    (o) => o.id === selectedId || !needle || fold(o.nameJa).includes(needle) || fold(o.nameEn).includes(needle),
  );

  return (
    <fieldset className="picker card">
      <legend className="picker__legend">{t('accounts.picker.legend')}</legend>
      <div className="picker__fields">
        <Field label={t('accounts.picker.search')}>
          {(control) => <input type="search" className="input" {...control} value={search} onChange={(e) => setSearch(e.target.value)} />}
        </Field>
        <Field label={t('accounts.picker.select')}>
          {(control) => (
            <select className="select" {...control} value={selectedId ?? ''} onChange={(e) => onSelect(e.target.value || null)}>
              <option value="">{t('accounts.picker.placeholder')}</option>
              <OrganizationOptions organizations={matches} name={name} />
            </select>
          )}
        </Field>
      </div>
      <p className="small muted" role="status">
        {needle ? t('accounts.picker.matches', { count: matches.length }) : ''}
      </p>
    </fieldset>
  );
}
