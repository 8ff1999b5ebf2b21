import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Issue } from '@shared/schemas/issues';
import { BusinessAreaTags } from '@client/components/BusinessAreaTags';
import { DateTimeText } from '@client/components/DateTimeText';
import { useRegisterLabels } from '../common/labels';
import { DueDate, LeadTimeMark } from '../common/IssueMarks';
import { StatusBadge } from '../common/StatusBadge';
import { useRegisterT } from '../useRegisterT';
import { OPTIONAL_COLUMNS, useColumnLabels, type OptionalColumn } from './registerColumns';
import { SelectAllBox, SelectBox } from './SelectBox';
import { SortableHeader } from './SortableHeader';
import type { Selection } from './useSelection';
import type { IssueSort } from './useRegisterView';

interface Props {
  issues: Issue[];
  sort: IssueSort;
  onSort: (sort: IssueSort) => void;
  /** The rows are an earlier view's while the new one loads. */
  busy: boolean;
  /** The optional columns to show (registerColumns.ts). */
  columns: ReadonlySet<OptionalColumn>;
  /** The secretariat's tick boxes for bulk actions (none for anyone else). */
  selection?: Selection | undefined;
}

/** What an optional column sorts by, if it does. */
const SORTED_BY: Partial<Record<OptionalColumn, 'support' | 'due' | 'updated'>> = {
  support: 'support',
  dueDate: 'due',
  updatedAt: 'updated',
};
const HEADER_CLASS: Partial<Record<OptionalColumn, string>> = {
  support: 'register-table__support',
  dueDate: 'register-table__date',
  updatedAt: 'register-table__date',
};

/** The register table: one row per issue, the title as the row's heading and its link; optional columns as chosen. */
export function IssueTable({ issues, sort, onSort, busy, columns, selection }: Props) {
  const rt = useRegisterT();
  const label = useColumnLabels();
  const cell = useOptionalCell();
  const shown = OPTIONAL_COLUMNS.filter((c) => columns.has(c));
  return (
    <div
      className="table-scroll register-table-scroll"
      role="region"
      aria-labelledby="register-table-caption"
      tabIndex={0}
      aria-busy={busy || undefined}
    >
      <table className="table register-table">
        <caption id="register-table-caption" className="visually-hidden">
          {rt('register.list.caption')}
        </caption>
        <thead>
          <tr>
            {selection && (
              <td className="register-table__select">
                <SelectAllBox issues={issues} selection={selection} />
              </td>
            )}
            <SortableHeader column="number" label={rt('register.fields.number')} sort={sort} onSort={onSort} />
            <th scope="col" className="register-table__title-head">
              {rt('register.fields.title')}
            </th>
            <th scope="col">{rt('register.fields.status')}</th>
            {shown.map((column) => {
              const by = SORTED_BY[column];
              return by ? (
                <SortableHeader
                  key={column}
                  column={by}
                  label={label(column)}
                  sort={sort}
                  onSort={onSort}
                  className={HEADER_CLASS[column]}
                />
              ) : (
                <th key={column} scope="col">
                  {label(column)}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {issues.map((issue) => (
            <tr key={issue.id}>
              {selection && (
                <td className="register-table__select">
                  <SelectBox issue={issue} selection={selection} />
                </td>
              )}
              <td className="numeric">{issue.number}</td>
              <th scope="row" className="register-table__title">
                <Link to={`/register/${issue.id}`} data-user-content>
                  {issue.title}
                </Link>
              </th>
              <td>
                <StatusBadge status={issue.status} />
              </td>
              {shown.map((column) => (
                <td key={column} className={CELL_CLASS[column]}>
                  {cell(column, issue)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const CELL_CLASS: Record<OptionalColumn, string | undefined> = {
  businessAreas: 'register-table__areas',
  category: 'register-table__category',
  ministry: 'register-table__ministry',
  support: 'numeric register-table__count',
  dueDate: undefined,
  leadTime: undefined,
  updatedAt: 'small',
};

/** What an optional column shows of an issue (the table's cells; the phone cards show the same). */
export function useOptionalCell(): (column: OptionalColumn, issue: Issue) => ReactNode {
  const rt = useRegisterT();
  const labels = useRegisterLabels();
  return (column, issue) => {
    switch (column) {
      case 'businessAreas':
        return <BusinessAreaTags areas={issue.businessAreas} />;
      case 'category':
        return labels.category(issue.category);
      case 'ministry':
        return issue.ministry ? labels.ministry(issue.ministry) : <span className="muted">{rt('register.common.notSet')}</span>;
      case 'support':
        return issue.supportCount;
      case 'dueDate':
        return <DueDate issue={issue} />;
      case 'leadTime':
        return <LeadTimeMark issue={issue} />;
      case 'updatedAt':
        return <DateTimeText iso={issue.updatedAt} />;
    }
  };
}
