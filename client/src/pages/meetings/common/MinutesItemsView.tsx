import type { Meeting, Minutes } from '@shared/schemas/meetings';
import { DateTimeText } from '@client/components/DateTimeText';
import { useMeetingsT } from '../useMeetingsT';
import { DecisionIssueLink } from './DecisionIssueLink';
import { OrgRefName } from '@client/components/OrgRefName';

/** The minutes, read: per agenda item its summary, decisions (with their issues) and action items. */
export function MinutesItemsView({ meeting, minutes }: { meeting: Meeting; minutes: Minutes }) {
  const mt = useMeetingsT();
  const titleOf = (agendaItemId: string) => meeting.agenda.find((a) => a.id === agendaItemId)?.title ?? mt('meetings.minutes.removedItem');

  if (minutes.items.length === 0) return <p className="muted">{mt('meetings.minutes.emptyItems')}</p>;
  return (
    <ol className="minutes-view">
      {minutes.items.map((item) => (
        <li key={item.agendaItemId} className="minutes-view__item">
          <h3 className="minutes-view__title" data-user-content={meeting.agenda.some((a) => a.id === item.agendaItemId) || undefined}>
            {titleOf(item.agendaItemId)}
          </h3>
          {item.summary ? (
            <p className="minutes-view__summary" data-user-content>
              {item.summary}
            </p>
          ) : (
            <p className="muted">{mt('meetings.minutes.noSummary')}</p>
          )}
          {item.decisions.length > 0 && (
            <>
              <h4 className="minutes-view__subtitle">{mt('meetings.minutes.decisions')}</h4>
              <ul className="minutes-view__list">
                {item.decisions.map((decision, index) => (
                  <li key={index}>
                    <p className="minutes-view__text" data-user-content>
                      {decision.text}
                    </p>
                    {decision.issueId && (
                      <p className="small">
                        {mt('meetings.minutes.linkedIssue')}: <DecisionIssueLink issueId={decision.issueId} issue={decision.issue} />{' '}
                        <span className={decision.effect === 'answer' ? 'tag tag--answer' : 'tag'}>
                          {mt(`meetings.minutes.effect.${decision.effect}`)}
                        </span>
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          {item.actionItems.length > 0 && (
            <>
              <h4 className="minutes-view__subtitle">{mt('meetings.minutes.actionItems')}</h4>
              <ul className="action-item-list">
                {item.actionItems.map((action) => (
                  <li
                    key={action.id}
                    className={
                      action.overdue ? 'action-item action-item--overdue' : action.done ? 'action-item action-item--done' : 'action-item'
                    }
                  >
                    <p className="action-item__text" data-user-content>
                      {action.text}
                    </p>
                    <p className="action-item__meta small">
                      {action.overdue && <span className="overdue-flag">{mt('meetings.actionItems.overdue')}</span>}
                      {action.done && <span className="done-flag">{mt('meetings.actionItems.done')}</span>}
                      <span>
                        {mt('meetings.actionItems.owner')}:{' '}
                        {action.owner ? <OrgRefName organization={action.owner} /> : mt('meetings.actionItems.noOwner')}
                      </span>
                      <span>
                        {mt('meetings.actionItems.due')}:{' '}
                        <DateTimeText iso={action.dueDate} dateOnly fallback={mt('meetings.actionItems.noDue')} />
                      </span>
                    </p>
                  </li>
                ))}
              </ul>
            </>
          )}
        </li>
      ))}
    </ol>
  );
}
