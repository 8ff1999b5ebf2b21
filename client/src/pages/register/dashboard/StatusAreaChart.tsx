import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { BUSINESS_AREAS } from '@shared/reference/council';
import { OPEN_STATUSES, type IssueStatus } from '@shared/register/rules';
import type { RegisterStats } from '@shared/schemas/issues';
import { useRegisterLabels } from '../common/labels';
import { useRegisterT } from '../useRegisterT';
import { ChartFigure, EmptyChart } from './ChartFigure';
import { statusColors } from './chartColors';

interface Row {
  key: string;
  label: string;
  total: number;
  counts: Record<string, number>;
}

/** Open issues per business area, stacked by status (an issue counts once for each of its areas). */
export function StatusAreaChart({ cells }: { cells: RegisterStats['openByStatusAndArea'] }) {
  const rt = useRegisterT();
  const labels = useRegisterLabels();
  const colors = statusColors();

  // Business areas in reference order, most issues first; areas without open issues left out.
  const rows: Row[] = BUSINESS_AREAS.map((area) => {
    const counts = Object.fromEntries(OPEN_STATUSES.map((s) => [s, cells.find((c) => c.area === area.key && c.status === s)?.count ?? 0]));
    return { key: area.key, label: labels.area(area.key), counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
  })
    .filter((row) => row.total > 0)
    .sort((a, b) => b.total - a.total);

  const title = rt('register.dashboard.byStatusArea');
  if (rows.length === 0) {
    return <EmptyChart title={title} />;
  }

  const top = rows.slice(0, 3).map((row) => rt('register.dashboard.areaCount', { area: row.label, count: row.total }));
  const summary = rt('register.dashboard.byStatusAreaSummary', { areas: rows.length, top: top.join(labels.language === 'ja' ? '、' : ', ') });
  const data = rows.map((row) => ({ label: row.label, ...row.counts }));

  return (
    <ChartFigure
      title={title}
      summary={summary}
      chart={
        <BarChart layout="vertical" data={data} width="100%" height={rows.length * 34 + 80} responsive accessibilityLayer={false} margin={{ left: 8, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="label" width={labels.language === 'ja' ? 150 : 210} interval={0} tick={{ fontSize: 13 }} />
          <Tooltip />
          {/* The workflow's order (新規 → 回答済), not the alphabet's. */}
          <Legend itemSorter={(item) => OPEN_STATUSES.indexOf(item.dataKey as IssueStatus)} />
          {OPEN_STATUSES.map((status) => (
            <Bar key={status} dataKey={status} name={labels.status(status)} stackId="status" fill={colors[status]} isAnimationActive={false} />
          ))}
        </BarChart>
      }
      table={
        <div className="table-scroll">
          <table className="table table--compact">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{rt('register.fields.businessAreas')}</th>
                {OPEN_STATUSES.map((status) => (
                  <th key={status} scope="col" className="numeric">
                    {labels.status(status)}
                  </th>
                ))}
                <th scope="col" className="numeric">
                  {rt('register.dashboard.total')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{row.label}</th>
                  {OPEN_STATUSES.map((status) => (
                    <td key={status} className="numeric">
                      {row.counts[status]}
                    </td>
                  ))}
                  <td className="numeric">{row.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      }
    />
  );
}
