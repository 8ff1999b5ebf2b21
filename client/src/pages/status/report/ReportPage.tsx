import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Report, Round } from '@shared/schemas/statusReports';
import { STATUS_LIMITS } from '@shared/statusReports/rules';
import { useCurrentUser } from '@client/components/CurrentUser';
import { DateTimeText } from '@client/components/DateTimeText';
import { ErrorState } from '@client/components/ErrorState';
import { LoadingState } from '@client/components/LoadingState';
import { Notice } from '@client/components/Notice';
import { ReasonDialog } from '@client/components/ReasonDialog';
import { usePageTitle } from '@client/components/usePageTitle';
import { useErrorMessage } from '@client/components/useErrorMessage';
import { useReport, useReturnReport, useRound } from '@client/queries/statusReports';
import { useStatusLabels } from '../labels';
import { ReportStateBadge, RoundStateBadge } from '../StatusMarks';
import { useStatusT } from '../useStatusT';
import { ReportEditor } from './ReportEditor';
import { ReportReadOnly } from './ReportReadOnly';

/** /status/:roundId/reports/:orgId: one organisation's report in a round (a new address is a new page: nothing typed carries over). */
export function ReportPage() {
  const { roundId = '', orgId = '' } = useParams();
  return <ReportRoute key={`${roundId}:${orgId}`} roundId={roundId} organizationId={orgId} />;
}

function ReportRoute({ roundId, organizationId }: { roundId: string; organizationId: string }) {
  const st = useStatusT();
  const labels = useStatusLabels();
  const report = useReport(roundId, organizationId);
  const round = useRound(roundId);
  usePageTitle(
    report.data ? st('status.report.title', { organization: labels.organization(report.data.organization) }) : st('status.list.title'),
  );
  const back = { to: `/status/${roundId}`, label: st('status.report.back') };
  if (report.isPending) return <LoadingState />;
  if (report.isError && !report.data)
    return <ErrorState error={report.error} onRetry={() => void report.refetch()} back={back} notFound={st('status.report.notFound')} />;
  return <ReportView report={report.data} round={round.data ?? null} />;
}

/**
 * The report: who it is from and where it stands, the secretariat's request for a correction when
 * it was returned, and the form (while the reader may edit) or the report as submitted.
 */
function ReportView({ report, round }: { report: Report; round: Round | null }) {
  const st = useStatusT();
  const labels = useStatusLabels();
  const me = useCurrentUser();
  const own = me.organization.id === report.organization.id;
  return (
    <article className="status-report" aria-labelledby="status-report-title">
      <p className="back-link">
        <Link to={`/status/${report.round.id}${own ? '?view=mine' : ''}`}>{st('status.report.back')}</Link>
      </p>
      <header className="page-header">
        <p className="page-header__eyebrow" data-user-content>
          {report.round.title}
        </p>
        <div className="status-round-header__marks">
          <RoundStateBadge state={report.round.state} />
          <ReportStateBadge state={report.state} />
        </div>
        <h1 id="status-report-title">{st('status.report.title', { organization: labels.organization(report.organization) })}</h1>
      </header>
      {report.returned && report.state === 'returned' && (
        <Notice tone="warning" title={st('status.report.returned.title')}>
          <p className="status-returned__reason" data-user-content>
            {report.returned.reason}
          </p>
          <p className="small">
            {st('status.report.returned.by', { name: report.returned.by.displayName })} <DateTimeText iso={report.returned.at} />
          </p>
          {report.abilities.edit && <p className="small">{st('status.report.returned.next')}</p>}
        </Notice>
      )}
      <ReportFacts report={report} />
      <ReturnPanel report={report} />
      {report.abilities.edit ? <ReportEditor report={report} round={round} /> : <ReportReadOnly report={report} />}
    </article>
  );
}

function ReportFacts({ report }: { report: Report }) {
  const st = useStatusT();
  return (
    <dl className="facts status-report-facts">
      <div className="facts__row">
        <dt>{st('status.fields.deadline')}</dt>
        <dd>
          <DateTimeText iso={report.round.deadline} />
        </dd>
      </div>
      <div className="facts__row">
        <dt>{st('status.fields.version')}</dt>
        <dd>
          {report.version > 0 ? (
            <>
              {st('status.common.versionN', { version: report.version })}{' '}
              <Link to={`/status/${report.round.id}/reports/${report.organization.id}/versions`}>{st('status.report.versionsLink')}</Link>
            </>
          ) : (
            st('status.report.noVersion')
          )}
        </dd>
      </div>
      {report.submittedAt && report.submittedBy && (
        <div className="facts__row">
          <dt>{st('status.fields.submittedAt')}</dt>
          <dd>
            <DateTimeText iso={report.submittedAt} /> <span data-user-content>{report.submittedBy.displayName}</span>
          </dd>
        </div>
      )}
      {report.updatedAt && report.updatedBy && (
        <div className="facts__row">
          <dt>{st('status.fields.updatedAt')}</dt>
          <dd>
            <DateTimeText iso={report.updatedAt} /> <span data-user-content>{report.updatedBy.displayName}</span>
          </dd>
        </div>
      )}
    </dl>
  );
}

/** 差し戻す: the secretariat asks the vendor to correct a submitted report, saying why. */
function ReturnPanel({ report }: { report: Report }) {
  const st = useStatusT();
  const errorMessage = useErrorMessage();
  const back = useReturnReport(report.round.id, report.organization.id);
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  if (!report.abilities.return && !done) return null;
  return (
    <section className="status-manage" aria-label={st('status.report.returnPanel')}>
      {report.abilities.return && (
        <div className="status-manage__actions">
          <button type="button" className="button button--danger-outline" onClick={() => setAsking(true)}>
            {st('status.report.return')}
          </button>
        </div>
      )}
      <p className="status-manage__done" role="status">
        {done}
      </p>
      {asking && (
        <ReasonDialog
          title={st('status.report.returnDialog.title')}
          body={st('status.report.returnDialog.body')}
          reasonLabel={st('status.report.returnDialog.reason')}
          reasonRequired
          confirmLabel={st('status.report.returnDialog.confirm')}
          tone="danger"
          busy={back.isPending}
          maxLength={STATUS_LIMITS.reasonLength}
          error={back.isError ? errorMessage(back.error) : null}
          onConfirm={(reason) => {
            back.mutate(reason ?? '', {
              onSuccess: () => {
                setAsking(false);
                setDone(st('status.report.returnedDone'));
              },
            });
          }}
          onCancel={() => {
            back.reset();
            setAsking(false);
          }}
        />
      )}
    </section>
  );
}
