import type { Report } from '@shared/schemas/statusReports';
import { Notice } from '@client/components/Notice';
import { useStatusLabels } from '../labels';
import { useStatusT } from '../useStatusT';
import { BlockingIssueLinks } from './AreaFieldset';
import { useEntryRows } from './entryRows';

/**
 * The report as it stands, for those who read it without editing it: the secretariat, a ministry
 * (its areas only, no comment), and the vendor once the round is closed.
 */
export function ReportReadOnly({ report }: { report: Report }) {
  const st = useStatusT();
  const labels = useStatusLabels();
  const rows = useEntryRows();
  const why = report.round.state !== 'open' ? 'closed' : report.state === 'notStarted' ? 'notStarted' : 'readOnly';
  return (
    <div className="status-report__read">
      <Notice tone="info">{st(`status.report.readOnly.${why}`)}</Notice>
      {report.areas.length === 0 ? (
        <p className="muted">{st('status.report.noAreasShown')}</p>
      ) : (
        report.areas.map(({ area, entry, source }) => (
          <section key={area} className="status-area status-area--read" aria-labelledby={`status-read-${area}`}>
            <h2 id={`status-read-${area}`} className="status-area__title">
              {labels.area(area)}
              {source === 'added' && <span className="badge status-added-badge">{st('status.report.areas.addedBadge')}</span>}
            </h2>
            <dl className="facts status-area__facts">
              {rows.map((row) => (
                <div key={row.field} className="facts__row">
                  <dt>{row.label}</dt>
                  <dd data-user-content={['specVersion', 'explanation', 'risks'].includes(row.field) || undefined} className="status-pre">
                    {row.text(entry)}
                  </dd>
                </div>
              ))}
            </dl>
            <BlockingIssueLinks numbers={entry.blockingIssues} />
          </section>
        ))
      )}
      <AreaChanges report={report} />
      {report.comment !== null && (
        <section className="section" aria-labelledby="status-read-comment">
          <h2 id="status-read-comment">{st('status.fields.comment')}</h2>
          <p className="status-pre" data-user-content>
            {report.comment.trim() || st('status.common.notEntered')}
          </p>
        </section>
      )}
    </div>
  );
}

/** The areas added to, or taken out of, what the organisation's profile says, with the reasons. */
export function AreaChanges({ report }: { report: Pick<Report, 'added' | 'removed'> }) {
  const st = useStatusT();
  const labels = useStatusLabels();
  if (report.added.length === 0 && report.removed.length === 0) return null;
  return (
    <section className="section" aria-labelledby="status-area-changes">
      <h2 id="status-area-changes">{st('status.report.areas.changesTitle')}</h2>
      <ul className="status-area-changes">
        {report.added.map((a) => (
          <li key={`added-${a.area}`}>
            {st('status.report.areas.addedItem', { area: labels.area(a.area) })}
            {st('status.common.separator')}
            <span data-user-content>{a.reason}</span>
          </li>
        ))}
        {report.removed.map((r) => (
          <li key={`removed-${r.area}`}>
            {st('status.report.areas.removedItem', { area: labels.area(r.area) })}
            {st('status.common.separator')}
            <span data-user-content>{r.reason}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
