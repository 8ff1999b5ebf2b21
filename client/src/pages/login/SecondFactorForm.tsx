import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@client/api';
import { useSecondFactorLogin } from '@client/queries/me';
import type { SecondFactorPending } from '@shared/schemas/mfa';
import { CodeConfirmForm } from '@client/pages/security/CodeConfirmForm';
import { PasskeySignIn } from './PasskeySignIn';

interface Props {
  redirectTo: string;
  /** What the server said this person can give. */
  methods: SecondFactorPending['methods'];
  /** Back to the password: another account, or the wait for the second step is over. */
  onRestart: (expired: boolean) => void;
}

/** The second step of signing in: a passkey, the app's current code, or a recovery code (whichever the person has). */
export function SecondFactorForm({ redirectTo, methods, onRestart }: Props) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="second-factor-title">
      <h2 id="second-factor-title">{t('mfa.login.title')}</h2>
      {methods.includes('passkey') && (
        <div className="form">
          <p>{t('mfa.passkeys.secondStepLead')}</p>
          <PasskeySignIn redirectTo={redirectTo} label={t('mfa.passkeys.useOnSecondStep')} className="button button--primary" />
        </div>
      )}
      {methods.includes('totp') && <TotpStep redirectTo={redirectTo} onRestart={onRestart} />}
      <p>
        <button type="button" className="button button--tertiary button--small" onClick={() => onRestart(false)}>
          {t('mfa.login.restart')}
        </button>
      </p>
    </section>
  );
}

/** The authenticator app's code, or a recovery code. */
function TotpStep({ redirectTo, onRestart }: Omit<Props, 'methods'>) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const login = useSecondFactorLogin();
  return (
    <>
      <p>{t('mfa.login.lead')}</p>
      <CodeConfirmForm
        allowRecovery
        autoFocus
        submitLabel={t('mfa.login.submit')}
        busyLabel={t('mfa.login.submitting')}
        busy={login.isPending}
        onSubmit={(body, failed) =>
          login.mutate(body, {
            onSuccess: () => void navigate(redirectTo, { replace: true }),
            // A 401 that names no field: the password step has expired (or was never taken).
            onError: (error) => (isApiError(error) && error.status === 401 && !error.field ? onRestart(true) : failed(error)),
          })
        }
      />
    </>
  );
}
