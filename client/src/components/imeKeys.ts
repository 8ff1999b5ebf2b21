import type { KeyboardEvent } from 'react';

/**
 * True while an IME (Japanese input) is converting: its Enter confirms the conversion and must
 * never send. keyCode 229 covers Safari, which ends composition before the keydown arrives.
 */
export function isImeComposing(event: KeyboardEvent): boolean {
  return event.nativeEvent.isComposing || event.keyCode === 229;
}
