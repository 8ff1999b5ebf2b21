import { useSearchParams } from 'react-router';
import { VENDOR_TYPES, type VendorType } from '@shared/domain';
import { BUSINESS_AREA_KEYS, type BusinessAreaKey } from '@shared/reference/council';

export interface VendorFilters {
  type: VendorType | null;
  area: BusinessAreaKey | null;
  name: string;
  page: number;
}

const isVendorType = (v: string | null): v is VendorType => (VENDOR_TYPES as readonly (string | null)[]).includes(v);
const isArea = (v: string | null): v is BusinessAreaKey => (BUSINESS_AREA_KEYS as readonly (string | null)[]).includes(v);
const isPage = (n: number) => Number.isInteger(n) && n >= 1 && n <= 1_000;

/**
 * The vendor filters and page, kept in the URL (?type=&area=&q=&page=) so a filtered view can be
 * shared. A change of filter starts again at the first page.
 */
export function useVendorFilters(): [VendorFilters, (change: Partial<VendorFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const type = params.get('type');
  const area = params.get('area');
  const page = Number(params.get('page'));
  const filters: VendorFilters = {
    type: isVendorType(type) ? type : null,
    area: isArea(area) ? area : null,
    name: params.get('q') ?? '',
    page: isPage(page) ? page : 1,
  };

  function update(change: Partial<VendorFilters>) {
    const next = { ...filters, page: 1, ...change };
    const query = new URLSearchParams();
    if (next.type) query.set('type', next.type);
    if (next.area) query.set('area', next.area);
    if (next.name) query.set('q', next.name);
    if (next.page !== 1) query.set('page', String(next.page));
    // Typing should not fill the history with one entry per character.
    setParams(query, { replace: 'name' in change, preventScrollReset: true });
  }

  return [filters, update];
}
