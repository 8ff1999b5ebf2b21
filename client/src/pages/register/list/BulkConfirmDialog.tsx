import { ISSUE_LIMITS, type Issue, type IssueBulkChange } from '@shared/schemas/issues';
import { DialogActions, ModalDialog } from '@client/components/ModalDialog';
import { ReasonDialog } from '@client/components/ReasonDialog';
import { useRegisterLabels } from '../common/labels';
import { useRegisterT } from '../useRegisterT';

interface Props {
  issues: Issue[];
  change: IssueBulkChange;
  busy: boolean;
  error: string | null;
  onConfirm: (change: IssueBulkChange) => void;
  onCancel: () => void;
}

/** The one confirmation of a bulk change: the change, the issues it applies to (number and title) and, to reject, the reason. */
export function BulkConfirmDialog({ issues, change, busy, error, onConfirm, onCancel }: Props) {
  const rt = useRegisterT();
  const labels = useRegisterLabels();
  const count = issues.length;
  const title =
    change.kind === 'status'
      ? rt('register.bulk.statusTitle', { count, status: labels.status(change.status) })
      : rt('register.bulk.routeTitle', {
          count,
          ministry: change.ministry ? labels.ministry(change.ministry) : rt('register.bulk.ministryDerived'),
        });
  const list = (
    <section className="bulk-confirm__issues" aria-label={rt('register.bulk.issues')}>
      <ul>
        {issues.map((issue) => (
          <li key={issue.id}>
            <span className="numeric">{issue.number}</span> <span data-user-content>{issue.title}</span>
          </li>
        ))}
      </ul>
    </section>
  );
  const confirmLabel = busy ? rt('register.bulk.running') : rt('register.bulk.confirm');
  if (change.kind === 'status' && change.status === 'rejected') {
    return (
      <ReasonDialog
        title={title}
        body={rt('register.bulk.body')}
        reasonLabel={rt('register.bulk.reason')}
        reasonRequired
        confirmLabel={confirmLabel}
        tone="danger"
        busy={busy}
        error={error}
        maxLength={ISSUE_LIMITS.reasonLength}
        onConfirm={(reason) => onConfirm({ ...change, reason })}
        onCancel={onCancel}
      >
        {list}
      </ReasonDialog>
    );
  }
  return (
    <ModalDialog title={title} body={rt('register.bulk.body')} wide onCancel={onCancel}>
      {list}
      <p className="field__error" aria-live="polite">
        {error ?? ''}
      </p>
      <DialogActions confirmLabel={confirmLabel} busy={busy} onConfirm={() => onConfirm(change)} onCancel={onCancel} />
    </ModalDialog>
  );
}
