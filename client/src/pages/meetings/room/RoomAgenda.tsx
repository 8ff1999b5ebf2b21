import type { AgendaItem } from '@shared/schemas/meetings';
import { InlineError } from '@client/components/InlineError';
import { OrgRefName } from '@client/components/OrgRefName';
import { useMeetingsT } from '../useMeetingsT';
import type { RoomCommands } from './useMeetingRoom';
import { useRoomCommand } from './useRoomCommand';

interface Props {
  agenda: AgendaItem[];
  currentId: string | null;
  /** The secretariat, while live, moves the meeting from item to item. */
  canManage: boolean;
  setCurrent: RoomCommands['setCurrentAgendaItem'];
}

/** The whole agenda in the room, the current item marked; links open in a new tab so one stays in the room. */
export function RoomAgenda({ agenda, currentId, canManage, setCurrent }: Props) {
  const mt = useMeetingsT();
  const command = useRoomCommand();
  const busy = command.busy !== null;
  const choose = (agendaItemId: string | null) => command.run('agenda', () => setCurrent(agendaItemId));

  const newTab = <span className="visually-hidden">{mt('meetings.detail.opensNewWindow')}</span>;
  return (
    <section className="room-panel room-agenda" aria-labelledby="room-agenda-title">
      <h2 id="room-agenda-title" className="room-panel__title">
        {mt('meetings.agenda.title')}
      </h2>
      {agenda.length === 0 ? (
        <p className="muted">{mt('meetings.agenda.empty')}</p>
      ) : (
        <ol className="room-agenda__list">
          {agenda.map((item) => {
            const current = item.id === currentId;
            return (
              <li
                key={item.id}
                className={current ? 'room-agenda__item room-agenda__item--current' : 'room-agenda__item'}
                aria-current={current ? 'step' : undefined}
              >
                <p className="room-agenda__title">
                  <span data-user-content>{item.title}</span>
                  {current && <span className="meeting-status meeting-status--live">{mt('meetings.agenda.now')}</span>}
                </p>
                <p className="small muted">
                  {item.presenter ? <OrgRefName organization={item.presenter} /> : mt('meetings.agenda.noPresenter')} ·{' '}
                  {mt('meetings.agenda.minutes', { count: item.minutes })}
                </p>
                {(item.issues.length > 0 || item.threads.length > 0) && (
                  <ul className="room-agenda__links small">
                    {item.issues.map((issue) => (
                      <li key={issue.id}>
                        <a href={`/register/${issue.id}`} target="_blank" rel="noopener">
                          <span className="numeric">{issue.number}</span> <span data-user-content>{issue.title}</span>
                          {newTab}
                        </a>
                      </li>
                    ))}
                    {item.threads.map((thread) => (
                      <li key={thread.id}>
                        <a href={`/threads/${thread.id}`} target="_blank" rel="noopener">
                          <span data-user-content>{thread.title}</span>
                          {newTab}
                        </a>
                      </li>
                    ))}
                  </ul>
                )}
                {canManage && !current && (
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    disabled={busy}
                    onClick={() => void choose(item.id)}
                  >
                    {mt('meetings.room.makeCurrent')}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {canManage && currentId && (
        <button type="button" className="button button--tertiary button--small" disabled={busy} onClick={() => void choose(null)}>
          {mt('meetings.room.clearCurrent')}
        </button>
      )}
      <InlineError message={command.failure} />
    </section>
  );
}
