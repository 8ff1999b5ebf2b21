import { useEffect, useRef } from 'react';
import type { Issue } from '@shared/schemas/issues';
import { useRegisterT } from '../useRegisterT';
import type { Selection } from './useSelection';

/** The tick box of one issue (a table row or a phone card), named by its number. */
export function SelectBox({ issue, selection }: { issue: Issue; selection: Selection }) {
  const rt = useRegisterT();
  return (
    <input
      type="checkbox"
      className="bulk-select"
      aria-label={rt('register.bulk.select', { number: issue.number })}
      checked={selection.has(issue.id)}
      onChange={(event) => selection.toggle(issue.id, event.target.checked)}
    />
  );
}

/** 「このページの課題をすべて選択」: ticked when all are, mixed when some are. */
export function SelectAllBox({ issues, selection }: { issues: Issue[]; selection: Selection }) {
  const rt = useRegisterT();
  const ref = useRef<HTMLInputElement>(null);
  const ids = issues.map((i) => i.id);
  const count = ids.filter((id) => selection.has(id)).length;
  const all = count > 0 && count === ids.length;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = count > 0 && !all;
  }, [count, all]);
  return (
    <input
      ref={ref}
      type="checkbox"
      className="bulk-select"
      aria-label={rt('register.bulk.selectAll')}
      checked={all}
      onChange={(event) => selection.setAll(ids, event.target.checked)}
    />
  );
}
