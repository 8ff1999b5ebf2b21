import { useState } from 'react';
import type { Issue } from '@shared/schemas/issues';
import { useRegisterT } from '../useRegisterT';
import { IssueFacts } from './IssueFacts';

/** The width at which the particulars stand beside the issue (register.css `.issue-layout`). */
const SIDE_BY_SIDE = '(min-width: 64rem)';

/**
 * 課題の概要: the issue's particulars. Beside the issue on a wide screen, open; on a phone, folded
 * above it, so the description comes first and the particulars are one tap away.
 */
export function FactsBlock({ issue }: { issue: Issue }) {
  const rt = useRegisterT();
  const [open, setOpen] = useState(() => typeof window === 'undefined' || window.matchMedia(SIDE_BY_SIDE).matches);
  return (
    <details className="issue-facts-block side-panel" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="side-panel__title">{rt('register.detail.facts')}</summary>
      <IssueFacts issue={issue} />
    </details>
  );
}
