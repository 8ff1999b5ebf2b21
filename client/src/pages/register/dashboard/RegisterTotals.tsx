import { Link } from 'react-router';
import { OPEN_STATUSES } from '@shared/register/rules';
import type { RegisterStats } from '@shared/schemas/issues';
import { useRegisterT } from '../useRegisterT';

/** Total, open and overdue, each a way into the register filtered to those issues. */
export function RegisterTotals({ stats }: { stats: RegisterStats }) {
  const rt = useRegisterT();
  const tiles = [
    { key: 'total', value: stats.total, to: '/register' },
    { key: 'open', value: stats.open, to: `/register?status=${OPEN_STATUSES.join(',')}` },
    { key: 'overdue', value: stats.overdue, to: '/register?overdue=true' },
  ] as const;
  return (
    <dl className="stat-tiles">
      {tiles.map((tile) => (
        <div key={tile.key} className={`stat-tile stat-tile--${tile.key}`}>
          <dt className="stat-tile__label">{rt(`register.dashboard.totals.${tile.key}`)}</dt>
          <dd className="stat-tile__value">
            <span className="stat-tile__number">{tile.value}</span>
            <span className="stat-tile__unit">{rt('register.dashboard.unit')}</span>
          </dd>
          <dd className="stat-tile__link">
            <Link to={tile.to}>{rt(`register.dashboard.totals.${tile.key}Link`)}</Link>
          </dd>
        </div>
      ))}
    </dl>
  );
}
