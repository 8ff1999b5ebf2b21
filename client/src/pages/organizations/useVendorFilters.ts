import { useSearchParams } from 'react-router';
import { VENDOR_TYPES, type VendorType } from '@shared/domain';
import { BUSINESS_AREA_KEYS, type BusinessAreaKey } from '@shared/reference/council';
import type { Organization } from '@shared/schemas/organizations';

export interface VendorFilters {
  type: VendorType | null;
  area: BusinessAreaKey | null;
  name: string;
}

const isVendorType = (v: string | null): v is VendorType => (VENDOR_TYPES as readonly (string | null)[]).includes(v);
const isArea = (v: string | null): v is BusinessAreaKey => (BUSINESS_AREA_KEYS as readonly (string | null)[]).includes(v);

/** The vendor filters, kept in the URL (?type=&area=&q=) so a filtered view can be shared. */
export function useVendorFilters(): [VendorFilters, (change: Partial<VendorFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const type = params.get('type');
  const area = params.get('area');
  const filters: VendorFilters = {
    type: isVendorType(type) ? type : null,
    area: isArea(area) ? area : null,
    name: params.get('q') ?? '',
  };

  function update(change: Partial<VendorFilters>) {
    const next = { ...filters, ...change };
    const query = new URLSearchParams();
    if (next.type) query.set('type', next.type);
    if (next.area) query.set('area', next.area);
    if (next.name) query.set('q', next.name);
    // Typing should not fill the history with one entry per character.
    setParams(query, { replace: 'name' in change, preventScrollReset: true });
  }

  return [filters, update];
}

/** Full-width and half-width, upper and lower case all match each other. */
const fold = (s: string) => s.normalize('NFKC').toLowerCase();

export function applyVendorFilters(vendors: Organization[], filters: VendorFilters): Organization[] {
  const needle = fold(filters.name.trim());
  return vendors.filter(
    (v) =>
      (!filters.type || v.vendorType === filters.type) &&
      (!filters.area || v.businessAreas.includes(filters.area)) &&
      (!needle || fold(v.nameJa).includes(needle) || fold(v.nameEn).includes(needle) || (v.corporateNumber ?? '').includes(needle)),
  );
}
