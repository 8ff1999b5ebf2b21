import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TotpCodeBody } from '@shared/schemas/mfa';
import { isApiError } from '@client/api';
import { CopyButton } from '@client/components/CopyButton';
import { FormAlert } from '@client/components/FormAlert';
import { preventSubmitWhileComposing } from '@client/components/imeSafeSubmit';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useEnableTotp, useTotpSetup } from '@client/queries/secondFactor';
import { CodeField } from './CodeField';
import { codeFailure } from './codeErrors';

/** The secret in groups of four, as people copy it into an app by hand. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/**
 * Setting up an authenticator app: a QR code of the otpauth URI (and the key in text for typing by
 * hand), then a first code to confirm it. `onEnabled` receives the recovery codes.
 */
export function TotpEnrolment({ onEnabled }: { onEnabled: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const setup = useTotpSetup();
  const enable = useEnableTotp();
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const [formError, setFormError] = useState<string | null>(null);

  function start() {
    setFormError(null);
    setCode('');
    // 409: an app is set up already, but this session was signed in without it (one from before it was).
    setup.mutate(undefined, {
      onError: (error) => setFormError(isApiError(error) && error.status === 409 ? t('mfa.setup.alreadyOn') : errorMessage(error)),
    });
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const parsed = TotpCodeBody.safeParse({ code });
    if (!parsed.success) return setFieldError(t('mfa.setup.wrongCode'));
    setFieldError(undefined);
    enable.mutate(parsed.data, {
      onSuccess: ({ codes }) => onEnabled(codes),
      onError(error) {
        if (isApiError(error) && error.status === 409) {
          setup.reset();
          return setFormError(t('mfa.setup.expired'));
        }
        const failure = codeFailure(error, t, t('mfa.setup.wrongCode'), errorMessage);
        setFieldError(failure.field);
        setFormError(failure.form ?? null);
      },
    });
  }

  if (!setup.data) {
    return (
      <div className="totp-enrolment">
        <FormAlert message={formError} />
        <button type="button" className="button button--primary" onClick={start} disabled={setup.isPending}>
          {setup.isPending ? t('mfa.setup.starting') : t('mfa.setup.start')}
        </button>
      </div>
    );
  }

  const { qrSvg, secret } = setup.data;
  return (
    <div className="totp-enrolment">
      <p>{t('mfa.setup.step1')}</p>
      {/* An <img> of the server's SVG: shown as a picture, nothing in it can run. */}
      <img
        className="totp-enrolment__qr"
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrSvg)}`}
        alt={t('mfa.setup.qrAlt')}
        width={200}
        height={200}
      />
      <p className="small">{t('mfa.setup.manual')}</p>
      <p className="totp-enrolment__secret">
        <span className="muted small">{t('mfa.setup.secretLabel')}</span>{' '}
        <code translate="no" data-testid="totp-secret">
          {grouped(secret)}
        </code>{' '}
        <CopyButton text={secret} label={`${t('common.copy')}: ${t('mfa.setup.secretLabel')}`} />
      </p>
      <form className="form" onSubmit={submit} onKeyDown={preventSubmitWhileComposing} noValidate aria-busy={enable.isPending || undefined}>
        <p>{t('mfa.setup.step2')}</p>
        <FormAlert message={formError} />
        <CodeField label={t('mfa.login.code')} hint={t('mfa.login.codeHint')} value={code} error={fieldError} onChange={setCode} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={enable.isPending}>
            {enable.isPending ? t('mfa.setup.confirming') : t('mfa.setup.confirm')}
          </button>
        </div>
      </form>
    </div>
  );
}
