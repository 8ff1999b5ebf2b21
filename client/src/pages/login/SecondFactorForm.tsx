import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@client/api';
import { useSecondFactorLogin } from '@client/queries/me';
import { CodeConfirmForm } from '@client/pages/security/CodeConfirmForm';

interface Props {
  redirectTo: string;
  /** Back to the password: another account, or the wait for the second step is over. */
  onRestart: (expired: boolean) => void;
}

/** The second step of signing in: the app's current code, or a recovery code. */
export function SecondFactorForm({ redirectTo, onRestart }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const login = useSecondFactorLogin();

  return (
    <section aria-labelledby="second-factor-title">
      <h2 id="second-factor-title">{t('mfa.login.title')}</h2>
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
      <p>
        <button type="button" className="button button--tertiary button--small" onClick={() => onRestart(false)}>
          {t('mfa.login.restart')}
        </button>
      </p>
    </section>
  );
}
