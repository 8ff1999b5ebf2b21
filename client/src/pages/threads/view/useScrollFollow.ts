import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** Within this distance of the end counts as "at the newest message". */
const NEAR_BOTTOM_PX = 48;

/**
 * Scrolling of a conversation: it follows new messages while the reader is at the bottom, and
 * when older messages are put in above (firstId changes) it keeps what the reader was looking at
 * in place instead of letting it jump.
 */
export function useScrollFollow(scroller: RefObject<HTMLElement | null>, firstId: string | undefined) {
  const [atBottom, setAtBottom] = useState(true);
  const following = useRef(true);
  const previous = useRef<{ firstId: string | undefined; height: number }>({ firstId: undefined, height: 0 });

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const before = previous.current;
    if (following.current) el.scrollTop = el.scrollHeight;
    else if (before.firstId !== undefined && before.firstId !== firstId) el.scrollTop += el.scrollHeight - before.height;
    previous.current = { firstId, height: el.scrollHeight };
  }, [scroller, firstId]);

  // New messages, edits, the composer growing, a resized window: stay at the bottom if following.
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      if (following.current) el.scrollTop = el.scrollHeight;
      previous.current = { ...previous.current, height: el.scrollHeight };
    });
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, [scroller]);

  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight <= NEAR_BOTTOM_PX;
    following.current = bottom;
    setAtBottom(bottom);
  }, [scroller]);

  const scrollToBottom = useCallback(() => {
    const el = scroller.current;
    following.current = true;
    setAtBottom(true);
    if (el) el.scrollTop = el.scrollHeight;
  }, [scroller]);

  /** Before bringing a particular message into view: new ones must not pull the reader away from it. */
  const stopFollowing = useCallback(() => {
    following.current = false;
    setAtBottom(false);
  }, []);

  return { atBottom, onScroll, scrollToBottom, stopFollowing };
}
