import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SecondFactorBody } from '@shared/schemas/mfa';
import { FormAlert } from '@client/components/FormAlert';
import { preventSubmitWhileComposing } from '@client/components/imeSafeSubmit';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { CodeField } from './CodeField';
import { codeFailure } from './codeErrors';

interface Props {
  submitLabel: string;
  busyLabel: string;
  busy: boolean;
  /** Offer a recovery code instead of the app's code (signing in, turning off). */
  allowRecovery?: boolean;
  tone?: 'primary' | 'danger';
  /** Focus the field at once (the sign-in's second step, where it is all there is to do). */
  autoFocus?: boolean;
  onSubmit: (body: SecondFactorBody, failed: (error: unknown) => void) => void;
}

/** A code from the authenticator app (or a recovery code), validated with the shared schema, refusals shown at the field. */
export function CodeConfirmForm({
  submitLabel,
  busyLabel,
  busy,
  allowRecovery = false,
  tone = 'primary',
  autoFocus = false,
  onSubmit,
}: Props) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [recovery, setRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const [formError, setFormError] = useState<string | null>(null);
  const wrong = recovery ? t('mfa.login.wrongRecovery') : t('mfa.login.wrongCode');

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const parsed = SecondFactorBody.safeParse(recovery ? { recoveryCode: value } : { code: value });
    if (!parsed.success) return setFieldError(wrong);
    setFieldError(undefined);
    onSubmit(parsed.data, (error) => {
      const failure = codeFailure(error, t, wrong, errorMessage);
      setFieldError(failure.field);
      setFormError(failure.form ?? null);
    });
  }

  function switchMode() {
    setRecovery((r) => !r);
    setValue('');
    setFieldError(undefined);
  }

  return (
    <form className="form" onSubmit={submit} onKeyDown={preventSubmitWhileComposing} noValidate aria-busy={busy || undefined}>
      <FormAlert message={formError} />
      {recovery ? (
        <CodeField
          recovery
          label={t('mfa.login.recoveryCode')}
          hint={t('mfa.login.recoveryHint')}
          value={value}
          error={fieldError}
          onChange={setValue}
          autoFocus={autoFocus}
        />
      ) : (
        <CodeField
          label={t('mfa.login.code')}
          hint={t('mfa.login.codeHint')}
          value={value}
          error={fieldError}
          onChange={setValue}
          autoFocus={autoFocus}
        />
      )}
      {allowRecovery && (
        <p>
          <button type="button" className="button button--tertiary button--small" onClick={switchMode}>
            {recovery ? t('mfa.login.useCode') : t('mfa.login.useRecovery')}
          </button>
        </p>
      )}
      <div className="form__actions">
        <button type="submit" className={tone === 'danger' ? 'button button--danger' : 'button button--primary'} disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
      </div>
    </form>
  );
}
