import { Link } from 'react-router';
import type { Round } from '@shared/schemas/statusReports';
import { useCurrentUser } from '@client/components/CurrentUser';
import { DateTimeText } from '@client/components/DateTimeText';
import { ErrorState } from '@client/components/ErrorState';
import { LoadingState } from '@client/components/LoadingState';
import { usePageTitle } from '@client/components/usePageTitle';
import { useRounds } from '@client/queries/statusReports';
import { ReportersSection } from './ReportersSection';
import { PeriodText, ReportStateBadge, RoundStateBadge } from './StatusMarks';
import { useStatusT } from './useStatusT';

/**
 * /status: 開発状況報告 — every reporting round, newest first, with its state, deadline and how many
 * have submitted; a vendor sees its own report's state; the secretariat creates rounds; an org admin
 * chooses who may submit.
 */
export function RoundListPage() {
  const st = useStatusT();
  usePageTitle(st('status.list.title'));
  const me = useCurrentUser();
  const rounds = useRounds();
  const secretariat = me.abilities['status.manage'];

  return (
    <>
      <header className="page-header status-list__header">
        <div>
          <p className="page-header__eyebrow">{st('status.eyebrow')}</p>
          <h1>{st('status.list.title')}</h1>
          <p className="lead">{st(secretariat ? 'status.list.leadSecretariat' : 'status.list.lead')}</p>
        </div>
        {secretariat && (
          <Link className="button button--primary" to="/status/new">
            {st('status.list.new')}
          </Link>
        )}
      </header>
      <section aria-labelledby="status-rounds-title">
        <h2 id="status-rounds-title">{st('status.list.rounds')}</h2>
        {rounds.isPending ? (
          <LoadingState />
        ) : rounds.isError ? (
          <ErrorState error={rounds.error} onRetry={() => void rounds.refetch()} />
        ) : rounds.data.rounds.length === 0 ? (
          <div className="state-panel">
            <p>{st(secretariat ? 'status.list.emptySecretariat' : 'status.list.empty')}</p>
          </div>
        ) : (
          <ul className="status-rounds">
            {rounds.data.rounds.map((round) => (
              <RoundItem key={round.id} round={round} />
            ))}
          </ul>
        )}
      </section>
      {me.persona === 'vendorAdmin' && me.abilities['status.designateReporters'] && (
        <ReportersSection organizationId={me.organization.id} />
      )}
    </>
  );
}

function RoundItem({ round }: { round: Round }) {
  const st = useStatusT();
  const awaiting = round.state === 'open' && round.myReport !== null && round.myReport.state !== 'submitted';
  return (
    <li className={`status-round status-round--${round.state}${awaiting ? ' status-round--awaiting' : ''}`}>
      <div className="status-round__marks">
        <RoundStateBadge state={round.state} />
      </div>
      <h3 className="status-round__title">
        <Link to={`/status/${round.id}`} data-user-content>
          {round.title}
        </Link>
      </h3>
      <dl className="status-round__facts">
        <div>
          <dt>{st('status.fields.period')}</dt>
          <dd>
            <PeriodText start={round.periodStart} end={round.periodEnd} />
          </dd>
        </div>
        <div>
          <dt>{st('status.fields.deadline')}</dt>
          <dd>
            <DateTimeText iso={round.deadline} />
          </dd>
        </div>
        {round.state !== 'draft' && (
          <div>
            <dt>{st('status.fields.submissions')}</dt>
            <dd>{st('status.list.counts', { submitted: round.counts.submitted, expected: round.counts.expected })}</dd>
          </div>
        )}
        {round.myReport && round.state !== 'draft' && (
          <div>
            <dt>{st('status.fields.myReport')}</dt>
            <dd>
              <ReportStateBadge state={round.myReport.state} />
            </dd>
          </div>
        )}
      </dl>
    </li>
  );
}
