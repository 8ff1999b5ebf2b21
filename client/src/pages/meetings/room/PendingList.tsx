import { useErrorMessage } from '@client/components/useErrorMessage';
import { useMeetingsT } from '../useMeetingsT';
import type { Outbox } from './useOutbox';

/** What this person sent and the server has not yet acknowledged: "送信中…", or why it failed with 再送信 / 破棄. */
export function PendingList({ outbox, hiddenClientIds }: { outbox: Outbox; hiddenClientIds: ReadonlySet<string> }) {
  const mt = useMeetingsT();
  const errorMessage = useErrorMessage();
  const items = outbox.pending.filter((p) => !hiddenClientIds.has(p.clientId));
  if (items.length === 0) return null;
  return (
    <ul className="room-pending">
      {items.map((item) => (
        <li
          key={item.clientId}
          className={item.status === 'failed' ? 'room-pending__item room-pending__item--failed' : 'room-pending__item'}
          aria-busy={item.status === 'sending' || undefined}
        >
          <p className="room-pending__body">{item.body}</p>
          {item.status === 'sending' ? (
            <p className="small muted">{mt('meetings.room.sending')}</p>
          ) : (
            <div role="alert" className="room-pending__failure">
              <p className="small">
                {mt('meetings.room.failed')} {errorMessage(item.error)}
              </p>
              <button type="button" className="button button--primary button--small" onClick={() => outbox.retry(item)}>
                {mt('meetings.room.retry')}
              </button>
              <button type="button" className="button button--secondary button--small" onClick={() => outbox.discard(item.clientId)}>
                {mt('meetings.room.discard')}
              </button>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
