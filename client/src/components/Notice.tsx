import type { ReactNode } from 'react';

interface Props {
  tone: 'info' | 'success' | 'warning' | 'error';
  title?: string;
  children?: ReactNode;
}

/** A message box; errors interrupt (role=alert), the rest are announced politely. */
export function Notice({ tone, title, children }: Props) {
  return (
    <div className={`notice notice--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title && <p className="notice__title">{title}</p>}
      {children}
    </div>
  );
}
