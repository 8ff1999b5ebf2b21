import { Link, useParams } from 'react-router';
import type { AreaDrillDown } from '@shared/schemas/statusReports';
import { SPECIAL_REASON_KEYS } from '@shared/statusReports/rules';
import { DateTimeText } from '@client/components/DateTimeText';
import { ErrorState } from '@client/components/ErrorState';
import { LoadingState } from '@client/components/LoadingState';
import { usePageTitle } from '@client/components/usePageTitle';
import { useAreaDrillDown } from '@client/queries/statusReports';
import { useStatusLabels } from './labels';
import { ReportStateBadge } from './StatusMarks';
import { useStatusT } from './useStatusT';
import { TableScroll } from './TableScroll';

/**
 * /status/:roundId/areas/:area: the drill-down of one business area — each vendor's submitted
 * figures (the secretariat; a ministry for the areas it oversees), each a way to the vendor's report.
 */
export function AreaPage() {
  const st = useStatusT();
  const labels = useStatusLabels();
  const { roundId = '', area = '' } = useParams();
  const drill = useAreaDrillDown(roundId, area);
  usePageTitle(`${labels.area(area)} | ${st('status.area.title')}`);
  const back = { to: `/status/${roundId}?view=overview`, label: st('status.area.back') };
  if (drill.isPending) return <LoadingState />;
  if (drill.isError && !drill.data)
    return <ErrorState error={drill.error} onRetry={() => void drill.refetch()} back={back} notFound={st('status.area.notFound')} />;
  const d = drill.data;
  return (
    <>
      <p className="back-link">
        <Link to={back.to}>{back.label}</Link>
      </p>
      <header className="page-header">
        <p className="page-header__eyebrow" data-user-content>
          {d.round.title}
        </p>
        <h1>{st('status.area.heading', { area: labels.area(d.area) })}</h1>
        <p className="lead">{st('status.area.lead')}</p>
      </header>
      <p className="result-count" role="status">
        {st('status.area.count', { count: d.rows.length })}
      </p>
      {d.rows.length === 0 ? (
        <div className="state-panel">
          <p>{st('status.area.empty')}</p>
        </div>
      ) : (
        <DrillTable drill={d} />
      )}
    </>
  );
}

function DrillTable({ drill: d }: { drill: AreaDrillDown }) {
  const st = useStatusT();
  const labels = useStatusLabels();
  const number = (n: number | null) => (n === null ? '—' : labels.count(n));
  return (
    <TableScroll label={st('status.area.heading', { area: labels.area(d.area) })}>
      <table className="table table--compact status-drill">
        <caption className="visually-hidden">{st('status.area.heading', { area: labels.area(d.area) })}</caption>
        <thead>
          <tr>
            <th scope="col">{st('status.fields.organization')}</th>
            <th scope="col">{st('status.fields.reportState')}</th>
            <th scope="col">{st('status.fields.phase')}</th>
            <th scope="col">{st('status.fields.specVersion')}</th>
            <th scope="col">{st('status.fields.plannedAvailabilityShort')}</th>
            <th scope="col" className="numeric">
              {st('status.fields.customers')}
            </th>
            <th scope="col" className="numeric">
              {st('status.timing.migrated')}
            </th>
            <th scope="col" className="numeric">
              {st('status.timing.byFyEnd')}
            </th>
            <th scope="col" className="numeric">
              {st('status.timing.after')}
            </th>
            {SPECIAL_REASON_KEYS.map((k) => (
              <th key={k} scope="col" className="numeric">
                {labels.reasonShort(k)}
              </th>
            ))}
            <th scope="col">{st('status.fields.track')}</th>
          </tr>
        </thead>
        <tbody>
          {d.rows.map((row) => {
            const e = row.entry;
            const day = e.actualAvailability ?? e.plannedAvailability;
            return (
              <tr key={row.organization.id}>
                <th scope="row">
                  <Link to={`/status/${d.round.id}/reports/${row.organization.id}`}>{labels.organization(row.organization)}</Link>
                  {row.vendorType && <span className="status-drill__type">{st(`status.vendorType.${row.vendorType}`)}</span>}
                </th>
                <td>
                  <ReportStateBadge state={row.state} />
                </td>
                <td>{e.phase ? st(`status.phase.${e.phase}`) : '—'}</td>
                <td data-user-content>{e.specVersion || '—'}</td>
                <td>
                  {day ? (
                    <>
                      <DateTimeText iso={day} dateOnly />
                      {e.actualAvailability && <span className="small muted">{st('status.area.actual')}</span>}
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="numeric">{number(e.customers)}</td>
                <td className="numeric">{number(e.migrated)}</td>
                <td className="numeric">{number(e.plannedByFyEnd)}</td>
                <td className="numeric">{number(e.plannedAfter)}</td>
                {SPECIAL_REASON_KEYS.map((k) => (
                  <td key={k} className="numeric">
                    {number(e.special[k])}
                  </td>
                ))}
                <td>{e.track ? <span className={`status-track status-track--${e.track}`}>{st(`status.track.${e.track}`)}</span> : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
