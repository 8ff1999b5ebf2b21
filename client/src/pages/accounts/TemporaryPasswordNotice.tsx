import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '@client/components/CopyButton';
import type { UserCreatedResponse } from '@client/queries/users';

interface Props {
  created: UserCreatedResponse;
  onDismiss: () => void;
}

/** The new account's temporary password, shown once; focus moves here so it is not missed. */
export function TemporaryPasswordNotice({ created, onDismiss }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);

  return (
    <section ref={ref} className="notice notice--success temp-password" tabIndex={-1} aria-labelledby="temp-password-title">
      <h3 id="temp-password-title" className="notice__title">
        {t('accounts.temporaryPassword.title', { name: created.user.displayName })}
      </h3>
      <p className="temp-password__row">
        <span className="temp-password__label">{t('accounts.temporaryPassword.label')}</span>
        <code className="temp-password__value" translate="no">
          {created.temporaryPassword}
        </code>
        <CopyButton text={created.temporaryPassword} label={`${t('common.copy')}: ${t('accounts.temporaryPassword.label')}`} />
      </p>
      <p>{t('accounts.temporaryPassword.note')}</p>
      <button type="button" className="button button--secondary" onClick={onDismiss}>
        {t('accounts.temporaryPassword.dismiss')}
      </button>
    </section>
  );
}
