import { ISSUE_STATUSES } from '@shared/register/rules';
import type { RegisterStats } from '@shared/schemas/issues';
import { StatusBadge } from '../common/StatusBadge';
import { useRegisterT } from '../useRegisterT';
import { ChartFrame } from './ChartFrame';

/** Every issue by status, settled ones included, as a plain table. */
export function StatusCounts({ byStatus }: { byStatus: RegisterStats['byStatus'] }) {
  const rt = useRegisterT();
  return (
    <ChartFrame
      title={rt('register.dashboard.byStatus')}
      table={{
        nameHeading: rt('register.fields.status'),
        valueHeadings: [rt('register.dashboard.count')],
        rows: ISSUE_STATUSES.map((status) => ({
          key: status,
          name: <StatusBadge status={status} />,
          values: [byStatus.find((s) => s.key === status)?.count ?? 0],
        })),
      }}
    />
  );
}
