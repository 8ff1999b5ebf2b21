import type { Meeting } from '@shared/schemas/meetings';
import { useMeetingsT } from '../useMeetingsT';
import { MaterialList } from './MaterialList';
import { MaterialUpload } from './MaterialUpload';

/** The meeting's own materials (those of an agenda item show under it) and, for the secretariat, the upload. */
export function MaterialsSection({ meeting, canManage }: { meeting: Meeting; canManage: boolean }) {
  const mt = useMeetingsT();
  const general = meeting.materials.filter((m) => m.agendaItemId === null);
  const perItem = meeting.materials.length - general.length;

  return (
    <section className="section meeting-section" aria-labelledby="materials-title">
      <h2 id="materials-title">{mt('meetings.materials.title')}</h2>
      {general.length === 0 ? (
        <p className="muted">{perItem > 0 ? mt('meetings.materials.onlyPerItem', { count: perItem }) : mt('meetings.materials.empty')}</p>
      ) : (
        <MaterialList meetingId={meeting.id} materials={general} canRemove={canManage} />
      )}
      {canManage && meeting.status !== 'cancelled' && <MaterialUpload meeting={meeting} />}
    </section>
  );
}
