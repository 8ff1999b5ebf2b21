import { useRegisterT } from '../useRegisterT';
import { PAGE_SIZES } from './useRegisterView';

interface Props {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  onPageSize: (pageSize: number) => void;
}

/** Previous / next, where we are, and how many rows a page shows. */
export function Pagination({ page, pageSize, total, onPage, onPageSize }: Props) {
  const rt = useRegisterT();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pagination" aria-label={rt('register.pagination.label')}>
      <button type="button" className="button button--secondary button--small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        <span aria-hidden="true">←</span>
        {rt('register.pagination.previous')}
      </button>
      <span className="pagination__where">
        {rt('register.pagination.where', { page, pages })}
      </span>
      <button type="button" className="button button--secondary button--small" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {rt('register.pagination.next')}
        <span aria-hidden="true">→</span>
      </button>
      <label className="pagination__size">
        <span>{rt('register.pagination.pageSize')}</span>
        <select className="select select--small" value={pageSize} onChange={(event) => onPageSize(Number(event.target.value))}>
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {rt('register.pagination.rows', { count: size })}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
