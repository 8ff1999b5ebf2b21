import { useTranslation } from 'react-i18next';

interface Props {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  /** The sizes a person may choose, with `onPageSize`; without them the size is fixed. */
  pageSizes?: readonly number[];
  onPageSize?: (pageSize: number) => void;
}

/** Previous / next, where we are, and (where the list offers it) how many rows a page shows. */
export function Pagination({ page, pageSize, total, onPage, pageSizes, onPageSize }: Props) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <button type="button" className="button button--secondary button--small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        <span aria-hidden="true">←</span>
        {t('pagination.previous')}
      </button>
      <span className="pagination__where">{t('pagination.where', { page, pages })}</span>
      <button type="button" className="button button--secondary button--small" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('pagination.next')}
        <span aria-hidden="true">→</span>
      </button>
      {pageSizes && onPageSize && (
        <label className="pagination__size">
          <span>{t('pagination.pageSize')}</span>
          <select className="select select--small" value={pageSize} onChange={(event) => onPageSize(Number(event.target.value))}>
            {pageSizes.map((size) => (
              <option key={size} value={size}>
                {t('pagination.rows', { count: size })}
              </option>
            ))}
          </select>
        </label>
      )}
    </nav>
  );
}
