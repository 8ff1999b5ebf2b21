import type { IssueSort } from './useRegisterView';

type SortColumn = 'number' | 'updated' | 'support' | 'due';

interface Props {
  column: SortColumn;
  label: string;
  sort: IssueSort;
  onSort: (sort: IssueSort) => void;
  className?: string;
}

/** Where a first click sorts: the newest, most supported and latest first; due dates soonest first. */
const FIRST_DIRECTION: Record<SortColumn, 'asc' | 'desc'> = { number: 'desc', updated: 'desc', support: 'desc', due: 'asc' };

/** A column heading that sorts by its column; a second click reverses. aria-sort tells the state. */
export function SortableHeader({ column, label, sort, onSort, className }: Props) {
  const direction = sort === column ? 'asc' : sort === `-${column}` ? 'desc' : null;
  const next = (direction ?? (FIRST_DIRECTION[column] === 'asc' ? 'desc' : 'asc')) === 'asc' ? `-${column}` : column;
  return (
    <th scope="col" className={className} aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none'}>
      <button type="button" className="sort-button" onClick={() => onSort(next as IssueSort)}>
        {label}
        <span className="sort-button__icon" aria-hidden="true">
          {direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : '⇅'}
        </span>
      </button>
    </th>
  );
}
