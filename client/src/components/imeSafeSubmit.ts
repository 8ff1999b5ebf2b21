import type { KeyboardEvent } from 'react';

/**
 * Put on a <form>'s onKeyDown: an Enter that confirms a Japanese IME conversion must not submit
 * the form. (keyCode 229 covers Safari, which ends composition before the keydown arrives.)
 */
export function preventSubmitWhileComposing(event: KeyboardEvent<HTMLFormElement>): void {
  if (event.key === 'Enter' && (event.nativeEvent.isComposing || event.keyCode === 229)) event.preventDefault();
}
