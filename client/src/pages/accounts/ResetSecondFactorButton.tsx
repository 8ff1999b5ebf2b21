import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '@shared/schemas/users';
import { ConfirmDialog } from '@client/components/ConfirmDialog';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useResetSecondFactor } from '@client/queries/secondFactor';
import type { Result } from './ActionResult';

/** The secretariat resets a person's second factor (a lost phone), after a confirmation. */
export function ResetSecondFactorButton({ user, onResult }: { user: User; onResult: (result: Result) => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const reset = useResetSecondFactor();
  const [confirming, setConfirming] = useState(false);
  const name = user.displayName;

  function confirm() {
    reset.mutate(user.id, {
      onSuccess: () => onResult({ tone: 'success', message: t('mfa.reset.done', { name }) }),
      onError: (error) => onResult({ tone: 'error', message: errorMessage(error) }),
      onSettled: () => setConfirming(false),
    });
  }

  return (
    <>
      <button
        type="button"
        className="button button--secondary button--small"
        aria-label={t('mfa.reset.label', { name })}
        onClick={() => setConfirming(true)}
      >
        {t('mfa.reset.button')}
      </button>
      <ConfirmDialog
        open={confirming}
        title={t('mfa.reset.title', { name })}
        body={t('mfa.reset.body')}
        confirmLabel={t('mfa.reset.confirm')}
        tone="danger"
        busy={reset.isPending}
        onConfirm={confirm}
        onCancel={() => setConfirming(false)}
      />
    </>
  );
}
