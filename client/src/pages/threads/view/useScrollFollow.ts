import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** Within this distance of the end counts as "at the newest message". */
const NEAR_BOTTOM_PX = 48;

/**
 * Whether the conversation scrolls in a box of its own (a large screen) or with the page (a phone:
 * threads.css gives it no box there, so there is never a scrolling box inside the scrolling page).
 */
function scrollsItself(el: HTMLElement): boolean {
  return /auto|scroll/.test(getComputedStyle(el).overflowY);
}

/** How far the end of the conversation is below what the reader sees. */
function distanceToEnd(el: HTMLElement): number {
  return scrollsItself(el) ? el.scrollHeight - el.scrollTop - el.clientHeight : el.getBoundingClientRect().bottom - window.innerHeight;
}

/** Bring the newest message into view: the box's end, or, with the page, the conversation's end to the window's bottom. */
function showEnd(el: HTMLElement): void {
  if (scrollsItself(el)) el.scrollTop = el.scrollHeight;
  else {
    const below = distanceToEnd(el);
    if (below > 0) window.scrollBy(0, below);
  }
}

/**
 * Scrolling of a conversation: it follows new messages while the reader is at the newest one, and
 * when older messages are put in above (firstId changes) it keeps what the reader was looking at
 * in place instead of letting it jump. In its own box the conversation opens at the newest
 * message; with the page (a phone) the page opens at its top, like any page, and follows once the
 * reader has scrolled to the end.
 */
export function useScrollFollow(scroller: RefObject<HTMLElement | null>, firstId: string | undefined) {
  const [atBottom, setAtBottom] = useState(true);
  const following = useRef(true);
  const previous = useRef<{ firstId: string | undefined; height: number }>({ firstId: undefined, height: 0 });

  const measure = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const bottom = distanceToEnd(el) <= NEAR_BOTTOM_PX;
    following.current = bottom;
    setAtBottom(bottom);
  }, [scroller]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const before = previous.current;
    if (!scrollsItself(el)) measure();
    else if (following.current) el.scrollTop = el.scrollHeight;
    else if (before.firstId !== undefined && before.firstId !== firstId) el.scrollTop += el.scrollHeight - before.height;
    previous.current = { firstId, height: el.scrollHeight };
  }, [scroller, firstId, measure]);

  // New messages, edits, the composer growing, a resized window: stay at the end if following.
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      const height = el.scrollHeight;
      if (following.current) {
        // With the page, what the reader sees under the end (the composer) stays where it was.
        if (scrollsItself(el)) el.scrollTop = height;
        else window.scrollBy(0, height - previous.current.height);
      }
      previous.current = { ...previous.current, height };
    });
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    // With the page, the window's scrolling is the reader's.
    const onPageScroll = () => {
      if (!scrollsItself(el)) measure();
    };
    window.addEventListener('scroll', onPageScroll, { passive: true });
    return () => {
      observer.disconnect();
      window.removeEventListener('scroll', onPageScroll);
    };
  }, [scroller, measure]);

  const scrollToBottom = useCallback(() => {
    const el = scroller.current;
    following.current = true;
    setAtBottom(true);
    if (el) showEnd(el);
  }, [scroller]);

  /** Before bringing a particular message into view: new ones must not pull the reader away from it. */
  const stopFollowing = useCallback(() => {
    following.current = false;
    setAtBottom(false);
  }, []);

  return { atBottom, onScroll: measure, scrollToBottom, stopFollowing };
}
