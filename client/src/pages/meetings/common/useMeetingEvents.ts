import { useCallback, useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { meetingKeys } from '@client/queries/keys';
import { refetchMeeting } from '@client/queries/meetings';
import { useRealtimeSocket } from '@client/realtime/useRealtime';

export interface MinutesNotice {
  meetingId: string;
  title: string;
  kind: 'published' | 'circulated';
}

/**
 * On every signed-in page (mounted by MeetingNotices in the app shell), keep the meetings caches in step with what the server announces: a
 * changed meeting refetches exactly that meeting (and the lists, which show summaries), and
 * minutes being published or circulated also become a notice the reader can follow.
 */
export function useMeetingEvents() {
  const socket = useRealtimeSocket();
  const queryClient = useQueryClient();
  const [notices, setNotices] = useState<MinutesNotice[]>([]);

  useEffect(() => {
    if (!socket) return;
    const notify = (notice: MinutesNotice) => {
      refetchMeeting(queryClient, notice.meetingId);
      setNotices((list) => [notice, ...list.filter((n) => !(n.meetingId === notice.meetingId && n.kind === notice.kind))].slice(0, 3));
    };
    const onChanged = ({ meetingId }: { meetingId: string }) => refetchMeeting(queryClient, meetingId);
    const onPublished = ({ meetingId, title }: { meetingId: string; title: string }) => {
      // Publishing creates action items; the panel on the list page shows them.
      void queryClient.invalidateQueries({ queryKey: meetingKeys.actionItems });
      notify({ meetingId, title, kind: 'published' });
    };
    const onCirculated = ({ meetingId, title }: { meetingId: string; title: string }) => notify({ meetingId, title, kind: 'circulated' });
    socket.on('meeting.changed', onChanged);
    socket.on('meeting.minutesPublished', onPublished);
    socket.on('meeting.minutesCirculated', onCirculated);
    return () => {
      socket.off('meeting.changed', onChanged);
      socket.off('meeting.minutesPublished', onPublished);
      socket.off('meeting.minutesCirculated', onCirculated);
    };
  }, [socket, queryClient]);

  const dismiss = useCallback((notice: MinutesNotice) => setNotices((list) => list.filter((n) => n !== notice)), []);
  return { notices, dismiss };
}
