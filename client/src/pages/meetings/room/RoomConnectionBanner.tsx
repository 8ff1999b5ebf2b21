import { useEffect, useState } from 'react';
import { useConnectionState } from '@client/realtime/useRealtime';
import { useMeetingsT } from '../useMeetingsT';

/** Blips shorter than this (a server restart, a role change reconnecting) are not worth a banner. */
const GRACE_MS = 1_500;

/** "接続が切れています。再接続しています…" while the live connection is down; the room re-joins by itself. */
export function RoomConnectionBanner() {
  const mt = useMeetingsT();
  const state = useConnectionState();
  const [graceOver, setGraceOver] = useState(false);

  useEffect(() => {
    if (state !== 'interrupted') return;
    const timer = setTimeout(() => setGraceOver(true), GRACE_MS);
    return () => {
      clearTimeout(timer);
      setGraceOver(false);
    };
  }, [state]);

  return (
    <div className="room-connection" role="status">
      {state === 'interrupted' && graceOver && (
        <p className="notice notice--warning room-connection__notice">
          <span className="spinner room-connection__spinner" aria-hidden="true" />
          {mt('meetings.room.disconnected')}
        </p>
      )}
    </div>
  );
}
