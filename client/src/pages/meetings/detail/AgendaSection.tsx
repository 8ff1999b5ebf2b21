import { Link } from 'react-router';
import type { Meeting } from '@shared/schemas/meetings';
import { OrgRefName } from '@client/components/OrgRefName';
import { useMeetingsT } from '../useMeetingsT';
import { MaterialList } from './MaterialList';

/** 議題: in order, each with its presenter, time box, linked register issues and threads, and materials. */
export function AgendaSection({ meeting, canManage }: { meeting: Meeting; canManage: boolean }) {
  const mt = useMeetingsT();
  const live = meeting.status === 'live';

  return (
    <section className="section meeting-section" aria-labelledby="agenda-title">
      <h2 id="agenda-title">{mt('meetings.agenda.title')}</h2>
      {meeting.agenda.length === 0 ? (
        <p className="muted">{mt('meetings.agenda.empty')}</p>
      ) : (
        <ol className="agenda-list">
          {meeting.agenda.map((item) => {
            const current = live && meeting.currentAgendaItemId === item.id;
            const materials = meeting.materials.filter((m) => m.agendaItemId === item.id);
            return (
              <li
                key={item.id}
                className={current ? 'agenda-list__item agenda-list__item--current' : 'agenda-list__item'}
                aria-current={current ? 'step' : undefined}
              >
                <h3 className="agenda-list__title">
                  <span data-user-content>{item.title}</span>
                  {current && <span className="meeting-status meeting-status--live">{mt('meetings.agenda.now')}</span>}
                </h3>
                <p className="agenda-list__meta small">
                  <span>
                    {mt('meetings.agenda.presenter')}:{' '}
                    {item.presenter ? <OrgRefName organization={item.presenter} /> : mt('meetings.agenda.noPresenter')}
                  </span>
                  <span>{mt('meetings.agenda.minutes', { count: item.minutes })}</span>
                </p>
                {item.issues.length > 0 && (
                  <div className="agenda-list__links">
                    <h4 className="agenda-list__links-title">{mt('meetings.agenda.issues')}</h4>
                    <ul>
                      {item.issues.map((issue) => (
                        <li key={issue.id}>
                          <Link to={`/register/${issue.id}`}>
                            <span className="numeric">{issue.number}</span> <span data-user-content>{issue.title}</span>
                          </Link>
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
                {item.threads.length > 0 && (
                  <div className="agenda-list__links">
                    <h4 className="agenda-list__links-title">{mt('meetings.agenda.threads')}</h4>
                    <ul>
                      {item.threads.map((thread) => (
                        <li key={thread.id}>
                          <Link to={`/threads/${thread.id}`} data-user-content>
                            {thread.title}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
                {materials.length > 0 && (
                  <div className="agenda-list__links">
                    <h4 className="agenda-list__links-title">{mt('meetings.materials.title')}</h4>
                    <MaterialList meetingId={meeting.id} materials={materials} canRemove={canManage} />
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
