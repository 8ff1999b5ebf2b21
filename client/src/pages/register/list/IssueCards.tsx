import { Link } from 'react-router';
import type { Issue } from '@shared/schemas/issues';
import { StatusBadge } from '../common/StatusBadge';
import { useRegisterT } from '../useRegisterT';
import { useOptionalCell } from './IssueTable';
import { SelectAllBox, SelectBox } from './SelectBox';
import type { Selection } from './useSelection';
import { OPTIONAL_COLUMNS, useColumnLabels, type OptionalColumn } from './registerColumns';

/** The register on a phone: one card per issue (no sideways scroll), with the chosen columns as its particulars. */
export function IssueCards({
  issues,
  columns,
  busy,
  selection,
}: {
  issues: Issue[];
  columns: ReadonlySet<OptionalColumn>;
  busy: boolean;
  /** The secretariat's tick boxes for bulk actions (none for anyone else). */
  selection?: Selection | undefined;
}) {
  const rt = useRegisterT();
  const label = useColumnLabels();
  const cell = useOptionalCell();
  const shown = OPTIONAL_COLUMNS.filter((c) => columns.has(c));
  return (
    <div className="register-cards-wrap">
      {selection && (
        <label className="register-cards__select-all">
          <SelectAllBox issues={issues} selection={selection} />
          {rt('register.bulk.selectAll')}
        </label>
      )}
      <ul className="register-cards" aria-label={rt('register.list.caption')} aria-busy={busy || undefined}>
        {issues.map((issue) => (
          <li key={issue.id} className="register-card">
            <p className="register-card__top">
              {selection && <SelectBox issue={issue} selection={selection} />}
              <span className="numeric">{issue.number}</span>
              <StatusBadge status={issue.status} />
            </p>
            <h3 className="register-card__title">
              <Link to={`/register/${issue.id}`} data-user-content>
                {issue.title}
              </Link>
            </h3>
            <dl className="register-card__facts">
              {shown.map((column) => (
                <div key={column} className="register-card__fact">
                  <dt>{label(column)}</dt>
                  <dd>{cell(column, issue)}</dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
    </div>
  );
}
