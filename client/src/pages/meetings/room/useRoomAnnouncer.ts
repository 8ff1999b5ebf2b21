import { useCallback, useEffect, useRef, useState } from 'react';
import type { MeetingsT } from '../useMeetingsT';
import type { RoomEvent } from './roomState';

/**
 * What a screen reader hears as the room moves: others' new chat messages and questions (when the
 * person wants them read), a new floor for oneself (saying so when it answers one's raised hand), the
 * meeting ending. One polite message at a
 * time; the chat log itself is not a live region, so reordering the queue is not read out.
 * `quotesPeople`: the message quotes a person's name and words (user content, left as written in
 * either language).
 */
export function useRoomAnnouncer(mt: MeetingsT, myId: string) {
  const [{ announcement, quotesPeople }, setState] = useState({ announcement: '', quotesPeople: false });
  const setAnnouncement = (text: string, quotes = false) => setState({ announcement: text, quotesPeople: quotes });
  const [readNew, setReadNew] = useState(true);
  // Read when an event arrives, so switching it does not re-create the handler (and re-join the room).
  const readNewRef = useRef(readNew);
  useEffect(() => {
    readNewRef.current = readNew;
  }, [readNew]);
  const knownQuestions = useRef(new Set<string>());
  const hadFloor = useRef<boolean | null>(null);
  // The server sends the new floor before the queue without the hand, so the hand is still up here when the floor comes.
  const handRaised = useRef(false);

  const onEvent = useCallback(
    (event: RoomEvent) => {
      switch (event.type) {
        case 'joined':
          for (const q of event.state.questions) knownQuestions.current.add(q.id);
          hadFloor.current = event.state.floor.some((p) => p.id === myId);
          handRaised.current = event.state.hands.some((h) => h.person.id === myId);
          return;
        case 'chat':
          if (readNewRef.current && event.message.author.id !== myId) {
            setAnnouncement(mt('meetings.room.announce.chat', { name: event.message.author.displayName, body: event.message.body }), true);
          }
          return;
        case 'question':
          if (knownQuestions.current.has(event.question.id)) return;
          knownQuestions.current.add(event.question.id);
          if (readNewRef.current && event.question.author.id !== myId) {
            setAnnouncement(
              mt('meetings.room.announce.question', { name: event.question.author.displayName, body: event.question.body }),
              true,
            );
          }
          return;
        case 'floor': {
          const has = event.floor.some((p) => p.id === myId);
          if (hadFloor.current !== null && has !== hadFloor.current) {
            const granted = has && handRaised.current;
            setAnnouncement(
              mt(
                granted
                  ? 'meetings.room.announce.handGranted'
                  : has
                    ? 'meetings.room.announce.floorGiven'
                    : 'meetings.room.announce.floorTaken',
              ),
            );
          }
          hadFloor.current = has;
          return;
        }
        case 'hands':
          handRaised.current = event.hands.some((h) => h.person.id === myId);
          return;
        case 'status':
          if (event.status !== 'live') setAnnouncement(mt('meetings.room.announce.ended'));
          return;
        default:
          return;
      }
    },
    [mt, myId],
  );

  return { announcement, quotesPeople, readNew, setReadNew, onEvent };
}
