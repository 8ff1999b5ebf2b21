import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { WayBack } from './WayBack';

interface Props {
  /** Why, in a sentence (「府省・団体のアカウントでは課題を登録できません」); a general one otherwise. */
  title?: string;
  /** What the person can do instead. */
  body?: ReactNode;
  back?: WayBack;
}

/**
 * The one not-permitted state (the server refuses anyway): why, what to do instead, and a way back.
 * It is the page's heading: a refused page has nothing else to show.
 */
export function NotPermitted({ title, body, back }: Props) {
  const { t } = useTranslation();
  return (
    <section className="state-panel" aria-labelledby="not-permitted-title">
      <h1 id="not-permitted-title" className="state-panel__title">
        {title ?? t('notPermitted.title')}
      </h1>
      <p>{body ?? t('notPermitted.body')}</p>
      <p>
        <Link to={back?.to ?? '/'}>{back?.label ?? t('common.backToTop')}</Link>
      </p>
    </section>
  );
}
