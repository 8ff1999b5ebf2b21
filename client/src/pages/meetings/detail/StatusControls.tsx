import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { MeetingSummary } from '@shared/schemas/meetings';
import { ConfirmDialog } from '@client/components/ConfirmDialog';
import { InlineError } from '@client/components/InlineError';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useSetMeetingStatus, type StatusMove } from '@client/queries/meetings';
import { useMeetingsT } from '../useMeetingsT';
import { STATUS_MOVES } from '@shared/meetings/rules';

/**
 * The secretariat's controls: publish the schedule, start (which opens the live room and takes
 * the secretariat there), end, return to draft, cancel. Each asks first, saying what will happen.
 */
export function StatusControls({ meeting, only }: { meeting: Pick<MeetingSummary, 'id' | 'status'>; only?: readonly StatusMove[] }) {
  const mt = useMeetingsT();
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const setStatus = useSetMeetingStatus(meeting.id);
  const [asking, setAsking] = useState<StatusMove | null>(null);
  // minutesPublished is reached by publishing the minutes, never by hand.
  const moves = (STATUS_MOVES[meeting.status] as readonly StatusMove[]).filter((to) => !only || only.includes(to));
  if (moves.length === 0) return null;

  function confirm(to: StatusMove) {
    setStatus.mutate(to, {
      onSuccess() {
        setAsking(null);
        if (to === 'live') void navigate(`/meetings/${meeting.id}/room`);
      },
      onError: () => setAsking(null),
    });
  }

  return (
    <section className="meeting-status-controls" aria-labelledby="status-controls-title">
      <h2 id="status-controls-title" className="meeting-section__title--small">
        {mt('meetings.status.title')}
      </h2>
      <div className="form__actions">
        {moves.map((to) => (
          <button
            key={to}
            type="button"
            className={
              to === 'cancelled' ? 'button button--danger-outline' : to === 'draft' ? 'button button--secondary' : 'button button--primary'
            }
            disabled={setStatus.isPending}
            onClick={() => setAsking(to)}
          >
            {mt(`meetings.status.move.${to}`)}
          </button>
        ))}
      </div>
      <InlineError message={setStatus.isError && errorMessage(setStatus.error)} />
      <ConfirmDialog
        open={asking !== null}
        title={asking ? mt(`meetings.status.confirm.${asking}.title`) : ''}
        body={asking ? mt(`meetings.status.confirm.${asking}.body`) : ''}
        confirmLabel={asking ? mt(`meetings.status.move.${asking}`) : ''}
        tone={asking === 'cancelled' ? 'danger' : 'primary'}
        busy={setStatus.isPending}
        onCancel={() => setAsking(null)}
        onConfirm={() => asking && confirm(asking)}
      />
    </section>
  );
}
