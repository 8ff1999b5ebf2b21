import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '@shared/schemas/users';
import { PublicLayout } from '@client/components/PublicLayout';
import { useEndSession } from '@client/components/useEndSession';
import { usePageTitle } from '@client/components/usePageTitle';
import { useLogout } from '@client/queries/me';
import { meKeys } from '@client/queries/keys';
import { PasskeyAdd } from './PasskeyAdd';
import { RecoveryCodesNotice } from './RecoveryCodesNotice';
import { TotpEnrolment } from './TotpEnrolment';

/**
 * A signed-in person whose role requires a second factor they have not set up: the server opens
 * nothing else to them (403 mfa_enrolment_required, no socket), so this is all they see — why, and
 * the set-up — without the app's frame, which would ask the server for things it refuses.
 */
export function EnrolmentGate({ me }: { me: Me }) {
  const { t } = useTranslation();
  usePageTitle(t('mfa.gate.title'));
  const queryClient = useQueryClient();
  const logout = useLogout();
  const endSession = useEndSession();
  const [codes, setCodes] = useState<string[] | null>(null);

  return (
    <PublicLayout>
      <section className="card login-card" aria-labelledby="enrolment-title">
        <h1 id="enrolment-title">{t('mfa.gate.title')}</h1>
        <p className="lead">{t('mfa.gate.lead', { role: t(`roles.${me.role}`) })}</p>
        {codes ? (
          <RecoveryCodesNotice codes={codes} onDone={() => void queryClient.invalidateQueries({ queryKey: meKeys.me, exact: true })} />
        ) : (
          <>
            <TotpEnrolment onEnabled={setCodes} />
            {/* A passkey lets them out at once (no recovery codes to keep): /api/me is refetched when it is added. */}
            <section className="login-passkey" aria-labelledby="gate-passkey-title">
              <h2 id="gate-passkey-title">{t('mfa.passkeys.gateOr')}</h2>
              <p className="small">{t('mfa.passkeys.gateLead')}</p>
              <PasskeyAdd onAdded={() => undefined} />
            </section>
          </>
        )}
        <p>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => logout.mutate(undefined, { onSettled: () => void endSession('loggedOut') })}
          >
            {t('mfa.gate.signOut')}
          </button>
        </p>
      </section>
    </PublicLayout>
  );
}
