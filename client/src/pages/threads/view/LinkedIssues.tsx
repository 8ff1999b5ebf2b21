import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { STATUS_LABELS } from '@shared/register/rules';
import { useLinkedIssues } from '@client/queries/issues';
import { useLanguage } from '@client/i18n/useLanguage';

/** Register issues linked to this thread (the link is made from the issue's page): the other end of the link. */
export function LinkedIssues({ threadId }: { threadId: string }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const linked = useLinkedIssues(threadId);
  const issues = linked.data?.issues ?? [];
  if (!issues.length) return null;
  return (
    <section className="thread-linked-issues" aria-labelledby="linked-issues-title">
      <h2 id="linked-issues-title" className="thread-linked-issues__title">
        {t('threads.view.linkedIssues')}
      </h2>
      <ul>
        {issues.map((issue) => (
          <li key={issue.id}>
            <Link to={`/register/${issue.id}`}>
              {issue.number} <span data-user-content>{issue.title}</span>
            </Link>{' '}
            <span className="thread-linked-issues__status">（{STATUS_LABELS[issue.status][language]}）</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
