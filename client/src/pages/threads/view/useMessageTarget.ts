import { useEffect, useRef, useState } from 'react';
import type { Message } from '@shared/schemas/threads';

/** Linked messages further back than this many pages are reported missing rather than fetched. */
const MAX_PAGES = 10;

export const messageElementId = (messageId: string) => `message-${messageId}`;

interface Options {
  targetId: string | null;
  messages: readonly Message[];
  hasOlder: boolean;
  loadingOlder: boolean;
  loadOlder: () => void;
  beforeScroll?: () => void;
}

/**
 * Bring a linked message (?message=…) into view and focus it, loading older pages until it is
 * held. Returns true when it could not be found.
 */
export function useMessageTarget({ targetId, messages, hasOlder, loadingOlder, loadOlder, beforeScroll }: Options): boolean {
  const [missing, setMissing] = useState<string | null>(null);
  const reached = useRef<string | null>(null);
  const pagesLoaded = useRef(0);

  useEffect(() => {
    if (!targetId || reached.current === targetId || loadingOlder) return;
    if (messages.some((m) => m.id === targetId)) {
      reached.current = targetId;
      const element = document.getElementById(messageElementId(targetId));
      beforeScroll?.();
      element?.scrollIntoView({ block: 'center' });
      element?.focus({ preventScroll: true });
    } else if (hasOlder && pagesLoaded.current < MAX_PAGES) {
      pagesLoaded.current += 1;
      loadOlder();
    } else {
      reached.current = targetId;
      setMissing(targetId);
    }
  }, [targetId, messages, hasOlder, loadingOlder, loadOlder, beforeScroll]);

  return missing !== null && missing === targetId;
}
