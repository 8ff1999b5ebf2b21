import { useId, useState } from 'react';
import { OrgRefName } from '@client/components/OrgRefName';
import { useOrganizations } from '@client/queries/organizations';
import { OrganizationSelect } from '../common/OrganizationSelect';
import { useMeetingsT } from '../useMeetingsT';
import { addAttendee, type AttendeeDraft } from './minutesDraft';

interface Props {
  attendees: AttendeeDraft[];
  onChange: (attendees: AttendeeDraft[]) => void;
}

/**
 * 出席者 in the editor: the proposed organisations (joined the live room, answered that they attend)
 * as checkboxes, each saying why it is proposed; unticked ones are left out of the minutes, and any
 * other organisation can be added.
 */
export function AttendeesEditor({ attendees, onChange }: Props) {
  const mt = useMeetingsT();
  const id = useId();
  const directory = useOrganizations();
  const [toAdd, setToAdd] = useState('');
  const listed = attendees.filter((a) => a.listed).length;

  function add() {
    const organization = directory.data?.organizations.find((o) => o.id === toAdd);
    if (!organization) return;
    onChange(addAttendee(attendees, { id: organization.id, nameJa: organization.nameJa, nameEn: organization.nameEn }));
    setToAdd('');
  }

  return (
    <section className="card minutes-editor__item minutes-editor__attendees" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="minutes-editor__item-title">
        {mt('meetings.minutesEditor.attendees.title')}
      </h2>
      <p className="field__hint" id={`${id}-lead`}>
        {mt('meetings.minutesEditor.attendees.lead')}
      </p>
      {attendees.length === 0 ? (
        <p className="muted">{mt('meetings.minutesEditor.attendees.none')}</p>
      ) : (
        <fieldset className="minutes-editor__attendee-list" aria-describedby={`${id}-lead`}>
          <legend className="visually-hidden">{mt('meetings.minutesEditor.attendees.title')}</legend>
          {attendees.map((attendee) => (
            <label key={attendee.organization.id} className="checkbox minutes-editor__attendee">
              <input
                type="checkbox"
                checked={attendee.listed}
                onChange={(event) => onChange(attendees.map((a) => (a === attendee ? { ...a, listed: event.target.checked } : a)))}
              />
              <span>
                <OrgRefName organization={attendee.organization} />
                <span className="minutes-editor__attendee-sources">
                  {attendee.sources.length
                    ? attendee.sources.map((source) => mt(source === 'room' ? 'meetings.minutesEditor.attendees.fromRoom' : 'meetings.minutesEditor.attendees.fromRsvp')).join(mt('meetings.minutes.listSeparator'))
                    : mt('meetings.minutesEditor.attendees.added')}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <div className="minutes-editor__attendee-add">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-add`}>
            {mt('meetings.minutesEditor.attendees.add')}
          </label>
          <OrganizationSelect id={`${id}-add`} value={toAdd} noneLabel={mt('meetings.minutesEditor.attendees.addNone')} onChange={setToAdd} />
        </div>
        <button type="button" className="button button--secondary" disabled={!toAdd} onClick={add}>
          <span aria-hidden="true">＋</span>
          {mt('meetings.minutesEditor.attendees.addButton')}
        </button>
      </div>
      <p className="small" role="status">
        {mt('meetings.minutesEditor.attendees.listed', { count: listed })}
      </p>
    </section>
  );
}
