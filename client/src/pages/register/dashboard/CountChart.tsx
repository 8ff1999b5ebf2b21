import { Bar } from 'recharts';
import { useRegisterLabels } from '../common/labels';
import { useRegisterT } from '../useRegisterT';
import { ChartFrame } from './ChartFrame';
import { barColor } from './chartColors';

export interface CountRow {
  key: string;
  /** The short name on the axis. */
  label: string;
  /** A longer description for the table (a special reason's text). */
  detail?: string;
  count: number;
}

interface Props {
  title: string;
  /** The table's first column heading. */
  keyHeading: string;
  rows: CountRow[];
}

/** One count per key (open issues by special reason, ministry, category) as bars and a table. */
export function CountChart({ title, keyHeading, rows }: Props) {
  const rt = useRegisterT();
  const labels = useRegisterLabels();
  const shown = rows.filter((row) => row.count > 0);
  const separator = labels.language === 'ja' ? '、' : ', ';
  const summary = shown.map((row) => rt('register.dashboard.areaCount', { area: row.label, count: row.count })).join(separator);

  return (
    <ChartFrame
      title={title}
      empty={shown.length === 0 ? rt('register.dashboard.noOpen') : null}
      summary={summary}
      bars={{
        data: shown,
        labelWidth: { ja: 170, en: 210 },
        series: <Bar dataKey="count" name={rt('register.dashboard.openCount')} fill={barColor()} isAnimationActive={false} />,
      }}
      table={{
        nameHeading: keyHeading,
        valueHeadings: [rt('register.dashboard.openCount')],
        rows: shown.map((row) => ({
          key: row.key,
          name: (
            <>
              {row.label}
              {row.detail && (
                <span className="chart-figure__detail" lang="ja">
                  {row.detail}
                </span>
              )}
            </>
          ),
          values: [row.count],
        })),
      }}
    />
  );
}
