import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '@client/components/FormAlert';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { usePasskeySignIn } from '@client/queries/passkeys';
import { passkeyFailure } from '@client/pages/security/passkeyErrors';

interface Props {
  redirectTo: string;
  /** After a password (the second step) or on its own (the login page). */
  label: string;
  className?: string;
}

/** One button: the browser's passkey dialog, then the server's answer; errors said in the reader's words. */
export function PasskeySignIn({ redirectTo, label, className = 'button button--secondary button--block' }: Props) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const signIn = usePasskeySignIn();
  const [error, setError] = useState<string | null>(null);

  function start() {
    setError(null);
    signIn.mutate(undefined, {
      onSuccess: () => void navigate(redirectTo, { replace: true }),
      onError: (failure) => setError(passkeyFailure(failure, t, errorMessage)),
    });
  }

  return (
    <div>
      <FormAlert message={error} />
      <button type="button" className={className} onClick={start} disabled={signIn.isPending} aria-busy={signIn.isPending || undefined}>
        {signIn.isPending ? t('mfa.passkeys.signingIn') : label}
      </button>
    </div>
  );
}
