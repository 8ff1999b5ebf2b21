import { useTranslation } from 'react-i18next';
import type { Organization } from '@shared/schemas/organizations';
import { OrganizationName } from '@client/components/OrganizationName';
import { BusinessAreaTags } from '@client/components/BusinessAreaTags';

/** The table's scrolling region, which a turn of the page focuses. */
export const VENDOR_TABLE_ID = 'vendor-table';

/** A page of member vendors: name (ja, en below), type, 法人番号, business areas. `busy`: the rows are the last page's while the next loads. */
export function VendorTable({ vendors, busy = false }: { vendors: Organization[]; busy?: boolean }) {
  const { t } = useTranslation();
  return (
    <div id={VENDOR_TABLE_ID} className="table-scroll" role="region" aria-labelledby="vendor-table-caption" tabIndex={0} aria-busy={busy || undefined}>
      <table className="table">
        <caption id="vendor-table-caption" className="visually-hidden">
          {t('organizations.table.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('organizations.table.name')}</th>
            <th scope="col">{t('organizations.table.type')}</th>
            <th scope="col">{t('organizations.table.corporateNumber')}</th>
            <th scope="col">{t('organizations.table.areas')}</th>
          </tr>
        </thead>
        <tbody>
          {vendors.map((vendor) => (
            <tr key={vendor.id}>
              <th scope="row">
                <OrganizationName organization={vendor} />
              </th>
              <td className="nowrap">{vendor.vendorType ? t(`vendorTypes.${vendor.vendorType}`) : '—'}</td>
              <td className="numeric">{vendor.corporateNumber ?? '—'}</td>
              <td>
                <BusinessAreaTags areas={vendor.businessAreas} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
