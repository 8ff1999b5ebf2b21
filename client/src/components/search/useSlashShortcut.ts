import { useEffect, type RefObject } from 'react';

/** Where a typed "/" is text: form fields, editable content. */
const TEXT_TARGET = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])';

/**
 * "/" anywhere on the page focuses `input` (and selects what it holds), as on GitHub or Discourse — except
 * where "/" is typed as text (a field, an editor), during an IME conversion, with a modifier, or while a
 * modal dialog is open (focus must stay inside it).
 */
export function useSlashShortcut(input: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== '/' || event.defaultPrevented || event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest(TEXT_TARGET) || document.querySelector('dialog[open]')) return;
      const box = input.current;
      if (!box || box.offsetParent === null) return;
      event.preventDefault();
      box.focus();
      box.select();
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [input]);
}
