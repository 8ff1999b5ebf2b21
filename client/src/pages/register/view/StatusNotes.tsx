import { Link } from 'react-router';
import type { Issue } from '@shared/schemas/issues';
import { Notice } from '@client/components/Notice';
import { useRegisterT } from '../useRegisterT';

/** Why a settled issue is settled: the rejection's reason, or the issue it duplicates. */
export function StatusNotes({ issue }: { issue: Issue }) {
  const rt = useRegisterT();
  if (issue.status === 'rejected') {
    return (
      <Notice tone="warning" title={rt('register.detail.rejectedTitle')}>
        <p>{issue.rejectionReason ?? rt('register.detail.noReason')}</p>
      </Notice>
    );
  }
  if (issue.status === 'duplicate') {
    return (
      <Notice tone="info" title={rt('register.detail.duplicateTitle')}>
        {issue.duplicateOf ? (
          <p>
            {rt('register.detail.duplicateOf')}
            <Link to={`/register/${issue.duplicateOf.id}`}>
              <span className="numeric">{issue.duplicateOf.number}</span> <span data-user-content>{issue.duplicateOf.title}</span>
            </Link>
          </p>
        ) : (
          <p>{rt('register.detail.duplicateUnknown')}</p>
        )}
      </Notice>
    );
  }
  return null;
}
