import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '@shared/schemas/threads';
import { DateTimeText } from '@client/components/DateTimeText';
import { messageLink } from '../view/messageLink';
import { PersonName } from '../common/PersonName';
import { ThreadMarks } from '../common/ThreadMarks';
import { VisibilityBadge } from '../common/VisibilityBadge';
import { HighlightedSnippet } from './HighlightedSnippet';

/** One result: a thread, or a message within its thread (a reply opens its reply panel). */
export function SearchHitItem({ hit }: { hit: SearchHit }) {
  const { t } = useTranslation();
  const { thread, message } = hit;
  return (
    <li className="search-hit">
      <h3 className="search-hit__title">
        {message ? (
          <Link to={messageLink(thread.id, message)}>
            {t('threads.search.inThread', { title: thread.title })}
            {message.parentId && <span className="search-hit__kind">{t('threads.search.reply')}</span>}
          </Link>
        ) : (
          <Link to={`/threads/${thread.id}`} data-user-content>
            {thread.title}
          </Link>
        )}
      </h3>
      <HighlightedSnippet text={hit.snippet} highlights={hit.highlights} />
      <p className="search-hit__meta">
        <VisibilityBadge visibility={thread.visibility} />
        <ThreadMarks thread={thread} />
        <PersonName person={message?.author ?? thread.createdBy} />
        <DateTimeText iso={message?.createdAt ?? thread.lastActivityAt} />
      </p>
    </li>
  );
}
