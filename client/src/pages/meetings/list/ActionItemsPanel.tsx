import { useState } from 'react';
import { Link } from 'react-router';
import { useCurrentUser } from '@client/components/CurrentUser';
import { DateTimeText } from '@client/components/DateTimeText';
import { ErrorState } from '@client/components/ErrorState';
import { LoadingState } from '@client/components/LoadingState';
import { useActionItems } from '@client/queries/meetings';
import { OrgRefName } from '@client/components/OrgRefName';
import { useMeetingsT } from '../useMeetingsT';

/** Overdue first, then by due date (none last), so what needs doing now is on top. */
function byUrgency(a: { overdue: boolean; dueDate: string | null }, b: { overdue: boolean; dueDate: string | null }): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  return (a.dueDate ?? '9999-12-31').localeCompare(b.dueDate ?? '9999-12-31');
}

/** 自分の対応事項: action items from published minutes owned by one's organisation (the secretariat: all). */
export function ActionItemsPanel() {
  const mt = useMeetingsT();
  const me = useCurrentUser();
  const everyone = me.abilities['meeting.manage'];
  const items = useActionItems();
  const [showDone, setShowDone] = useState(false);

  const all = items.data?.actionItems ?? [];
  const open = all.filter((a) => !a.done).sort(byUrgency);
  const done = all.filter((a) => a.done);
  const shown = showDone ? [...open, ...done] : open;
  const overdue = open.filter((a) => a.overdue).length;

  return (
    <section className="card meeting-panel" aria-labelledby="action-items-title">
      <h2 id="action-items-title" className="meeting-panel__title">
        {everyone ? mt('meetings.actionItems.titleAll') : mt('meetings.actionItems.title')}
      </h2>
      {items.isPending ? (
        <LoadingState />
      ) : items.isError ? (
        <ErrorState error={items.error} onRetry={() => void items.refetch()} />
      ) : all.length === 0 ? (
        <p className="muted">{mt('meetings.actionItems.empty')}</p>
      ) : (
        <>
          <p className="small">
            {mt('meetings.actionItems.summary', { open: open.length, done: done.length })}
            {overdue > 0 && <span className="overdue-flag">{mt('meetings.actionItems.overdueCount', { count: overdue })}</span>}
          </p>
          <ul className="action-item-list">
            {shown.map((item) => (
              <li
                key={`${item.meeting.id}:${item.id}`}
                className={item.overdue ? 'action-item action-item--overdue' : item.done ? 'action-item action-item--done' : 'action-item'}
              >
                <p className="action-item__text">{item.text}</p>
                <p className="action-item__meta small">
                  {item.overdue && <span className="overdue-flag">{mt('meetings.actionItems.overdue')}</span>}
                  {item.done && <span className="done-flag">{mt('meetings.actionItems.done')}</span>}
                  <span>
                    {mt('meetings.actionItems.due')}:{' '}
                    <DateTimeText iso={item.dueDate} dateOnly fallback={mt('meetings.actionItems.noDue')} />
                  </span>
                  {everyone && item.owner && (
                    <span>
                      {mt('meetings.actionItems.owner')}: <OrgRefName organization={item.owner} />
                    </span>
                  )}
                  <Link to={`/meetings/${item.meeting.id}`} data-user-content>
                    {item.meeting.title}
                  </Link>
                </p>
              </li>
            ))}
          </ul>
          {done.length > 0 && (
            <button
              type="button"
              className="button button--tertiary button--small"
              aria-pressed={showDone}
              onClick={() => setShowDone((v) => !v)}
            >
              {mt('meetings.actionItems.showDone', { count: done.length })}
            </button>
          )}
        </>
      )}
    </section>
  );
}
