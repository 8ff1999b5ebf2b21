import { Bar, Legend } from 'recharts';
import { BUSINESS_AREAS } from '@shared/reference/council';
import { OPEN_STATUSES, type IssueStatus } from '@shared/register/rules';
import type { RegisterStats } from '@shared/schemas/issues';
import { useRegisterLabels } from '../common/labels';
import { useRegisterT } from '../useRegisterT';
import { ChartFrame } from './ChartFrame';
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
  const top = rows.slice(0, 3).map((row) => rt('register.dashboard.areaCount', { area: row.label, count: row.total }));
  const summary = rt('register.dashboard.byStatusAreaSummary', {
    areas: rows.length,
    top: top.join(labels.language === 'ja' ? '、' : ', '),
  });

  return (
    <ChartFrame
      title={title}
      empty={rows.length === 0 ? rt('register.dashboard.noOpen') : null}
      summary={summary}
      bars={{
        data: rows.map((row) => ({ label: row.label, ...row.counts })),
        labelWidth: { ja: 150, en: 210 },
        legend: true,
        series: (
          <>
            {/* The workflow's order (新規 → 回答済), not the alphabet's. */}
            <Legend itemSorter={(item) => OPEN_STATUSES.indexOf(item.dataKey as IssueStatus)} />
            {OPEN_STATUSES.map((status) => (
              <Bar
                key={status}
                dataKey={status}
                name={labels.status(status)}
                stackId="status"
                fill={colors[status]}
                isAnimationActive={false}
              />
            ))}
          </>
        ),
      }}
      table={{
        nameHeading: rt('register.fields.businessAreas'),
        valueHeadings: [...OPEN_STATUSES.map((status) => labels.status(status)), rt('register.dashboard.total')],
        rows: rows.map((row) => ({
          key: row.key,
          name: row.label,
          values: [...OPEN_STATUSES.map((status) => row.counts[status] ?? 0), row.total],
        })),
      }}
    />
  );
}
