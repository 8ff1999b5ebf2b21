import type { RaisedHand } from '@shared/schemas/meetings';
import { InlineError } from '@client/components/InlineError';
import { useMeetingsT } from '../useMeetingsT';
import type { RoomCommands } from './useMeetingRoom';
import { useRoomCommand } from './useRoomCommand';

interface Props {
  hands: RaisedHand[];
  myId: string;
  setHand: RoomCommands['setHand'];
}

/**
 * 挙手: where an observer without the floor would write, why they cannot yet and the button that asks
 * the secretariat for the floor (or lowers the hand again), with their place in the queue.
 */
export function RaiseHand({ hands, myId, setHand }: Props) {
  const mt = useMeetingsT();
  const command = useRoomCommand();
  const busy = command.busy !== null;
  const position = hands.findIndex((h) => h.person.id === myId);
  const raised = position >= 0;

  return (
    <div className="notice notice--info room-hand">
      <p className="room-hand__lead">{mt('meetings.room.needFloorRaiseHand')}</p>
      <button
        type="button"
        className={raised ? 'button button--secondary' : 'button button--primary'}
        disabled={busy}
        aria-busy={busy || undefined}
        onClick={() => void command.run('hand', () => setHand(!raised))}
      >
        <span aria-hidden="true">✋ </span>
        {raised ? mt('meetings.room.lowerHand') : mt('meetings.room.raiseHand')}
      </button>
      <p className="room-hand__state small" role="status">
        {raised ? mt('meetings.room.handRaised', { position: position + 1 }) : ''}
      </p>
      <InlineError message={command.failure} />
    </div>
  );
}
