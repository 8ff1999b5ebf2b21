import { useState, type CompositionEvent } from 'react';

/**
 * A text field's value as last committed: while an IME conversion is open (compositionstart to compositionend)
 * it stays what the field held before the conversion began, so nothing is looked up with half-converted kana;
 * the confirmed text takes its place when the conversion ends. Spread `composition` on the input.
 */
export function useCommittedText(value: string) {
  const [before, setBefore] = useState<string | null>(null);
  return {
    committed: before ?? value,
    composing: before !== null,
    composition: {
      onCompositionStart: (event: CompositionEvent<HTMLInputElement>) => setBefore(event.currentTarget.value),
      onCompositionEnd: () => setBefore(null),
    },
  };
}
