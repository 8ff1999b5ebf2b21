import { Link } from 'react-router';
import type { IssueRef } from '@shared/schemas/issues';

/** A decision's register issue as a link "2025-0012 title" (the minutes carry its number and title; the bare id if it is gone). */
export function DecisionIssueLink({ issueId, issue }: { issueId: string; issue: IssueRef | null }) {
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
