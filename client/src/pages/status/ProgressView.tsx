import { useState } from 'react';
import { Link } from 'react-router';
import type { Progress, Round } from '@shared/schemas/statusReports';
import { REPORT_STATES, type ReportState } from '@shared/statusReports/rules';
import { DateTimeText } from '@client/components/DateTimeText';
import { ErrorState } from '@client/components/ErrorState';
import { Field } from '@client/components/Field';
import { RemindControl, ReminderLog } from '@client/components/Reminders';
import { LoadingState } from '@client/components/LoadingState';
import { DownloadButton } from '@client/pages/meetings/common/DownloadButton';
import { roundExportPath, useProgress, useRemindRound } from '@client/queries/statusReports';
import { useStatusLabels } from './labels';
import { ReportStateBadge } from './StatusMarks';
import { useStatusT } from './useStatusT';
import { TableScroll } from './TableScroll';

const isReportState = (value: string): value is ReportState => (REPORT_STATES as readonly string[]).includes(value);

/**
 * 提出状況 (the secretariat's): how many have submitted, every expected organisation by state (live:
 * a vendor's save or submission refetches it), reminders and their log, and the exports.
 */
export function ProgressView({ round }: { round: Round }) {
  const st = useStatusT();
  const [state, setState] = useState<ReportState | null>(null);
  const progress = useProgress(round.id, state);

  if (progress.isPending) return <LoadingState />;
  if (progress.isError && !progress.data) return <ErrorState error={progress.error} onRetry={() => void progress.refetch()} />;
  const p = progress.data;

  return (
    <>
      <section className="section" aria-labelledby="status-progress-summary">
        <h2 id="status-progress-summary">{st('status.progress.title')}</h2>
        <ProgressCounts counts={p.counts} />
        <RemindSection round={round} progress={p} />
      </section>
      <section className="section" aria-labelledby="status-progress-rows">
        <h2 id="status-progress-rows">{st('status.progress.rowsTitle')}</h2>
        <div className="status-progress__tools">
          <Field label={st('status.progress.filter')}>
            {(control) => (
              <select
                className="select"
                {...control}
                value={state ?? ''}
                onChange={(event) => setState(isReportState(event.target.value) ? event.target.value : null)}
              >
                <option value="">{st('status.progress.filterAll')}</option>
                {REPORT_STATES.map((s) => (
                  <option key={s} value={s}>
                    {st(`status.reportState.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {round.abilities.export && (
            <div className="status-progress__exports" role="group" aria-label={st('status.progress.exports')}>
              <DownloadButton
                path={roundExportPath(round.id, 'xlsx')}
                fallbackName={`status-round-${round.id}.xlsx`}
                label={st('status.progress.xlsx')}
              />
              <DownloadButton
                path={roundExportPath(round.id, 'csv')}
                fallbackName={`status-round-${round.id}.csv`}
                label={st('status.progress.csv')}
              />
            </div>
          )}
        </div>
        <ProgressTable round={round} progress={p} />
      </section>
      <StatusReminderLog progress={p} />
    </>
  );
}

/** 提出済み / 作成中 / 差し戻し / 未着手, of the expected organisations (whatever the filter). */
export function ProgressCounts({ counts }: { counts: Progress['counts'] }) {
  const st = useStatusT();
  const labels = useStatusLabels();
  const items = [
    { key: 'expected', label: st('status.progress.expected'), value: counts.expected },
    { key: 'submitted', label: st('status.reportState.submitted'), value: counts.submitted },
    { key: 'draft', label: st('status.reportState.draft'), value: counts.draft },
    { key: 'returned', label: st('status.reportState.returned'), value: counts.returned },
    { key: 'notStarted', label: st('status.reportState.notStarted'), value: counts.notStarted },
  ];
  return (
    <dl className="status-counts">
      {items.map((item) => (
        <div key={item.key} className={`status-counts__item status-counts__item--${item.key}`}>
          <dt>{item.label}</dt>
          <dd>{st('status.common.companies', { count: item.value, formatted: labels.count(item.value) })}</dd>
        </div>
      ))}
    </dl>
  );
}

function ProgressTable({ round, progress: p }: { round: Round; progress: Progress }) {
  const st = useStatusT();
  const labels = useStatusLabels();
  return (
    <>
      <p className="result-count" role="status">
        {st('status.progress.shown', { count: p.rows.length })}
      </p>
      {p.rows.length === 0 ? (
        <p className="muted">{st('status.progress.empty')}</p>
      ) : (
        <TableScroll label={st('status.progress.rowsTitle')}>
          <table className="table status-progress-table">
            <caption className="visually-hidden">{st('status.progress.rowsTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{st('status.fields.organization')}</th>
                <th scope="col">{st('status.fields.vendorType')}</th>
                <th scope="col">{st('status.fields.reportState')}</th>
                <th scope="col" className="numeric">
                  {st('status.fields.areaCount')}
                </th>
                <th scope="col" className="numeric">
                  {st('status.fields.version')}
                </th>
                <th scope="col">{st('status.fields.updatedAt')}</th>
                <th scope="col">{st('status.fields.submittedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((row) => (
                <tr key={row.organization.id}>
                  <th scope="row">
                    <Link to={`/status/${round.id}/reports/${row.organization.id}`}>{labels.organization(row.organization)}</Link>
                  </th>
                  <td>{row.vendorType ? st(`status.vendorType.${row.vendorType}`) : '—'}</td>
                  <td>
                    <ReportStateBadge state={row.state} />
                  </td>
                  <td className="numeric" title={row.areas.map((a) => labels.area(a)).join(st('status.common.listJoiner'))}>
                    {row.areas.length}
                  </td>
                  <td className="numeric">{row.version > 0 ? row.version : '—'}</td>
                  <td>{row.updatedAt ? <DateTimeText iso={row.updatedAt} /> : '—'}</td>
                  <td>{row.submittedAt ? <DateTimeText iso={row.submittedAt} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

/** 督促: to the members of every expected organisation that has not submitted, while the round is open. */
function RemindSection({ round, progress: p }: { round: Round; progress: Progress }) {
  const st = useStatusT();
  const remind = useRemindRound(round.id);
  const waiting = p.counts.expected - p.counts.submitted;
  return (
    <RemindControl
      className="status-remind"
      canRemind={round.abilities.remind && waiting > 0}
      status={waiting === 0 ? <p>{st('status.progress.allSubmitted')}</p> : null}
      mutation={remind}
      labels={{
        button: st('status.progress.remind'),
        dialogTitle: st('status.progress.remindDialog.title'),
        dialogBody: st('status.progress.remindDialog.body', { count: waiting }),
        dialogConfirm: st('status.progress.remindDialog.confirm'),
        done: (r) => st('status.progress.reminded', { organizations: r.organizations, people: r.people }),
      }}
    />
  );
}

function StatusReminderLog({ progress: p }: { progress: Progress }) {
  const st = useStatusT();
  return (
    <ReminderLog
      headingId="status-reminders-title"
      reminders={p.reminders}
      labels={{
        title: st('status.progress.reminders.title'),
        empty: st('status.progress.reminders.empty'),
        caption: st('status.progress.reminders.title'),
        at: st('status.progress.reminders.at'),
        by: st('status.progress.reminders.by'),
        organizations: st('status.progress.reminders.organizations'),
        people: st('status.progress.reminders.people'),
      }}
    />
  );
}
