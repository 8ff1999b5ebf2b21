import { useCallback, useRef } from 'react';
import { realtimeSocket } from '@client/realtime/socket';

/** Others show "typing" for about 5 s after each signal; one every 3 s keeps it on without chatter. */
const SIGNAL_EVERY_MS = 3_000;

/** A function to call on each keystroke; it tells the thread's room at most every 3 s. */
export function useTypingSignal(threadId: string): () => void {
  const last = useRef(0);
  return useCallback(() => {
    const now = Date.now();
    const socket = realtimeSocket();
    if (now - last.current < SIGNAL_EVERY_MS || !socket?.connected) return;
    last.current = now;
    socket.emit('thread.typing', { threadId }, () => undefined); // The ack says nothing worth waiting for.
  }, [threadId]);
}
