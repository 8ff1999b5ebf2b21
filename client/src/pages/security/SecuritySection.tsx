import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DateTimeText } from '@client/components/DateTimeText';
import { ErrorState } from '@client/components/ErrorState';
import { LoadingState } from '@client/components/LoadingState';
import { Notice } from '@client/components/Notice';
import { meKeys } from '@client/queries/keys';
import { useDisableTotp, useRegenerateRecoveryCodes, useSecondFactorStatus } from '@client/queries/secondFactor';
import { CodeConfirmForm } from './CodeConfirmForm';
import { PasskeySection } from './PasskeySection';
import { RecoveryCodesNotice } from './RecoveryCodesNotice';
import { TotpEnrolment } from './TotpEnrolment';

/** Two-step verification in the profile: the authenticator app (set-up, new recovery codes, turning it off where the role allows) and passkeys. */
export function SecuritySection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const status = useSecondFactorStatus();
  const regenerate = useRegenerateRecoveryCodes();
  const disable = useDisableTotp();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [done, setDone] = useState<string | null>(null);

  if (status.isPending) return <LoadingState />;
  if (status.isError) return <ErrorState error={status.error} onRetry={() => void status.refetch()} />;
  const { totp, recoveryCodesLeft, required, canDisable } = status.data;

  if (codes) {
    return (
      <RecoveryCodesNotice
        codes={codes}
        onDone={() => {
          setCodes(null);
          void queryClient.invalidateQueries({ queryKey: meKeys.me, exact: true });
        }}
      />
    );
  }

  return (
    <div className="card security-section">
      {done && (
        <Notice tone="success">
          <p>{done}</p>
        </Notice>
      )}
      <p>
        <strong>{t('mfa.status.app')}：</strong>
        {totp.enabled ? t('mfa.status.on') : t('mfa.status.off')}
        {totp.enabled && (
          <span className="muted small">
            {' '}
            ({t('mfa.status.enabledAt')}: <DateTimeText iso={totp.enabledAt} dateOnly />)
          </span>
        )}
      </p>
      <p className="muted">{required ? t('mfa.status.required') : t('mfa.status.optional')}</p>
      {!totp.enabled ? (
        <TotpEnrolment
          onEnabled={(issued) => {
            setDone(t('mfa.enabled'));
            setCodes(issued);
          }}
        />
      ) : (
        <>
          <p>{t('mfa.status.recoveryLeft', { count: recoveryCodesLeft })}</p>
          {recoveryCodesLeft <= 3 && (
            <Notice tone="warning">
              <p>{t('mfa.status.recoveryLow')}</p>
            </Notice>
          )}
          <h3>{t('mfa.recovery.regenerate')}</h3>
          <p className="small muted">{t('mfa.recovery.regenerateLead')}</p>
          <CodeConfirmForm
            submitLabel={t('mfa.recovery.regenerate')}
            busyLabel={t('mfa.recovery.regenerating')}
            busy={regenerate.isPending}
            onSubmit={(body, failed) =>
              regenerate.mutate({ code: body.code ?? '' }, { onSuccess: (answer) => setCodes(answer.codes), onError: failed })
            }
          />
          <h3>{t('mfa.disable.title')}</h3>
          {canDisable ? (
            <>
              <p className="small muted">{t('mfa.disable.lead')}</p>
              <CodeConfirmForm
                tone="danger"
                allowRecovery
                submitLabel={t('mfa.disable.submit')}
                busyLabel={t('mfa.disable.submitting')}
                busy={disable.isPending}
                onSubmit={(body, failed) => disable.mutate(body, { onSuccess: () => setDone(t('mfa.disable.done')), onError: failed })}
              />
            </>
          ) : (
            <p className="small muted">{t('mfa.disable.notAllowed')}</p>
          )}
        </>
      )}
      <PasskeySection />
    </div>
  );
}
