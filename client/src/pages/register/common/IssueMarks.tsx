import type { Issue } from '@shared/schemas/issues';
import { useRegisterT } from '../useRegisterT';
import { DateOnlyText } from './DateOnlyText';

/** The due date, with 期限超過 spelled out (not only coloured) when it has passed unanswered. */
export function DueDate({ issue }: { issue: Pick<Issue, 'dueDate' | 'overdue'> }) {
  const rt = useRegisterT();
  if (!issue.dueDate) return <span className="muted">{rt('register.common.notSet')}</span>;
  return (
    <span className={issue.overdue ? 'due-date due-date--overdue' : 'due-date'}>
      <DateOnlyText value={issue.dueDate} />
      {issue.overdue && (
        <span className="issue-mark issue-mark--overdue">
          <span aria-hidden="true">!</span>
          {rt('register.marks.overdue')}
        </span>
      )}
    </span>
  );
}

/** ⚠ when a law change leaves under a year between the specification and enforcement. */
export function LeadTimeMark({ issue, long = false }: { issue: Pick<Issue, 'leadTimeShort' | 'leadTimeDays'>; long?: boolean }) {
  const rt = useRegisterT();
  if (!issue.leadTimeShort) return null;
  const text = long ? rt('register.marks.leadTimeShortLong', { days: issue.leadTimeDays ?? 0, count: issue.leadTimeDays ?? 0 }) : rt('register.marks.leadTimeShort');
  return (
    <span className="issue-mark issue-mark--lead-time" title={rt('register.marks.leadTimeRule')}>
      <span aria-hidden="true">⚠</span>
      {text}
    </span>
  );
}
