import type { Minutes } from '@shared/schemas/meetings';
import { DateTimeText } from '@client/components/DateTimeText';
import { useMeetingsT } from '../useMeetingsT';
import { OrgRefName } from '@client/components/OrgRefName';

/** Once circulated: which presenting organisations confirmed or commented (and what), and who is awaited. */
export function ConfirmationStatus({ minutes }: { minutes: Minutes }) {
  const mt = useMeetingsT();
  if (!minutes.circulatedAt) return null;
  return (
    <div className="confirmation-status">
      <p className="small">
        {mt('meetings.minutes.circulatedAt')}: <DateTimeText iso={minutes.circulatedAt} />
      </p>
      {minutes.revisedAt && (
        <p className="small">
          {mt('meetings.minutes.revisedAt')}: <DateTimeText iso={minutes.revisedAt} />
        </p>
      )}
      {minutes.confirmations.length > 0 && (
        <ul className="confirmation-status__list">
          {minutes.confirmations.map((c) => (
            <li key={c.organization.id} className={`confirmation-status__item confirmation-status__item--${c.status}`}>
              <span className="confirmation-status__org">
                <OrgRefName organization={c.organization} />
              </span>
              <span className={c.status === 'confirmed' ? 'done-flag' : 'comment-flag'}>
                {mt(`meetings.minutes.confirmation.${c.status}`)}
              </span>
              <span className="small muted">
                <span data-user-content>{c.by.displayName}</span> · <DateTimeText iso={c.at} />
              </span>
              {c.comment && <blockquote className="confirmation-status__comment">{c.comment}</blockquote>}
            </li>
          ))}
        </ul>
      )}
      {minutes.awaiting.length > 0 ? (
        <p>
          <strong>{mt('meetings.minutes.awaiting')}:</strong>{' '}
          {minutes.awaiting.map((org, index) => (
            <span key={org.id}>
              {index > 0 && mt('meetings.minutes.listSeparator')}
              <OrgRefName organization={org} />
            </span>
          ))}
        </p>
      ) : (
        <p className="small">{mt('meetings.minutes.allResponded')}</p>
      )}
    </div>
  );
}
