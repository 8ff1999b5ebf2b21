import type { IssueBulkResult } from '@shared/schemas/issues';
import { useRegisterLabels } from '../common/labels';
import { useRegisterT } from '../useRegisterT';

/** What the last bulk change came to: how many changed, and each issue that did not, with why. Inside the caller's live region. */
export function BulkResults({ result }: { result: IssueBulkResult }) {
  const rt = useRegisterT();
  const failures = result.results.flatMap((r) => (r.ok ? [] : [r]));
  const labels = useRegisterLabels();
  // The server's own message is English detail for the API; the reader gets the case and the status it started from.
  const reasonOf = (f: (typeof failures)[number]) =>
    f.code === 'conflict' && f.status
      ? rt('register.bulk.reasons.conflict', { status: labels.status(f.status) })
      : rt(`register.bulk.reasons.${f.code === 'not_found' ? 'not_found' : 'other'}`);
  return (
    <div className={failures.length ? 'notice notice--warning' : 'notice notice--success'}>
      <p>
        {rt('register.bulk.done', { count: result.succeeded })}
        {failures.length > 0 && rt('register.bulk.failed', { count: result.failed })}
      </p>
      {failures.length > 0 && (
        <>
          <h3 className="notice__title">{rt('register.bulk.failures')}</h3>
          <ul>
            {failures.map((f) => (
              <li key={f.id}>{rt('register.bulk.failure', { number: f.number ?? f.id, reason: reasonOf(f) })}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
