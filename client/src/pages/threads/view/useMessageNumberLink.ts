import { useEffect } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { MessagePage } from '@shared/schemas/threads';
import { api } from '@client/api';
import { messageLink } from './messageLink';
import { MESSAGE_NUMBER_PARAM } from '@shared/notifications/targetPath';

/**
 * Turn ?seq=<n> into the page's own link to that message (?message=<id>, with its parent's reply
 * panel for a reply), replacing the address, so the page brings it into view as it does any linked
 * message. Replies share the thread's numbering, so one catch-up read from just before the number
 * finds it, or the next message when that number was never stored; with none after it, the
 * thread opens as usual.
 */
export function useMessageNumberLink(threadId: string): void {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const seq = Number(params.get(MESSAGE_NUMBER_PARAM));
  const wanted = Number.isSafeInteger(seq) && seq >= 1 ? seq : null;

  useEffect(() => {
    if (wanted === null) return;
    const controller = new AbortController();
    const path = `/api/threads/${encodeURIComponent(threadId)}/messages?after=${wanted - 1}&limit=1`;
    api.get<MessagePage>(path, controller.signal).then(
      ({ messages: [found] }) =>
        void navigate(found ? messageLink(threadId, found) : `/threads/${threadId}`, { replace: true, preventScrollReset: true }),
      () => {
        // Aborted (the page moved on), or the read failed: the thread page shows why it cannot open, if it cannot.
        if (!controller.signal.aborted) void navigate(`/threads/${threadId}`, { replace: true, preventScrollReset: true });
      },
    );
    return () => controller.abort();
  }, [threadId, wanted, navigate]);
}
