import { useErrorMessage } from '@client/components/useErrorMessage';
import { useVerifyAuditLog } from '@client/queries/audit';
import { useAuditT } from './useAuditT';

/** Runs the server's hash-chain check on demand and says what it found, in an alert region. */
export function ChainCheck() {
  const at = useAuditT();
  const errorMessage = useErrorMessage();
  const verify = useVerifyAuditLog();
  const result = verify.data;

  return (
    <section className="audit-verify" aria-labelledby="audit-verify-title">
      <h2 id="audit-verify-title" className="audit-verify__title">
        {at('audit.verify.title')}
      </h2>
      <p className="field__hint">{at('audit.verify.hint')}</p>
      <button
        type="button"
        className="button button--secondary"
        disabled={verify.isPending}
        aria-busy={verify.isPending || undefined}
        onClick={() => verify.mutate()}
      >
        {verify.isPending ? at('audit.verify.running') : at('audit.verify.run')}
      </button>
      {/* Always in the page, so a screen reader announces each new result as it arrives. */}
      <div role="alert" className="audit-verify__result">
        {verify.isPending ? null : verify.isError ? (
          <div className="notice notice--error">
            <p className="notice__title">{at('audit.verify.failed', { message: errorMessage(verify.error) })}</p>
          </div>
        ) : result?.ok ? (
          <div className="notice notice--success">
            <p className="notice__title">{at('audit.verify.ok', { count: result.entries })}</p>
            <p>{result.anchor ? at('audit.verify.anchored', { seq: result.anchor.seq }) : at('audit.verify.notAnchored')}</p>
          </div>
        ) : result ? (
          <div className="notice notice--error">
            <p className="notice__title">{at('audit.verify.broken', { seq: result.brokenAt ?? '?' })}</p>
            {result.problem && <p>{at('audit.verify.problem', { problem: result.problem })}</p>}
            <p>{at('audit.verify.brokenNext')}</p>
          </div>
        ) : null}
      </div>
    </section>
  );
}
