import type { AgendaItem } from '@shared/schemas/meetings';
import { OrgRefName } from '@client/components/OrgRefName';
import { useMeetingsT } from '../useMeetingsT';

/** The agenda item under discussion now, large at the top of the room, announced when it changes. */
export function CurrentAgendaItem({ agenda, currentId }: { agenda: AgendaItem[]; currentId: string | null }) {
  const mt = useMeetingsT();
  const index = agenda.findIndex((a) => a.id === currentId);
  const item = agenda[index];
  return (
    <section className="room-current" aria-labelledby="room-current-title" aria-live="polite" aria-atomic="true">
      <h2 id="room-current-title" className="room-current__label">
        {mt('meetings.room.currentItem')}
      </h2>
      {item ? (
        <>
          <p className="room-current__title">
            <span className="room-current__number">{mt('meetings.form.agendaItem', { number: index + 1 })}</span>{' '}
            <span data-user-content>{item.title}</span>
          </p>
          <p className="small">
            {mt('meetings.agenda.presenter')}:{' '}
            {item.presenter ? <OrgRefName organization={item.presenter} /> : mt('meetings.agenda.noPresenter')}
            {' · '}
            {mt('meetings.agenda.minutes', { count: item.minutes })}
          </p>
        </>
      ) : (
        <p className="room-current__none">{mt('meetings.room.noCurrentItem')}</p>
      )}
    </section>
  );
}
