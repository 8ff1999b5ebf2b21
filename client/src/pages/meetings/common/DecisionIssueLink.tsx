import { Link } from 'react-router';
import { useIssueRef, type IssueRef } from '@client/queries/meetings';

/**
 * A decision's register issue as a link "2025-0012 title". Issues linked to the agenda are known
 * already; any other is looked up once by id.
 */
export function DecisionIssueLink({ issueId, known }: { issueId: string; known: readonly IssueRef[] }) {
  const found = known.find((i) => i.id === issueId);
  const lookup = useIssueRef(found ? null : issueId);
  const issue = found ?? lookup.data;
  return (
    <Link to={`/register/${issueId}`}>
      {issue ? (
        <>
          <span className="numeric">{issue.number}</span> <span data-user-content>{issue.title}</span>
        </>
      ) : (
        issueId
      )}
    </Link>
  );
}
