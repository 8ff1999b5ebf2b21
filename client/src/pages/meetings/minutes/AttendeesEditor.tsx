import { useId, useState } from 'react';
import { Field } from '@client/components/Field';
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
  const titleId = useId();
  const title = mt('meetings.minutesEditor.attendees.title');
  const tick = (changed: AttendeeDraft, listed: boolean) => onChange(attendees.map((a) => (a === changed ? { ...a, listed } : a)));

  return (
    <section className="card minutes-editor__item minutes-editor__attendees" aria-labelledby={titleId}>
      <h2 id={titleId} className="minutes-editor__item-title">
        {title}
      </h2>
      {attendees.length > 0 ? (
        <fieldset className="minutes-editor__attendee-list">
          <legend className="field__hint">{mt('meetings.minutesEditor.attendees.lead')}</legend>
          {attendees.map((attendee) => (
            <AttendeeChoice key={attendee.organization.id} attendee={attendee} onTick={(listed) => tick(attendee, listed)} />
          ))}
        </fieldset>
      ) : (
        <p className="muted">{mt('meetings.minutesEditor.attendees.none')}</p>
      )}
      <AddAttendee onAdd={(organization) => onChange(addAttendee(attendees, organization))} />
      <p className="small" role="status">
        {mt('meetings.minutesEditor.attendees.listed', { count: attendees.filter((a) => a.listed).length })}
      </p>
    </section>
  );
}

/** One candidate: ticked when named in the minutes, with why it was proposed. */
function AttendeeChoice({ attendee, onTick }: { attendee: AttendeeDraft; onTick: (listed: boolean) => void }) {
  const mt = useMeetingsT();
  const why = attendee.sources.map((source) =>
    mt(source === 'room' ? 'meetings.minutesEditor.attendees.fromRoom' : 'meetings.minutesEditor.attendees.fromRsvp'),
  );
  return (
    <label className="checkbox minutes-editor__attendee">
      <input type="checkbox" checked={attendee.listed} onChange={(event) => onTick(event.target.checked)} />
      <span>
        <OrgRefName organization={attendee.organization} />
        <span className="minutes-editor__attendee-sources">
          {why.length ? why.join(mt('meetings.minutes.listSeparator')) : mt('meetings.minutesEditor.attendees.added')}
        </span>
      </span>
    </label>
  );
}

/** Any organisation of the directory, added ticked. */
function AddAttendee({ onAdd }: { onAdd: (organization: AttendeeDraft['organization']) => void }) {
  const mt = useMeetingsT();
  const directory = useOrganizations();
  const [chosen, setChosen] = useState('');
  const organization = directory.data?.organizations.find((o) => o.id === chosen);
  function add() {
    if (organization) onAdd({ id: organization.id, nameJa: organization.nameJa, nameEn: organization.nameEn });
    setChosen('');
  }
  return (
    <div className="minutes-editor__attendee-add">
      <Field label={mt('meetings.minutesEditor.attendees.add')}>
        {(control) => (
          <OrganizationSelect {...control} value={chosen} noneLabel={mt('meetings.minutesEditor.attendees.addNone')} onChange={setChosen} />
        )}
      </Field>
      <button type="button" className="button button--secondary" disabled={!organization} onClick={add}>
        <span aria-hidden="true">＋</span>
        {mt('meetings.minutesEditor.attendees.addButton')}
      </button>
    </div>
  );
}
