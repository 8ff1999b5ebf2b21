import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { storeReadState } from '@client/queries/threads';
import { markThreadRead } from '@client/realtime/threadCommands';
import { usePageVisible } from './usePageVisible';

interface Options {
  threadId: string;
  /** The last message number held. */
  lastSeq: number;
  readSeq: number;
  /** The reader is looking at the newest messages. */
  atBottom: boolean;
}

/** Mark the thread read up to `lastSeq` while the tab is visible and scrolled to the newest message. */
export function useMarkRead({ threadId, lastSeq, readSeq, atBottom }: Options): void {
  const queryClient = useQueryClient();
  const visible = usePageVisible();
  const sentUpTo = useRef(0);

  useEffect(() => {
    if (!visible || !atBottom || lastSeq <= readSeq || lastSeq <= sentUpTo.current) return;
    sentUpTo.current = lastSeq;
    markThreadRead(threadId, lastSeq).then(
      (state) => storeReadState(queryClient, state),
      () => {
        sentUpTo.current = 0; // Try again at the next change (a new message, scrolling, the tab shown).
      },
    );
  }, [visible, atBottom, lastSeq, readSeq, threadId, queryClient]);
}
