import type { KeyboardEvent } from 'react';

/**
 * True while an IME (Japanese input) is converting: its Enter confirms the conversion and must
 * never send. keyCode 229 covers Safari, which ends composition before the keydown arrives.
 */
export function isImeComposing(event: KeyboardEvent): boolean {
  return event.nativeEvent.isComposing || event.keyCode === 229;
}

/** Enter sends; Shift+Enter (or Alt+Enter) starts a new line; an IME's Enter does neither. */
export function isSendKey(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
  return event.key === 'Enter' && !event.shiftKey && !event.altKey && !isImeComposing(event);
}
