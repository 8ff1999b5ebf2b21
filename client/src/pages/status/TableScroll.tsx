import type { ReactNode } from 'react';

/**
 * A wide table's horizontal scroller, as the audit log's: a named region in the Tab order, so that
 * someone on the keyboard can scroll it too (the figures' tables have no other control in them).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
