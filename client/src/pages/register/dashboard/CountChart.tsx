import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { useRegisterLabels } from '../common/labels';
import { useRegisterT } from '../useRegisterT';
import { ChartFigure, EmptyChart } from './ChartFigure';
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
  if (shown.length === 0) {
    return <EmptyChart title={title} />;
  }
  const separator = labels.language === 'ja' ? '、' : ', ';
  const summary = shown.map((row) => rt('register.dashboard.areaCount', { area: row.label, count: row.count })).join(separator);

  return (
    <ChartFigure
      title={title}
      summary={summary}
      chart={
        <BarChart layout="vertical" data={shown} width="100%" height={shown.length * 34 + 50} responsive accessibilityLayer={false} margin={{ left: 8, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="label" width={labels.language === 'ja' ? 170 : 210} interval={0} tick={{ fontSize: 13 }} />
          <Tooltip />
          <Bar dataKey="count" name={rt('register.dashboard.openCount')} fill={barColor()} isAnimationActive={false} />
        </BarChart>
      }
      table={
        <div className="table-scroll">
          <table className="table table--compact">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{keyHeading}</th>
                <th scope="col" className="numeric">
                  {rt('register.dashboard.openCount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr key={row.key}>
                  <th scope="row">
                    {row.label}
                    {row.detail && (
                      <span className="chart-figure__detail" lang="ja">
                        {row.detail}
                      </span>
                    )}
                  </th>
                  <td className="numeric">{row.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      }
    />
  );
}
