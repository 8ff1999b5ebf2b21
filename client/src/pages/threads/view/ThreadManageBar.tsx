import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Thread, ThreadAbilities } from '@shared/schemas/threads';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useUpdateThread } from '@client/queries/threads';
import { ReasonDialog } from '@client/components/ReasonDialog';
import { ThreadEditForm } from './ThreadEditForm';

type ModerationStep = 'pin' | 'unpin' | 'lock' | 'unlock';

const CHANGE: Record<ModerationStep, { pinned?: boolean; locked?: boolean }> = {
  pin: { pinned: true },
  unpin: { pinned: false },
  lock: { locked: true },
  unlock: { locked: false },
};

/** Edit and ✔ resolved for the author and the secretariat; pin and lock, with a reason, for the secretariat (the server says who). */
export function ThreadManageBar({ thread, abilities }: { thread: Thread; abilities: ThreadAbilities }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const update = useUpdateThread(thread.id);
  const [asking, setAsking] = useState<ModerationStep | null>(null);
  const [editing, setEditing] = useState(false);
  if (!abilities.edit && !abilities.pin && !abilities.lock) return null;

  const steps: ModerationStep[] = [
    ...(abilities.pin ? [thread.pinned ? 'unpin' : 'pin'] : []),
    ...(abilities.lock ? [thread.locked ? 'unlock' : 'lock'] : []),
  ] as ModerationStep[];

  if (editing) return <ThreadEditForm thread={thread} onDone={() => setEditing(false)} />;

  return (
    <div className="thread-manage" role="group" aria-label={t('threads.manage.label')}>
      {abilities.edit && (
        <>
          <button type="button" className="button button--secondary button--small" onClick={() => setEditing(true)}>
            {t('threads.manage.edit')}
          </button>
          <button
            type="button"
            className={thread.resolved ? 'button button--secondary button--small' : 'button button--primary button--small'}
            disabled={update.isPending}
            onClick={() => update.mutate({ resolved: !thread.resolved })}
          >
            {!thread.resolved && <span aria-hidden="true">✔ </span>}
            {thread.resolved ? t('threads.manage.unresolve') : t('threads.manage.resolve')}
          </button>
        </>
      )}
      {steps.map((step) => (
        <button
          key={step}
          type="button"
          className="button button--secondary button--small"
          disabled={update.isPending}
          onClick={() => setAsking(step)}
        >
          {t(`threads.manage.${step}`)}
        </button>
      ))}
      {update.error && !asking && (
        <p className="field__error" role="alert">
          {errorMessage(update.error)}
        </p>
      )}
      {asking && (
        <ReasonDialog
          title={t(`threads.manage.${asking}Title`)}
          body={t(`threads.manage.${asking}Body`)}
          reasonLabel={t('threads.manage.reasonLabel')}
          reasonRequired={false}
          confirmLabel={t(`threads.manage.${asking}`)}
          busy={update.isPending}
          error={update.error ? errorMessage(update.error) : null}
          onConfirm={(reason) => update.mutate({ ...CHANGE[asking], ...(reason ? { reason } : {}) }, { onSuccess: () => setAsking(null) })}
          onCancel={() => {
            update.reset();
            setAsking(null);
          }}
        />
      )}
    </div>
  );
}
