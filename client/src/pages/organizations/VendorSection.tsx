import { useTranslation } from 'react-i18next';
import type { Organization } from '@shared/schemas/organizations';
import { applyVendorFilters, useVendorFilters } from './useVendorFilters';
import { VendorFilterForm } from './VendorFilterForm';
import { VendorTable } from './VendorTable';

interface Props {
  vendors: Organization[];
  counts: { development: number; support: number };
}

/** 会員事業者: counts, filters and the table. */
export function VendorSection({ vendors, counts }: Props) {
  const { t } = useTranslation();
  const [filters, setFilters] = useVendorFilters();
  const shown = applyVendorFilters(vendors, filters);

  return (
    <section className="section" aria-labelledby="vendors-title">
      <h2 id="vendors-title">{t('organizations.vendors')}</h2>
      <p>{t('organizations.vendorsSummary', { total: vendors.length, ...counts })}</p>
      <VendorFilterForm filters={filters} counts={{ all: vendors.length, ...counts }} onChange={setFilters} />
      <p className="result-count" role="status">
        {t('organizations.shown', { count: shown.length })}
      </p>
      {shown.length === 0 ? <p className="muted">{t('organizations.noMatch')}</p> : <VendorTable vendors={shown} />}
    </section>
  );
}
