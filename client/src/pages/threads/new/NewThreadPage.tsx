import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '@client/components/CurrentUser';
import { NotPermitted } from '@client/components/NotPermitted';
import { usePageTitle } from '@client/components/usePageTitle';
import { readableVisibilities } from '../common/readableVisibilities';
import { NewThreadForm } from './NewThreadForm';

/** /threads/new, for those who may start threads (vendors and the secretariat). */
export function NewThreadPage() {
  const { t } = useTranslation();
  usePageTitle(t('threads.create.title'));
  const me = useCurrentUser();
  if (!me.abilities['thread.create']) {
    return (
      <NotPermitted
        title={t('notPermitted.newThread.title')}
        body={t('notPermitted.newThread.body')}
        back={{ to: '/threads', label: t('notPermitted.newThread.back') }}
      />
    );
  }
  return (
    <>
      <p className="back-link">
        <Link to="/threads">← {t('threads.create.back')}</Link>
      </p>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('threads.title')}</p>
        <h1>{t('threads.create.title')}</h1>
        <p className="lead">{t('threads.create.lead')}</p>
      </header>
      <NewThreadForm readable={readableVisibilities(me)} />
    </>
  );
}
