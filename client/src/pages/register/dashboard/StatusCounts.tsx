import { ISSUE_STATUSES } from '@shared/register/rules';
import type { RegisterStats } from '@shared/schemas/issues';
import { StatusBadge } from '../common/StatusBadge';
import { useRegisterT } from '../useRegisterT';

/** Every issue by status, settled ones included, as a plain table. */
export function StatusCounts({ byStatus }: { byStatus: RegisterStats['byStatus'] }) {
  const rt = useRegisterT();
  return (
    <section className="dashboard-card" aria-labelledby="status-counts-title">
      <h3 id="status-counts-title" className="chart-figure__title">
        {rt('register.dashboard.byStatus')}
      </h3>
      <table className="table table--compact">
        <caption className="visually-hidden">{rt('register.dashboard.byStatus')}</caption>
        <thead>
          <tr>
            <th scope="col">{rt('register.fields.status')}</th>
            <th scope="col" className="numeric">
              {rt('register.dashboard.count')}
            </th>
          </tr>
        </thead>
        <tbody>
          {ISSUE_STATUSES.map((status) => (
            <tr key={status}>
              <th scope="row">
                <StatusBadge status={status} />
              </th>
              <td className="numeric">{byStatus.find((s) => s.key === status)?.count ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
