import { useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PublicLayout } from '@client/components/PublicLayout';
import { Notice } from '@client/components/Notice';
import { usePageTitle } from '@client/components/usePageTitle';
import { useMe } from '@client/queries/me';
import { readLoginState } from '../loginNotice';
import { LoginForm } from './LoginForm';
import { DemoAccountsHint } from './DemoAccountsHint';
import { PasskeySignIn } from './PasskeySignIn';
import { SecondFactorForm } from './SecondFactorForm';
import type { SecondFactorPending } from '@shared/schemas/mfa';

const NOTICE_KEY = {
  loggedOut: 'login.loggedOut',
  sessionLoggedOut: 'login.sessionEnded.logout',
  sessionDeactivated: 'login.sessionEnded.deactivated',
  sessionPasswordChanged: 'login.sessionEnded.passwordChanged',
  sessionSecondFactorChanged: 'login.sessionEnded.secondFactorChanged',
  sessionExpired: 'login.sessionEnded.expired',
} as const;

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('login.title'));
  const { notice, from } = readLoginState(useLocation().state);
  const me = useMe();
  const [demo, setDemo] = useState<{ email: string; password: string } | null>(null);
  const [step, setStep] = useState<'password' | 'secondFactor' | 'expired'>('password');
  const [methods, setMethods] = useState<SecondFactorPending['methods']>([]);

  // Already signed in (and not just signed out): nothing to do here.
  if (me.data && !notice) return <Navigate to={from ?? '/threads'} replace />;

  return (
    <PublicLayout>
      <div className="login-layout">
        <section className="card login-card" aria-labelledby="login-title">
          <h1 id="login-title">{t('login.title')}</h1>
          <p className="lead">{t('login.lead')}</p>
          {notice && (
            <Notice tone={notice === 'loggedOut' ? 'success' : 'warning'}>
              <p>{t(NOTICE_KEY[notice])}</p>
            </Notice>
          )}
          {step === 'expired' && (
            <Notice tone="warning">
              <p>{t('mfa.login.expired')}</p>
            </Notice>
          )}
          {step === 'secondFactor' ? (
            <SecondFactorForm
              redirectTo={from ?? '/threads'}
              methods={methods}
              onRestart={(expired) => setStep(expired ? 'expired' : 'password')}
            />
          ) : (
            <>
              <LoginForm
                key={demo?.email ?? ''}
                redirectTo={from ?? '/threads'}
                initial={demo}
                onSecondFactor={(asked) => {
                  setMethods(asked);
                  setStep('secondFactor');
                }}
              />
              <section className="login-passkey" aria-labelledby="login-passkey-title">
                <h2 id="login-passkey-title" className="visually-hidden">
                  {t('mfa.passkeys.title')}
                </h2>
                <p className="small muted">{t('mfa.passkeys.signInLead')}</p>
                <PasskeySignIn redirectTo={from ?? '/threads'} label={t('mfa.passkeys.signIn')} />
              </section>
            </>
          )}
          <p className="muted small">{t('login.forgot')}</p>
        </section>
        <DemoAccountsHint onPick={setDemo} secondFactor={step === 'secondFactor'} />
      </div>
    </PublicLayout>
  );
}
