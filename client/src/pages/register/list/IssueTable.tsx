import { Link } from 'react-router';
import type { Issue } from '@shared/schemas/issues';
import { BusinessAreaTags } from '@client/components/BusinessAreaTags';
import { DateTimeText } from '@client/components/DateTimeText';
import { useRegisterLabels } from '../common/labels';
import { DueDate, LeadTimeMark } from '../common/IssueMarks';
import { StatusBadge } from '../common/StatusBadge';
import { useRegisterT } from '../useRegisterT';
import { SortableHeader } from './SortableHeader';
import type { IssueSort } from './useRegisterView';

interface Props {
  issues: Issue[];
  sort: IssueSort;
  onSort: (sort: IssueSort) => void;
  /** The rows are an earlier view's while the new one loads. */
  busy: boolean;
}

/** The register table: one row per issue, the title as the row's heading and its link. */
export function IssueTable({ issues, sort, onSort, busy }: Props) {
  const rt = useRegisterT();
  const labels = useRegisterLabels();
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
            <SortableHeader column="number" label={rt('register.fields.number')} sort={sort} onSort={onSort} />
            <th scope="col">{rt('register.fields.title')}</th>
            <th scope="col">{rt('register.fields.status')}</th>
            <th scope="col">{rt('register.fields.businessAreas')}</th>
            <th scope="col">{rt('register.fields.category')}</th>
            <th scope="col">{rt('register.fields.ministry')}</th>
            <SortableHeader
              column="support"
              label={rt('register.fields.supportShort')}
              sort={sort}
              onSort={onSort}
              className="register-table__support"
            />
            <SortableHeader
              column="due"
              label={rt('register.fields.dueDate')}
              sort={sort}
              onSort={onSort}
              className="register-table__date"
            />
            <th scope="col">{rt('register.fields.leadTime')}</th>
            <SortableHeader
              column="updated"
              label={rt('register.fields.updatedAt')}
              sort={sort}
              onSort={onSort}
              className="register-table__date"
            />
          </tr>
        </thead>
        <tbody>
          {issues.map((issue) => (
            <tr key={issue.id}>
              <td className="numeric">{issue.number}</td>
              <th scope="row" className="register-table__title">
                <Link to={`/register/${issue.id}`} data-user-content>
                  {issue.title}
                </Link>
              </th>
              <td>
                <StatusBadge status={issue.status} />
              </td>
              <td className="register-table__areas">
                <BusinessAreaTags areas={issue.businessAreas} />
              </td>
              <td className="register-table__category">{labels.category(issue.category)}</td>
              <td className="register-table__ministry">
                {issue.ministry ? labels.ministry(issue.ministry) : <span className="muted">{rt('register.common.notSet')}</span>}
              </td>
              <td className="numeric register-table__count">{issue.supportCount}</td>
              <td>
                <DueDate issue={issue} />
              </td>
              <td>
                <LeadTimeMark issue={issue} />
              </td>
              <td className="small">
                <DateTimeText iso={issue.updatedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
