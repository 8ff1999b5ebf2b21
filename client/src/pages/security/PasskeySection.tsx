import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Passkey } from '@shared/schemas/passkeys';
import { ConfirmDialog } from '@client/components/ConfirmDialog';
import { DateTimeText } from '@client/components/DateTimeText';
import { ErrorState } from '@client/components/ErrorState';
import { FormAlert } from '@client/components/FormAlert';
import { LoadingState } from '@client/components/LoadingState';
import { Notice } from '@client/components/Notice';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { usePasskeys, useRemovePasskey } from '@client/queries/passkeys';
import { PasskeyAdd } from './PasskeyAdd';

/** The person's passkeys in the profile: each with when it was added and last used, removal after a confirmation, and adding one. */
export function PasskeySection() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const list = usePasskeys();
  const remove = useRemovePasskey();
  const [removing, setRemoving] = useState<Passkey | null>(null);
  const [done, setDone] = useState<string | null>(null);

  if (list.isPending) return <LoadingState />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const { passkeys, canRemoveLast } = list.data;
  const removable = passkeys.length > 1 || canRemoveLast;

  return (
    <section className="passkeys" aria-labelledby="passkeys-title">
      <h3 id="passkeys-title">{t('mfa.passkeys.title')}</h3>
      <p className="small muted">{t('mfa.passkeys.lead')}</p>
      {done && (
        <Notice tone="success">
          <p>{done}</p>
        </Notice>
      )}
      {passkeys.length === 0 ? (
        <p>{t('mfa.passkeys.none')}</p>
      ) : (
        <ul className="passkeys__list" aria-label={t('mfa.passkeys.listLabel')}>
          {passkeys.map((passkey) => (
            <li key={passkey.id} className="passkeys__item">
              <span>
                <strong>{passkey.name}</strong>
                <span className="muted small">
                  {' '}
                  {t('mfa.passkeys.createdAt')}: <DateTimeText iso={passkey.createdAt} dateOnly /> · {t('mfa.passkeys.lastUsedAt')}:{' '}
                  {passkey.lastUsedAt ? <DateTimeText iso={passkey.lastUsedAt} /> : t('mfa.passkeys.neverUsed')}
                  {passkey.backedUp && ` · ${t('mfa.passkeys.synced')}`}
                </span>
              </span>
              {removable && (
                <button
                  type="button"
                  className="button button--secondary button--small"
                  aria-label={t('mfa.passkeys.removeLabel', { name: passkey.name })}
                  onClick={() => setRemoving(passkey)}
                >
                  {t('mfa.passkeys.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!removable && <p className="small muted">{t('mfa.passkeys.lastRequired')}</p>}
      <FormAlert message={remove.isError ? errorMessage(remove.error) : null} />
      <PasskeyAdd onAdded={(name) => setDone(t('mfa.passkeys.added', { name }))} />
      <ConfirmDialog
        open={removing !== null}
        title={t('mfa.passkeys.removeTitle', { name: removing?.name ?? '' })}
        body={t('mfa.passkeys.removeBody')}
        confirmLabel={t('mfa.passkeys.remove')}
        tone="danger"
        busy={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() =>
          removing &&
          remove.mutate(removing.id, {
            onSuccess: () => setDone(t('mfa.passkeys.removed', { name: removing.name })),
            onSettled: () => setRemoving(null),
          })
        }
      />
    </section>
  );
}
