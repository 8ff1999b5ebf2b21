import { useId, type ReactNode } from 'react';
import { useRegisterT } from '../useRegisterT';

interface Props {
  title: string;
  /** The chart in one or two sentences: read out instead of the drawing. */
  summary: string;
  chart: ReactNode;
  /** The same figures as a table (the text alternative to the chart). */
  table: ReactNode;
}

/**
 * A chart with its text alternatives: a caption, a spoken summary in place of the drawing, and
 * the data as a table behind a disclosure, for anyone who wants the exact figures.
 */
export function ChartFigure({ title, summary, chart, table }: Props) {
  const rt = useRegisterT();
  const id = useId();
  return (
    <figure className="chart-figure" aria-labelledby={`${id}-title`}>
      <figcaption>
        <h3 id={`${id}-title`} className="chart-figure__title">
          {title}
        </h3>
        <p className="chart-figure__summary small muted">{summary}</p>
      </figcaption>
      <div className="chart-figure__chart" role="img" aria-label={`${title}: ${summary}`}>
        {/* The drawing is read as the label above: its inner parts (the chart library makes some focusable) are no tab stops. */}
        <div inert>{chart}</div>
      </div>
      <details className="chart-figure__data">
        <summary>{rt('register.dashboard.showTable')}</summary>
        {table}
      </details>
    </figure>
  );
}

/** A chart's place when there is nothing open to draw. */
export function EmptyChart({ title }: { title: string }) {
  const rt = useRegisterT();
  return (
    <div className="chart-figure">
      <h3 className="chart-figure__title">{title}</h3>
      <p className="muted">{rt('register.dashboard.noOpen')}</p>
    </div>
  );
}
