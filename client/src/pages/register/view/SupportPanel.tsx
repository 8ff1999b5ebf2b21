import { useState } from 'react';
import type { IssueDetail } from '@shared/schemas/issues';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useSupportIssue } from '@client/queries/issues';
import { OrgRefName } from '@client/components/OrgRefName';
import { useRegisterT } from '../useRegisterT';

/**
 * 同様の課題あり: how many vendor organisations have this problem too, which ones, and (for
 * vendors) the toggle that adds or withdraws one's own organisation. Counted per organisation.
 */
export function SupportPanel({ detail }: { detail: IssueDetail }) {
  const rt = useRegisterT();
  const errorMessage = useErrorMessage();
  const support = useSupportIssue(detail.issue.id);
  const [error, setError] = useState<string | null>(null);
  const { support: canSupport, withdrawSupport } = detail.abilities;
  // Support that cannot be withdrawn is the raiser's organisation's own (the server says so).
  const raisedByUs = canSupport && !withdrawSupport && detail.supportedByMe;

  function toggle() {
    setError(null);
    support.mutate(!detail.supportedByMe, { onError: (failure) => setError(errorMessage(failure)) });
  }

  return (
    <section className="side-panel" aria-labelledby="support-title">
      <h2 id="support-title" className="side-panel__title">
        {rt('register.support.title')}
      </h2>
      <p className="support-count">
        <span className="support-count__number">{detail.issue.supportCount}</span>
        <span>{rt('register.support.organizations', { count: detail.issue.supportCount })}</span>
      </p>
      {canSupport &&
        (raisedByUs ? (
          <p className="field__hint">{rt('register.support.raisedByUs')}</p>
        ) : (
          <>
            <button
              type="button"
              className={detail.supportedByMe ? 'button button--primary support-toggle' : 'button button--secondary support-toggle'}
              aria-pressed={detail.supportedByMe}
              aria-describedby="support-state"
              disabled={support.isPending}
              onClick={toggle}
            >
              {/* The page's text may break anywhere (long Japanese words); "+1" must not. */}
              <span aria-hidden="true" className="nowrap">
                {detail.supportedByMe ? '✓' : '+1'}
              </span>
              {rt('register.support.toggle')}
            </button>
            <p id="support-state" className="field__hint" aria-live="polite">
              {detail.supportedByMe ? rt('register.support.on') : rt('register.support.off')}
            </p>
          </>
        ))}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      {detail.supporters.length > 0 && (
        <details className="support-list">
          <summary>{rt('register.support.listSummary', { count: detail.supporters.length })}</summary>
          <ul>
            {detail.supporters.map((organization) => (
              <li key={organization.id}>
                <OrgRefName organization={organization} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
