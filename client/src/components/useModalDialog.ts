import { useEffect, type RefObject } from 'react';

/**
 * Show a <dialog> as modal while it is mounted (the parent mounts it to open it, so its fields
 * start empty each time), and give focus back to whatever opened it when it goes away.
 */
export function useModalDialog(ref: RefObject<HTMLDialogElement | null>): void {
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
      opener?.focus();
    };
  }, [ref]);
}
