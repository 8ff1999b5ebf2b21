import { useEffect, useState } from 'react';
import type { Message, Person } from '@shared/schemas/threads';
import { useRealtimeSocket } from '@client/realtime/useRealtime';

/** How long "typing…" stays after the last signal (senders signal every 3 s while typing). */
const SHOWN_MS = 5_000;

interface Typist {
  person: Person;
  until: number;
}

/** The others typing in this thread right now (thread.typing events, each shown for about 5 s). */
export function useTypingPeople(threadId: string, myId: string): Person[] {
  const socket = useRealtimeSocket();
  const [typists, setTypists] = useState<Typist[]>([]);

  useEffect(() => {
    if (!socket) return;
    const onTyping = ({ threadId: id, user }: { threadId: string; user: Person }) => {
      if (id !== threadId || user.id === myId) return;
      setTypists((list) => [...list.filter((e) => e.person.id !== user.id), { person: user, until: Date.now() + SHOWN_MS }]);
    };
    // Someone who just sent has stopped typing.
    const onMessage = (message: Message) => {
      if (message.threadId === threadId) setTypists((list) => list.filter((e) => e.person.id !== message.author.id));
    };
    socket.on('thread.typing', onTyping);
    socket.on('message.created', onMessage);
    return () => {
      socket.off('thread.typing', onTyping);
      socket.off('message.created', onMessage);
    };
  }, [socket, threadId, myId]);

  useEffect(() => {
    if (typists.length === 0) return;
    const next = Math.min(...typists.map((e) => e.until));
    const timer = setTimeout(() => setTypists((list) => list.filter((e) => e.until > Date.now())), Math.max(0, next - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [typists]);

  return typists.map((e) => e.person);
}
