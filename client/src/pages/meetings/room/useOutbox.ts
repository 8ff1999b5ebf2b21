import { useCallback } from 'react';
import { useOutbox as useItemOutbox, type Pending } from '@client/realtime/useOutbox';

export interface PendingItem extends Pending {
  body: string;
}

/** Live-room chat messages or questions sent but not yet acknowledged (see realtime/useOutbox.ts). */
export function useOutbox(send: (clientId: string, body: string) => Promise<void>) {
  const outbox = useItemOutbox<PendingItem>(useCallback((item: PendingItem) => send(item.clientId, item.body), [send]));
  return { ...outbox, send: (body: string) => outbox.add({ body }) };
}

export type Outbox = ReturnType<typeof useOutbox>;
