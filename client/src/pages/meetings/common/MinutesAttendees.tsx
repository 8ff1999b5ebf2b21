import { useId } from 'react';
import type { Minutes } from '@shared/schemas/meetings';
import { OrgRefName } from '@client/components/OrgRefName';
import { useMeetingsT } from '../useMeetingsT';

interface Props {
  attendees: Minutes['attendees'];
  /** The heading's level where the list stands (h3 in the meeting page's minutes, h2 in the minutes document). */
  level: 2 | 3;
}

/** 出席者: the organisations the minutes name as present, in the order the server keeps (vendors, observers, secretariat). */
export function MinutesAttendees({ attendees, level }: Props) {
  const mt = useMeetingsT();
  const headingId = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  // Draft minutes saved before a list was chosen have none yet: the editor proposes them.
  if (attendees === null) return null;
  return (
    <section className="minutes-attendees" aria-labelledby={headingId}>
      <Heading id={headingId} className="minutes-attendees__title">
        {attendees.length ? mt('meetings.minutes.attendeesCount', { count: attendees.length }) : mt('meetings.minutes.attendees')}
      </Heading>
      {attendees.length ? (
        <ul className="minutes-attendees__list">
          {attendees.map((organization) => (
            <li key={organization.id}>
              <OrgRefName organization={organization} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{mt('meetings.minutes.attendeesNone')}</p>
      )}
    </section>
  );
}
