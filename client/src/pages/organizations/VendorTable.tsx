import { useTranslation } from 'react-i18next';
import type { Organization } from '@shared/schemas/organizations';
import { OrganizationName } from '@client/components/OrganizationName';
import { BusinessAreaTags } from '@client/components/BusinessAreaTags';

/** The member vendors: name (ja, en below), type, 法人番号, business areas. */
export function VendorTable({ vendors }: { vendors: Organization[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll" role="region" aria-labelledby="vendor-table-caption" tabIndex={0}>
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
