import { useTranslation } from 'react-i18next';
import { ORGANIZATION_PAGE_SIZE } from '@shared/schemas/organizations';
import { ErrorState } from '@client/components/ErrorState';
import { LoadingState } from '@client/components/LoadingState';
import { Pagination } from '@client/components/Pagination';
import { useDebouncedValue } from '@client/components/useDebouncedValue';
import { useOrganizationPage } from '@client/queries/organizations';
import { useVendorFilters } from './useVendorFilters';
import { VendorFilterForm } from './VendorFilterForm';
import { VENDOR_TABLE_ID, VendorTable } from './VendorTable';

/**
 * 会員事業者: the filters on top, then a page of the table (the server filters and pages). `held`
 * while the sections above load: its page loads meanwhile but shows after them, so nothing jumps.
 */
export function VendorSection({ held }: { held: boolean }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useVendorFilters();
  const name = useDebouncedValue(filters.name.trim(), 300);
  const list = useOrganizationPage({
    kind: 'vendor',
    vendorType: filters.type ?? undefined,
    businessArea: filters.area ?? undefined,
    q: name || undefined,
    page: filters.page,
    pageSize: ORGANIZATION_PAGE_SIZE,
  });
  const choices = list.data?.facets.vendorType;

  function turnTo(page: number) {
    setFilters({ page });
    // The new page starts at the top of the table: take the reader (and the keyboard) there.
    document.getElementById(VENDOR_TABLE_ID)?.focus();
  }

  if (held) return null;
  return (
    <section className="section" aria-labelledby="vendors-title">
      <h2 id="vendors-title">{t('organizations.vendors')}</h2>
      <VendorFilterForm
        filters={filters}
        counts={choices && { all: choices.development + choices.support, ...choices }}
        onChange={setFilters}
      />
      {list.isPending ? (
        <LoadingState />
      ) : list.isError && !list.data ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <VendorPage
          total={list.data.counts.total}
          page={list.data.paging?.page ?? 1}
          pageSize={list.data.paging?.pageSize ?? ORGANIZATION_PAGE_SIZE}
          vendors={list.data.organizations}
          busy={list.isPlaceholderData}
          onPage={turnTo}
        />
      )}
    </section>
  );
}

interface PageProps {
  total: number;
  page: number;
  pageSize: number;
  vendors: Parameters<typeof VendorTable>[0]['vendors'];
  busy: boolean;
  onPage: (page: number) => void;
}

/** How many match and which of them are shown, the table, and the way to the other pages. */
function VendorPage({ total, page, pageSize, vendors, busy, onPage }: PageProps) {
  const { t } = useTranslation();
  const from = (page - 1) * pageSize + 1;
  if (total === 0)
    return (
      <p className="muted" role="status">
        {t('organizations.noMatch')}
      </p>
    );
  if (vendors.length === 0) {
    // A page past the end (an old link, or fewer vendors since).
    return (
      <div className="state-panel">
        <p>{t('organizations.pastLastPage', { count: total })}</p>
        <button type="button" className="button button--secondary" onClick={() => onPage(1)}>
          {t('pagination.first')}
        </button>
      </div>
    );
  }
  return (
    <>
      <p className="result-count" role="status">
        {total > pageSize
          ? t('organizations.shownRange', { total, from, to: from + vendors.length - 1 })
          : t('organizations.shownAll', { count: total })}
      </p>
      <VendorTable vendors={vendors} busy={busy} />
      {total > pageSize && <Pagination page={page} pageSize={pageSize} total={total} onPage={onPage} />}
    </>
  );
}
