import type { IssueStatus, Priority } from '@shared/register/rules';
import { useRegisterLabels } from './labels';
import { useRegisterT } from '../useRegisterT';

/**
 * An issue's status as a labelled badge. The words carry the meaning; the colour (and the
 * settled statuses' outline style) only helps the eye.
 */
export function StatusBadge({ status }: { status: IssueStatus }) {
  const labels = useRegisterLabels();
  return <span className={`status-badge status-badge--${status}`}>{labels.status(status)}</span>;
}

/** 優先度 高/中/低, spelled out so it reads without the colour. */
export function PriorityBadge({ priority }: { priority: Priority }) {
  const labels = useRegisterLabels();
  const rt = useRegisterT();
  return (
    <span className={`priority-badge priority-badge--${priority}`}>
      {rt('register.fields.priorityValue', { priority: labels.priority(priority) })}
    </span>
  );
}
