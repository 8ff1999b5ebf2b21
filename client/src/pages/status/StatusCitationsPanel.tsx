import { Link } from 'react-router';
import { useIssueCitations } from '@client/queries/statusReports';
import { useStatusLabels } from './labels';
import { useStatusT } from './useStatusT';

/**
 * この課題を挙げている開発状況報告: on an issue's page, the submitted reports that name the issue as
 * blocking one of their areas, as far as the reader may see them. Nothing shows while there are none
 * (or the server refuses the reader).
 */
export function StatusCitationsPanel({ issueId }: { issueId: string }) {
  const st = useStatusT();
  const labels = useStatusLabels();
  const citations = useIssueCitations(issueId, true);
  const reports = citations.data?.reports ?? [];
  if (reports.length === 0) return null;
  // One line per report, with the areas that cite the issue.
  const byReport = new Map<
    string,
    { roundId: string; title: string; organization: (typeof reports)[number]['organization']; areas: string[] }
  >();
  for (const r of reports) {
    const key = `${r.round.id}:${r.organization.id}`;
    const line = byReport.get(key) ?? { roundId: r.round.id, title: r.round.title, organization: r.organization, areas: [] };
    line.areas.push(r.area);
    byReport.set(key, line);
  }
  return (
    <section className="side-panel status-citations" aria-labelledby="status-citations-title">
      <h2 id="status-citations-title" className="side-panel__title">
        {st('status.citations.title')}
      </h2>
      <ul className="link-list">
        {[...byReport.values()].map((line) => (
          <li key={`${line.roundId}:${line.organization.id}`} className="link-list__item">
            <Link to={`/status/${line.roundId}/reports/${line.organization.id}`}>{labels.organization(line.organization)}</Link>
            <div className="small muted">
              <span data-user-content>{line.title}</span>
              {st('status.common.separator')}
              {line.areas.map((a) => labels.area(a)).join(st('status.common.listJoiner'))}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
