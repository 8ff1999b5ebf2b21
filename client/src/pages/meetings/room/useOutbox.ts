import { useCallback, useState } from 'react';

export interface PendingItem {
  clientId: string;
  body: string;
  status: 'sending' | 'failed';
  error: unknown;
}

/**
 * Chat messages or questions sent but not yet acknowledged. Each shows at once (greyed); the
 * acknowledgement removes it (the stored one takes its place), a refusal or timeout marks it
 * failed. A retry sends the SAME clientId, so if the first attempt did reach the server it answers
 * with that one instead of storing a copy.
 */
export function useOutbox(send: (clientId: string, body: string) => Promise<void>) {
  const [pending, setPending] = useState<PendingItem[]>([]);

  const attempt = useCallback(
    async (item: PendingItem) => {
      const sending: PendingItem = { ...item, status: 'sending', error: null };
      setPending((list) => (list.some((p) => p.clientId === item.clientId) ? list.map((p) => (p.clientId === item.clientId ? sending : p)) : [...list, sending]));
      try {
        await send(item.clientId, item.body);
        setPending((list) => list.filter((p) => p.clientId !== item.clientId));
      } catch (error) {
        setPending((list) => list.map((p) => (p.clientId === item.clientId ? { ...p, status: 'failed', error } : p)));
      }
    },
    [send],
  );

  return {
    pending,
    send: (body: string) => void attempt({ clientId: crypto.randomUUID(), body, status: 'sending', error: null }),
    retry: (item: PendingItem) => void attempt(item),
    discard: (clientId: string) => setPending((list) => list.filter((p) => p.clientId !== clientId)),
  };
}

export type Outbox = ReturnType<typeof useOutbox>;
