import { useTranslation } from 'react-i18next';
import { VENDOR_TYPES } from '@shared/domain';
import { BusinessAreaSelect } from '@client/components/BusinessAreaSelect';
import { Field } from '@client/components/Field';
import type { VendorFilters } from './useVendorFilters';

interface Props {
  filters: VendorFilters;
  /** What each type would show with the other filters kept; absent until the first page arrives. */
  counts: { all: number; development: number; support: number } | undefined;
  onChange: (change: Partial<VendorFilters>) => void;
}

/** Type (radio), business area (select) and name (text); every change applies at once. */
export function VendorFilterForm({ filters, counts, onChange }: Props) {
  const { t } = useTranslation();
  const active = filters.type !== null || filters.area !== null || filters.name !== '';

  return (
    <div className="filters" role="search" aria-label={t('organizations.filters.legend')}>
      <fieldset className="filters__type">
        <legend className="field__label">{t('organizations.filters.type')}</legend>
        <div className="segmented">
          {([null, ...VENDOR_TYPES] as const).map((type) => (
            <label key={type ?? 'all'} className="segmented__option">
              <input
                type="radio"
                name="vendor-type"
                checked={filters.type === type}
                onChange={() => onChange({ type })}
              />
              <span>
                {type ? t(`vendorTypes.${type}`) : t('common.all')}
                {counts && <span className="segmented__count">{counts[type ?? 'all']}</span>}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <BusinessAreaSelect
        label={t('organizations.filters.area')}
        anyLabel={t('organizations.filters.areaAll')}
        value={filters.area}
        onChange={(area) => onChange({ area })}
      />
      <Field label={t('organizations.filters.name')}>
        {(control) => (
          <input
            type="search"
            className="input"
            {...control}
            value={filters.name}
            placeholder={t('organizations.filters.namePlaceholder')}
            onChange={(event) => onChange({ name: event.target.value })}
          />
        )}
      </Field>
      {active && (
        <button type="button" className="button button--tertiary filters__clear" onClick={() => onChange({ type: null, area: null, name: '' })}>
          {t('organizations.filters.clear')}
        </button>
      )}
    </div>
  );
}
