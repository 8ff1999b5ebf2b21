import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '@client/api';

/** What every outbox keeps of an item it is sending. */
export interface Pending {
  clientId: string;
  status: 'sending' | 'failed';
  error: unknown;
  /** Failed attempts so far. */
  tries: number;
}

/** Automatic retries after a lost connection, a busy server (503) or the posting pace (429). */
const AUTO_RETRIES = 5;
/** No answer, busy (503, 429), or a load balancer's own 502/504 while a node restarts: the send is tried again. */
const RETRYABLE = new Set([0, 429, 502, 503, 504]);
const isRetryable = (error: unknown) => isApiError(error) && RETRYABLE.has(error.status);
function retryDelayMs(error: unknown, tries: number): number {
  const hinted = isApiError(error) ? error.retryAfterSeconds : undefined;
  return hinted ? hinted * 1_000 : Math.min(1_000 * 2 ** (tries - 1), 16_000);
}

/**
 * Items sent but not yet acknowledged (thread messages, live-room chat and questions). Each shows
 * at once (greyed); a delivered one leaves the list, and a refusal or timeout marks it failed.
 * A retry sends the SAME clientId, so if the first attempt did reach the server it answers with the
 * stored item instead of a copy. Failures that pass (no connection, 503, 429) are retried by
 * themselves a few times, backing off.
 */
export function useOutbox<T extends Pending>(deliver: (item: T) => Promise<void>) {
  const [pending, setPending] = useState<T[]>([]);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const scheduled = timers.current;
    return () => scheduled.forEach((timer) => clearTimeout(timer));
  }, []);

  const attempt = useCallback(
    async (item: T): Promise<void> => {
      clearTimeout(timers.current.get(item.clientId));
      timers.current.delete(item.clientId);
      const sending: T = { ...item, status: 'sending', error: null };
      setPending((list) =>
        list.some((p) => p.clientId === item.clientId) ? list.map((p) => (p.clientId === item.clientId ? sending : p)) : [...list, sending],
      );
      try {
        await deliver(item);
        setPending((list) => list.filter((p) => p.clientId !== item.clientId));
      } catch (error) {
        const failed: T = { ...item, status: 'failed', error, tries: item.tries + 1 };
        setPending((list) => list.map((p) => (p.clientId === item.clientId ? failed : p)));
        if (isRetryable(error) && failed.tries < AUTO_RETRIES) {
          timers.current.set(
            item.clientId,
            setTimeout(() => void attempt(failed), retryDelayMs(error, failed.tries)),
          );
        }
      }
    },
    [deliver],
  );

  return {
    pending,
    /** Send a new item, under a new client id. */
    add: (fields: Omit<T, keyof Pending>) =>
      void attempt({ ...fields, clientId: crypto.randomUUID(), status: 'sending', error: null, tries: 0 } as T),
    retry: (item: T) => void attempt({ ...item, tries: 0 }),
    discard: (clientId: string) => {
      clearTimeout(timers.current.get(clientId));
      timers.current.delete(clientId);
      setPending((list) => list.filter((p) => p.clientId !== clientId));
    },
  };
}
