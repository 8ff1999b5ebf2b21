import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Round } from '@shared/schemas/statusReports';
import { ConfirmDialog } from '@client/components/ConfirmDialog';
import { useCurrentUser } from '@client/components/CurrentUser';
import { DateTimeText } from '@client/components/DateTimeText';
import { ErrorState } from '@client/components/ErrorState';
import { FormAlert } from '@client/components/FormAlert';
import { LoadingState } from '@client/components/LoadingState';
import { TabLinks } from '@client/components/TabLinks';
import { usePageTitle } from '@client/components/usePageTitle';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useMoveRound, useRound } from '@client/queries/statusReports';
import { useStatusLabels } from './labels';
import { OverviewView } from './overview/OverviewView';
import { ProgressView } from './ProgressView';
import { PeriodText, ReportStateBadge, RoundStateBadge } from './StatusMarks';
import { useStatusT } from './useStatusT';

const TABS = ['mine', 'overview', 'progress'] as const;

/** /status/:roundId: one round — its particulars, the secretariat's actions, and its views as tabs (`?view=`). */
export function RoundPage() {
  const st = useStatusT();
  const { roundId = '' } = useParams();
  const round = useRound(roundId);
  usePageTitle(round.data?.title ?? st('status.list.title'));
  if (round.isPending) return <LoadingState />;
  if (round.isError && !round.data)
    return (
      <ErrorState
        error={round.error}
        onRetry={() => void round.refetch()}
        back={{ to: '/status', label: st('status.common.backToList') }}
        notFound={st('status.round.notFound')}
      />
    );
  return <RoundView round={round.data} />;
}

function RoundView({ round }: { round: Round }) {
  const st = useStatusT();
  const me = useCurrentUser();
  const [params] = useSearchParams();
  const tabs = TABS.filter((tab) => (tab === 'mine' ? round.myReport !== null : tab === 'progress' ? round.abilities.track : true));
  const current = tabs.find((tab) => tab === params.get('view')) ?? tabs[0] ?? 'overview';

  return (
    <>
      <p className="back-link">
        <Link to="/status">{st('status.common.backToList')}</Link>
      </p>
      <header className="page-header status-round-header">
        <p className="page-header__eyebrow">{st('status.eyebrow')}</p>
        <div className="status-round-header__marks">
          <RoundStateBadge state={round.state} />
        </div>
        <h1 data-user-content>{round.title}</h1>
      </header>
      <RoundFacts round={round} />
      <ManagePanel round={round} />
      <TabLinks
        tabs={tabs}
        current={current}
        searchFor={(tab) => `?view=${tab}`}
        labelFor={(tab) => st(`status.round.tabs.${tab}`)}
        label={st('status.round.tabsLabel')}
        className="status-tabs"
      />
      <div className="status-tab-panel">
        {current === 'mine' && <MyReportPanel round={round} organizationId={me.organization.id} />}
        {current === 'overview' && <OverviewView round={round} />}
        {current === 'progress' && <ProgressView round={round} />}
      </div>
    </>
  );
}

function RoundFacts({ round }: { round: Round }) {
  const st = useStatusT();
  const labels = useStatusLabels();
  return (
    <dl className="facts status-round-facts">
      <div className="facts__row">
        <dt>{st('status.fields.period')}</dt>
        <dd>
          <PeriodText start={round.periodStart} end={round.periodEnd} />
        </dd>
      </div>
      <div className="facts__row">
        <dt>{st('status.fields.deadline')}</dt>
        <dd>
          <DateTimeText iso={round.deadline} />
        </dd>
      </div>
      {round.state !== 'draft' && (
        <div className="facts__row">
          <dt>{st('status.fields.submissions')}</dt>
          <dd>{st('status.list.counts', { submitted: round.counts.submitted, expected: round.counts.expected })}</dd>
        </div>
      )}
      <div className="facts__row">
        <dt>{st('status.fields.businessAreas')}</dt>
        <dd>
          {round.businessAreas.length === 20
            ? st('status.round.allAreas')
            : round.businessAreas.map((a) => labels.area(a)).join(st('status.common.listJoiner'))}
        </dd>
      </div>
      {round.previousRound && (
        <div className="facts__row">
          <dt>{st('status.fields.previousRound')}</dt>
          <dd>
            <Link to={`/status/${round.previousRound.id}`} data-user-content>
              {round.previousRound.title}
            </Link>
          </dd>
        </div>
      )}
      {round.note && (
        <div className="facts__row">
          <dt>{st('status.fields.note')}</dt>
          <dd className="status-note" data-user-content>
            {round.note}
          </dd>
        </div>
      )}
    </dl>
  );
}

/** The secretariat's actions: edit, open to the vendors, close (each asked first: it tells people). */
function ManagePanel({ round }: { round: Round }) {
  const st = useStatusT();
  const errorMessage = useErrorMessage();
  const move = useMoveRound(round.id);
  const [asking, setAsking] = useState<'open' | 'close' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { abilities } = round;
  if (!abilities.edit && !abilities.open && !abilities.close) return null;

  async function run(step: 'open' | 'close') {
    setDone(null);
    try {
      await move.mutateAsync(step);
      setDone(st(step === 'open' ? 'status.round.opened' : 'status.round.closedDone'));
    } catch {
      // Shown by the alert below.
    }
    setAsking(null);
  }

  return (
    <section className="status-manage" aria-label={st('status.round.manage')}>
      <div className="status-manage__actions">
        {abilities.edit && (
          <Link className="button button--secondary" to={`/status/${round.id}/edit`}>
            {st('status.round.edit')}
          </Link>
        )}
        {abilities.open && (
          <button type="button" className="button button--primary" onClick={() => setAsking('open')}>
            {st('status.round.open')}
          </button>
        )}
        {abilities.close && (
          <button type="button" className="button button--danger-outline" onClick={() => setAsking('close')}>
            {st('status.round.close')}
          </button>
        )}
      </div>
      <p className="status-manage__done" role="status">
        {done}
      </p>
      <FormAlert message={move.isError ? errorMessage(move.error) : null} />
      <ConfirmDialog
        open={asking === 'open'}
        title={st('status.round.openDialog.title')}
        body={st('status.round.openDialog.body')}
        confirmLabel={st('status.round.openDialog.confirm')}
        busy={move.isPending}
        onConfirm={() => void run('open')}
        onCancel={() => setAsking(null)}
      />
      <ConfirmDialog
        open={asking === 'close'}
        title={st('status.round.closeDialog.title')}
        body={st('status.round.closeDialog.body', { submitted: round.counts.submitted, expected: round.counts.expected })}
        confirmLabel={st('status.round.closeDialog.confirm')}
        tone="danger"
        busy={move.isPending}
        onConfirm={() => void run('close')}
        onCancel={() => setAsking(null)}
      />
    </section>
  );
}

/** 自社の報告: the vendor's own report in this round, and the way to it. */
function MyReportPanel({ round, organizationId }: { round: Round; organizationId: string }) {
  const st = useStatusT();
  const mine = round.myReport;
  if (!mine) return null;
  const reportPath = `/status/${round.id}/reports/${organizationId}`;
  const writable = round.state === 'open';
  return (
    <section className="status-mine" aria-labelledby="status-mine-title">
      <h2 id="status-mine-title">{st('status.mine.title')}</h2>
      <dl className="status-mine__facts">
        <div>
          <dt>{st('status.fields.reportState')}</dt>
          <dd>
            <ReportStateBadge state={mine.state} />
          </dd>
        </div>
        {mine.version > 0 && (
          <div>
            <dt>{st('status.fields.version')}</dt>
            <dd>{st('status.common.versionN', { version: mine.version })}</dd>
          </div>
        )}
      </dl>
      <p className="muted">{st(writable ? `status.mine.lead.${mine.state}` : 'status.mine.closed')}</p>
      <p className="status-mine__actions">
        <Link className={writable && mine.state !== 'submitted' ? 'button button--primary' : 'button button--secondary'} to={reportPath}>
          {st(writable ? (mine.state === 'notStarted' ? 'status.mine.start' : 'status.mine.continue') : 'status.mine.view')}
        </Link>
        {mine.version > 0 && <Link to={`${reportPath}/versions`}>{st('status.mine.versions')}</Link>}
      </p>
    </section>
  );
}
