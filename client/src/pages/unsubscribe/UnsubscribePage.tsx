import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { UnsubscribeKind } from '@shared/schemas/mail';
import { isApiError } from '@client/api';
import { LoadingState } from '@client/components/LoadingState';
import { Notice } from '@client/components/Notice';
import { PublicLayout } from '@client/components/PublicLayout';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { usePageTitle } from '@client/components/usePageTitle';
import { useUnsubscribe, useUnsubscribeTarget } from '@client/queries/mail';

/**
 * `/unsubscribe?token=…`: the page a mail's "stop this kind of e-mail" link opens, signed in or not.
 * It says what will stop and for which address, and stops it with one button (the same POST a mail
 * provider's one-click unsubscribe makes).
 */
export function UnsubscribePage() {
  const { t } = useTranslation();
  usePageTitle(t('mail.unsubscribe.title'));
  const token = useSearchParams()[0].get('token') ?? '';
  const target = useUnsubscribeTarget(token);
  const stop = useUnsubscribe(token);
  const errorMessage = useErrorMessage();

  const what = (kind: UnsubscribeKind) =>
    kind === 'digest' ? t('mail.unsubscribe.digest') : t('mail.unsubscribe.kind', { kind: t(`notifications.kinds.${kind}`) });
  const failure = (error: unknown) =>
    isApiError(error) && error.field === 'query.token' ? t('mail.unsubscribe.invalid') : errorMessage(error);

  let body;
  if (!token) {
    body = (
      <Notice tone="error">
        <p>{t('mail.unsubscribe.missing')}</p>
      </Notice>
    );
  } else if (target.isPending) {
    body = <LoadingState />;
  } else if (target.isError) {
    body = (
      <Notice tone="error">
        <p>{failure(target.error)}</p>
      </Notice>
    );
  } else if (stop.isSuccess) {
    body = (
      <>
        <Notice tone="success">
          <p>{target.data.kind === 'digest' ? t('mail.unsubscribe.doneDigest') : t('mail.unsubscribe.done')}</p>
        </Notice>
        <p>{t('mail.unsubscribe.settingsHint')}</p>
        <p>
          <Link to="/profile/notifications">{t('mail.unsubscribe.settingsLink')}</Link>
        </p>
      </>
    );
  } else {
    body = (
      <>
        <p>{what(target.data.kind)}</p>
        <p className="muted">{t('mail.unsubscribe.address', { email: target.data.email })}</p>
        <p className="small muted">{t('mail.unsubscribe.keepsInbox')}</p>
        {stop.isError && (
          <Notice tone="error">
            <p>{failure(stop.error)}</p>
          </Notice>
        )}
        <button type="button" className="button button--primary" disabled={stop.isPending} onClick={() => stop.mutate()}>
          {stop.isPending ? t('mail.unsubscribe.confirming') : t('mail.unsubscribe.confirm')}
        </button>
      </>
    );
  }

  return (
    <PublicLayout>
      <div className="login-layout">
        <section className="card login-card" aria-labelledby="unsubscribe-title">
          <h1 id="unsubscribe-title">{t('mail.unsubscribe.title')}</h1>
          <p className="lead">{t('mail.unsubscribe.lead')}</p>
          {body}
        </section>
      </div>
    </PublicLayout>
  );
}
