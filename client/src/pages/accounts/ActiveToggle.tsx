import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '@shared/schemas/users';
import { ConfirmDialog } from '@client/components/ConfirmDialog';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useSetUserActive } from '@client/queries/users';
import type { Result } from './ActionResult';

/** Deactivate or reactivate an account, after a confirmation. */
export function ActiveToggle({ user, onResult }: { user: User; onResult: (result: Result) => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const setActive = useSetUserActive();
  const [confirming, setConfirming] = useState(false);
  const action = user.active ? 'deactivate' : 'reactivate';
  const name = user.displayName;

  function confirm() {
    setActive.mutate(
      { id: user.id, active: !user.active },
      {
        onSuccess: () => onResult({ tone: 'success', message: t(`accounts.${action}.done`, { name }) }),
        onError: (error) => onResult({ tone: 'error', message: errorMessage(error) }),
        onSettled: () => setConfirming(false),
      },
    );
  }

  return (
    <>
      <button
        type="button"
        className={user.active ? 'button button--danger-outline button--small' : 'button button--secondary button--small'}
        aria-label={t(`accounts.${action}.label`, { name })}
        onClick={() => setConfirming(true)}
      >
        {t(`accounts.${action}.button`)}
      </button>
      <ConfirmDialog
        open={confirming}
        title={t(`accounts.${action}.title`, { name })}
        body={t(`accounts.${action}.body`)}
        confirmLabel={t(`accounts.${action}.confirm`)}
        tone={user.active ? 'danger' : 'primary'}
        busy={setActive.isPending}
        onConfirm={confirm}
        onCancel={() => setConfirming(false)}
      />
    </>
  );
}
