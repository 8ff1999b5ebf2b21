import { Link } from 'react-router';
import type { IssueLink } from '@shared/schemas/issues';
import { useRegisterT } from '../useRegisterT';

/** The meetings that take this issue up on their agenda (set from the meeting's side, so read-only here). */
export function MeetingLinks({ links }: { links: IssueLink[] }) {
  const rt = useRegisterT();
  const meetings = links.filter((l) => l.kind === 'meeting');
  if (meetings.length === 0) return null;
  return (
    <section className="side-panel" aria-labelledby="meetings-title">
      <h2 id="meetings-title" className="side-panel__title">
        {rt('register.links.meetingsTitle')}
      </h2>
      <ul className="link-list">
        {meetings.map((meeting) => (
          <li key={meeting.id} className="link-list__item">
            <Link to={`/meetings/${meeting.id}`} data-user-content>
              {meeting.title}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
