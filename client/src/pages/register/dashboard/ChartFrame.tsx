import { useId, type ReactNode } from 'react';
import { BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { Language } from '@client/i18n';
import { useLanguage } from '@client/i18n/useLanguage';
import { useRegisterT } from '../useRegisterT';

/** Horizontal bars, one row per category: the frame sizes the drawing to the rows. */
export interface Bars {
  data: readonly object[];
  /** The category axis's room for its names, per language. */
  labelWidth: Record<Language, number>;
  /** Room under the bars for a legend. */
  legend?: boolean;
  /** The series (<Bar>s) and a <Legend>. */
  series: ReactNode;
}

/** The figures as a table: a column of names (row headers), then columns of numbers. */
export interface FigureTable {
  /** The names' column heading. */
  nameHeading: string;
  /** The number columns' headings. */
  valueHeadings: string[];
  rows: { key: string; name: ReactNode; values: number[] }[];
}

interface Props {
  title: string;
  /** What the frame says instead of the figures when there is nothing to show. */
  empty?: string | null;
  /** The chart in a sentence or two: read out in place of the drawing. */
  summary?: string;
  bars?: Bars;
  /** The figures as a table: behind a disclosure under a chart (its text alternative), else the content itself. */
  table?: FigureTable;
  /** Content of a figure that is neither chart nor table. */
  children?: ReactNode;
  /** A note under the figures, shown whether or not there are any. */
  note?: string;
}

const ROW_HEIGHT = 34;

/**
 * One frame for every figure on the dashboard: its title, and either a chart with its text
 * alternatives (a caption, a spoken summary in place of the drawing, and the data as a table
 * behind a disclosure, for anyone who wants the exact figures), or the figures themselves, or
 * the empty state.
 */
export function ChartFrame({ title, empty = null, summary = '', bars, table, children, note }: Props) {
  const rt = useRegisterT();
  const id = useId();
  const figures = table && (
    <table className="table table--compact">
      <caption className="visually-hidden">{title}</caption>
      <thead>
        <tr>
          <th scope="col">{table.nameHeading}</th>
          {table.valueHeadings.map((heading) => (
            <th key={heading} scope="col" className="numeric">
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.name}</th>
            {row.values.map((value, index) => (
              <td key={index} className="numeric">
                {value}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  const heading = (
    <h3 id={`${id}-title`} className="chart-figure__title">
      {title}
    </h3>
  );

  if (bars && empty === null) {
    return (
      <figure className="chart-figure" aria-labelledby={`${id}-title`}>
        <figcaption>
          {heading}
          <p className="chart-figure__summary small muted">{summary}</p>
        </figcaption>
        <div className="chart-figure__chart" role="img" aria-label={`${title}: ${summary}`}>
          {/* The drawing is read as the label above: its inner parts (the chart library makes some focusable) are no tab stops. */}
          <div inert>
            <HorizontalBars {...bars} />
          </div>
        </div>
        {figures && (
          <details className="chart-figure__data">
            <summary>{rt('register.dashboard.showTable')}</summary>
            <div className="table-scroll">{figures}</div>
          </details>
        )}
        {note && <p className="field__hint">{note}</p>}
      </figure>
    );
  }
  return (
    <section className="dashboard-card" aria-labelledby={`${id}-title`}>
      {heading}
      {empty !== null ? <p className="muted">{empty}</p> : (children ?? figures)}
      {note && <p className="field__hint">{note}</p>}
    </section>
  );
}

function HorizontalBars({ data, labelWidth, legend = false, series }: Bars) {
  const [language] = useLanguage();
  return (
    <BarChart
      layout="vertical"
      data={data}
      width="100%"
      height={data.length * ROW_HEIGHT + (legend ? 80 : 50)}
      responsive
      accessibilityLayer={false}
      margin={{ left: 8, right: 16 }}
    >
      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" allowDecimals={false} />
      <YAxis type="category" dataKey="label" width={labelWidth[language]} interval={0} tick={{ fontSize: 13 }} />
      <Tooltip />
      {series}
    </BarChart>
  );
}
