import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { PresenceChange } from '@shared/meetings/presence';
import type { ChatMessage, Question, RaisedHand } from '@shared/schemas/meetings';
import type { MeetingStatus } from '@shared/meetings/rules';
import type { RoomPerson } from '@shared/schemas/threads';
import { ApiError, isApiError } from '@client/api';
import { emitWithAck } from '@client/realtime/emitWithAck';
import { useRealtimeSocket } from '@client/realtime/useRealtime';
import { roomReducer, type RoomEvent } from './roomState';

/**
 * Be in the meeting's live room while the page is open: meeting.join when the socket is there and
 * again after every reconnection (the acknowledgement brings the whole room, so nothing missed is
 * lost), the room's events folded into one state, meeting.leave on the way out. `onEvent` sees each
 * event too (for announcements), after it is applied.
 */
export function useMeetingRoom(meetingId: string, onEvent?: (event: RoomEvent) => void) {
  const socket = useRealtimeSocket();
  const [room, dispatch] = useReducer(roomReducer, null);
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  // The latest callback, read when an event comes: a new callback must not make us leave and re-join.
  const onEventRef = useRef(onEvent);
  useEffect(() => {
    onEventRef.current = onEvent;
  });

  useEffect(() => {
    if (!socket) return;
    let active = true;
    let joined = false;
    const apply = (event: RoomEvent) => {
      dispatch(event);
      onEventRef.current?.(event);
    };

    async function join(): Promise<void> {
      if (!socket) return;
      try {
        const state = await emitWithAck(socket, 'meeting.join', { meetingId });
        if (!active) return;
        joined = true;
        setRefusal(null);
        apply({ type: 'joined', state });
      } catch (error) {
        if (!active) return;
        // Not invited, not started yet, gone: say so. No answer in time: the next reconnection joins again.
        if (isApiError(error) && [403, 404, 409].includes(error.status)) setRefusal(error);
      }
    }

    const mine = (payload: { meetingId: string }) => payload.meetingId === meetingId;
    const onConnect = () => void join();
    const onChat = (message: ChatMessage) => mine(message) && apply({ type: 'chat', message });
    const onQuestion = (question: Question) => mine(question) && apply({ type: 'question', question });
    const onAgenda = (p: { meetingId: string; agendaItemId: string | null }) =>
      mine(p) && apply({ type: 'agendaCurrent', agendaItemId: p.agendaItemId });
    const onFloor = (p: { meetingId: string; floor: RoomPerson[] }) => mine(p) && apply({ type: 'floor', floor: p.floor });
    const onHands = (p: { meetingId: string; hands: RaisedHand[] }) => mine(p) && apply({ type: 'hands', hands: p.hands });
    const onPresence = ({ meetingId, joined, left }: { meetingId: string } & PresenceChange) =>
      mine({ meetingId }) && apply({ type: 'presence', change: { joined, left } });
    const onStatus = (p: { meetingId: string; status: MeetingStatus }) => mine(p) && apply({ type: 'status', status: p.status });
    // Waiting at a room that was not open yet: the meeting starting lets us in without a reload.
    // (Once in, changes arrive as room events; re-joining on every change would flood a big room.)
    const onChanged = (p: { meetingId: string; status: MeetingStatus }) => {
      if (!joined && mine(p) && p.status === 'live') void join();
    };

    if (socket.connected) void join();
    socket.on('connect', onConnect);
    socket.on('meeting.chat', onChat);
    socket.on('meeting.question', onQuestion);
    socket.on('meeting.agendaCurrent', onAgenda);
    socket.on('meeting.floor', onFloor);
    socket.on('meeting.hands', onHands);
    socket.on('meeting.presence', onPresence);
    socket.on('meeting.status', onStatus);
    socket.on('meeting.changed', onChanged);
    return () => {
      active = false;
      socket.off('connect', onConnect);
      socket.off('meeting.chat', onChat);
      socket.off('meeting.question', onQuestion);
      socket.off('meeting.agendaCurrent', onAgenda);
      socket.off('meeting.floor', onFloor);
      socket.off('meeting.hands', onHands);
      socket.off('meeting.presence', onPresence);
      socket.off('meeting.status', onStatus);
      socket.off('meeting.changed', onChanged);
      if (socket.connected) socket.emit('meeting.leave', { meetingId }, () => undefined);
    };
  }, [socket, meetingId]);

  /** Our own writes come back in the acknowledgement; fold them in at once rather than wait for the broadcast. */
  const commands = useRoomCommands(meetingId, dispatch);
  return { room, refusal, commands };
}

function useRoomCommands(meetingId: string, dispatch: (event: RoomEvent) => void) {
  const socket = useRealtimeSocket();
  const need = useCallback(() => {
    if (!socket) throw new ApiError({ status: 0, code: 'network', message: 'not connected' });
    return socket;
  }, [socket]);

  return {
    sendChat: useCallback(
      async (clientId: string, body: string) => {
        const { message } = await emitWithAck(need(), 'meeting.chat', { meetingId, clientId, body });
        dispatch({ type: 'chat', message });
      },
      [need, meetingId, dispatch],
    ),
    raiseQuestion: useCallback(
      async (clientId: string, body: string) => {
        const { question } = await emitWithAck(need(), 'meeting.question', { meetingId, clientId, body });
        dispatch({ type: 'question', question });
      },
      [need, meetingId, dispatch],
    ),
    supportQuestion: useCallback(
      async (questionId: string, on: boolean) => {
        const { question } = await emitWithAck(need(), 'meeting.questionSupport', { questionId, on });
        dispatch({ type: 'question', question });
      },
      [need, dispatch],
    ),
    setQuestionStatus: useCallback(
      async (questionId: string, status: 'current' | 'answered') => {
        const { question } = await emitWithAck(need(), 'meeting.questionStatus', { questionId, status });
        dispatch({ type: 'question', question });
      },
      [need, dispatch],
    ),
    setCurrentAgendaItem: useCallback(
      async (agendaItemId: string | null) => {
        const ack = await emitWithAck(need(), 'meeting.agendaCurrent', { meetingId, agendaItemId });
        dispatch({ type: 'agendaCurrent', agendaItemId: ack.agendaItemId });
      },
      [need, meetingId, dispatch],
    ),
    setFloor: useCallback(
      async (userId: string, on: boolean) => {
        const { floor } = await emitWithAck(need(), 'meeting.floor', { meetingId, userId, on });
        dispatch({ type: 'floor', floor });
      },
      [need, meetingId, dispatch],
    ),
    // Hands: the queue comes back in the room's own `meeting.hands`, sent in the order the server read
    // it; the acknowledgement's copy could land after a newer one, so it is not folded in.
    /** Raise (or lower) one's own hand. */
    setHand: useCallback(
      async (on: boolean) => {
        await emitWithAck(need(), 'meeting.hand', { meetingId, on });
      },
      [need, meetingId],
    ),
    /** Secretariat: lower someone's hand without giving the floor. */
    dismissHand: useCallback(
      async (userId: string) => {
        await emitWithAck(need(), 'meeting.handDismiss', { meetingId, userId });
      },
      [need, meetingId],
    ),
  };
}

export type RoomCommands = ReturnType<typeof useRoomCommands>;
