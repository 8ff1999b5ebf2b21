import { useState } from 'react';
import { isOpen, type IssueStatus } from '@shared/register/rules';
import type { IssueDetail, TransitionBody } from '@shared/schemas/issues';
import { isApiError } from '@client/api';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useTransitionIssue } from '@client/queries/issues';
import { useRegisterLabels } from '../common/labels';
import { StatusBadge } from '../common/StatusBadge';
import { useRegisterT } from '../useRegisterT';
import { DuplicateDialog } from './DuplicateDialog';
import { ISSUE_LIMITS } from '@shared/schemas/issues';
import { ReasonDialog } from '@client/components/ReasonDialog';

/**
 * The secretariat moves the issue on: one button per transition the server allows from here
 * (IssueDetail.allowedTransitions); 却下 asks for a reason and 重複 for the surviving issue.
 */
export function TransitionControls({ detail }: { detail: IssueDetail }) {
  const rt = useRegisterT();
  const labels = useRegisterLabels();
  const errorMessage = useErrorMessage();
  const { issue, allowedTransitions } = detail;
  const transition = useTransitionIssue(issue.id);
  const [dialog, setDialog] = useState<'rejected' | 'duplicate' | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The status we moved it to: the confirmation shows only while the issue is still there.
  const [done, setDone] = useState<IssueStatus | null>(null);

  // A 409 says which transitions exist from the current status; that is the useful part.
  const describe = (failure: unknown) =>
    isApiError(failure) && failure.status === 409 ? rt('register.transition.refused', { message: failure.detail }) : errorMessage(failure);

  function move(body: TransitionBody) {
    setError(null);
    setDone(null);
    transition.mutate(body, {
      onSuccess(moved) {
        setDialog(null);
        setDone(moved.status);
      },
      onError: (failure) => setError(describe(failure)),
    });
  }

  function choose(to: IssueStatus) {
    if (to === 'rejected' || to === 'duplicate') {
      setError(null);
      setDone(null);
      setDialog(to);
    } else {
      move({ to });
    }
  }

  const label = (to: IssueStatus) =>
    to === 'accepted' && !isOpen(issue.status)
      ? rt('register.transition.reopen', { status: labels.status(to) })
      : rt('register.transition.to', { status: labels.status(to) });

  return (
    <section className="side-panel" aria-labelledby="transition-title">
      <h2 id="transition-title" className="side-panel__title">
        {rt('register.transition.title')}
      </h2>
      <p className="transition__current">
        {rt('register.transition.current')}
        <StatusBadge status={issue.status} />
      </p>
      <div className="transition__buttons">
        {allowedTransitions.map((to) => {
          const needsAnswer = to === 'answered' && issue.answerCount === 0;
          return (
            <button
              key={to}
              type="button"
              className={to === 'rejected' ? 'button button--danger-outline button--small' : 'button button--secondary button--small'}
              disabled={transition.isPending || needsAnswer}
              aria-describedby={needsAnswer ? 'transition-needs-answer' : undefined}
              onClick={() => choose(to)}
            >
              {label(to)}
            </button>
          );
        })}
      </div>
      {allowedTransitions.includes('answered') && issue.answerCount === 0 && (
        <p id="transition-needs-answer" className="field__hint">
          {rt('register.transition.needsAnswer')}
        </p>
      )}
      <div aria-live="polite" className="transition__status">
        {done === issue.status && <p className="transition__done">{rt('register.transition.done', { status: labels.status(done) })}</p>}
        {error && !dialog && <p className="field__error">{error}</p>}
      </div>
      {dialog === 'rejected' && (
        <ReasonDialog
          title={rt('register.transition.rejectTitle')}
          body={rt('register.transition.rejectBody')}
          reasonLabel={rt('register.transition.rejectReason')}
          reasonRequired
          confirmLabel={rt('register.transition.rejectConfirm')}
          tone="danger"
          busy={transition.isPending}
          error={error}
          maxLength={ISSUE_LIMITS.reasonLength}
          onConfirm={(reason) => move({ to: 'rejected', reason: reason! })}
          onCancel={() => setDialog(null)}
        />
      )}
      {dialog === 'duplicate' && (
        <DuplicateDialog
          issue={issue}
          busy={transition.isPending}
          error={error}
          onConfirm={(duplicateOf) => move({ to: 'duplicate', duplicateOf })}
          onCancel={() => setDialog(null)}
        />
      )}
    </section>
  );
}
