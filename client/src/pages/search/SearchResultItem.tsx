import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ISSUE_STATUSES, type IssueStatus } from '@shared/register/rules';
import type { SearchResult } from '@shared/schemas/search';
import { DateTimeText } from '@client/components/DateTimeText';
import { Highlighted } from '@client/components/search/Highlighted';
import { StatusBadge } from '../register/common/StatusBadge';
import { useStatusLabel } from '@client/components/search/statuses';

const isIssueStatus = (status: string): status is IssueStatus => (ISSUE_STATUSES as readonly string[]).includes(status);

interface Props {
  result: SearchResult;
  /** Take focus when shown (the first result "さらに表示" brought). */
  focus?: boolean;
}

/** One result: its title (matches marked) linking to it, what it is and where, the snippet, who and when. */
export function SearchResultItem({ result, focus = false }: Props) {
  const { t } = useTranslation();
  const statusLabel = useStatusLabel();
  const link = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (focus) link.current?.focus();
  }, [focus]);
  const { kind, status, number } = result;

  return (
    <li className="search-result">
      <h3 className="search-result__title">
        <Link ref={link} to={result.href} data-user-content>
          <Highlighted text={result.title} ranges={result.titleHighlights} />
        </Link>
      </h3>
      <p className="search-result__marks">
        <span className="badge search-result__kind">{t(`search.kinds.${kind}`)}</span>
        {number && <span className="numeric">{t('search.page.number', { number })}</span>}
        {status &&
          (['issue', 'comment', 'answer'].includes(kind) && isIssueStatus(status) ? (
            <StatusBadge status={status} />
          ) : (
            <span className="badge search-result__status">{statusLabel(kind, status)}</span>
          ))}
        {/* A message is shown by its thread's title: its "where" would say it twice. */}
        {result.where && result.where !== result.title && (
          <span className="search-result__where" data-user-content>
            {result.where}
          </span>
        )}
      </p>
      {result.snippet && (
        <p className="search-result__snippet" data-user-content>
          <Highlighted text={result.snippet} ranges={result.highlights} />
        </p>
      )}
      <p className="search-result__meta">
        {result.who && <span data-user-content>{result.who}</span>}
        <DateTimeText iso={result.at} />
      </p>
    </li>
  );
}
