/**
 * The round's picture as charts (the register dashboard's frame: a caption, a spoken summary in place
 * of the drawing, and the figures as a table behind a disclosure): vendors by phase per business area,
 * and the customer municipalities' migration timing per area.
 */
import { Bar, Legend } from 'recharts';
import type { Overview } from '@shared/schemas/statusReports';
import { PHASES, type Phase } from '@shared/statusReports/rules';
import { ChartFrame } from '@client/pages/register/dashboard/ChartFrame';
import { useStatusLabels } from '../labels';
import { useStatusT } from '../useStatusT';

function token(name: string, fallback: string): string {
  if (typeof document === 'undefined') return fallback;
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** Distinct hues, each at least 3:1 against white (WCAG 1.4.11), from the design tokens. */
const palette = () => ({
  gray: token('--color-neutral-solid-gray-600', '#666666'),
  orange: token('--color-primitive-orange-800', '#c74700'),
  blue: token('--color-primitive-blue-900', '#0017c1'),
  cyan: token('--color-primitive-cyan-900', '#006f83'),
  green: token('--color-primitive-green-800', '#197a4b'),
});

type AreaRow = Overview['areas'][number];
const shown = (areas: AreaRow[]) =>
  areas.filter((a): a is AreaRow & { figures: NonNullable<AreaRow['figures']> } => a.figures !== null && a.figures.vendors > 0);

/** 業務別の開発状況: how many vendors are at each phase, per area (stacked). */
export function PhaseChart({ areas }: { areas: AreaRow[] }) {
  const st = useStatusT();
  const labels = useStatusLabels();
  const c = palette();
  const colors = { notStarted: c.gray, design: c.orange, development: c.blue, testing: c.cyan, available: c.green };
  const rows = shown(areas).map((a) => ({
    key: a.area,
    label: labels.area(a.area),
    vendors: a.figures.vendors,
    phases: Object.fromEntries(PHASES.map((p) => [p, a.figures.phases[p].vendors])) as Record<Phase, number>,
  }));
  const title = st('status.overview.phaseChart');
  const available = rows.reduce((s, r) => s + r.phases.available, 0);
  const vendors = rows.reduce((s, r) => s + r.vendors, 0);
  const summary = st('status.overview.phaseChartSummary', { areas: rows.length, available, vendors });
  return (
    <ChartFrame
      title={title}
      empty={rows.length === 0 ? st('status.overview.noFigures') : null}
      summary={summary}
      bars={{
        data: rows.map((row) => ({ label: row.label, ...row.phases })),
        labelWidth: { ja: 150, en: 210 },
        legend: true,
        series: (
          <>
            <Legend itemSorter={(item) => PHASES.indexOf(item.dataKey as Phase)} />
            {PHASES.map((phase) => (
              <Bar
                key={phase}
                dataKey={phase}
                name={st(`status.phase.${phase}`)}
                stackId="phase"
                fill={colors[phase]}
                isAnimationActive={false}
              />
            ))}
          </>
        ),
      }}
      table={{
        nameHeading: st('status.fields.businessArea'),
        valueHeadings: PHASES.map((phase) => st(`status.phase.${phase}`)),
        rows: rows.map((row) => ({
          key: row.key,
          name: row.label,
          values: PHASES.map((p) => row.phases[p]),
        })),
      }}
    />
  );
}

const TIMING = ['migrated', 'byFyEnd', 'after', 'undecided'] as const;

/** 移行時期: the customer municipalities per area by when they migrate (stacked), the rest undecided. */
export function TimingChart({ areas }: { areas: AreaRow[] }) {
  const st = useStatusT();
  const labels = useStatusLabels();
  const c = palette();
  const colors = { migrated: c.green, byFyEnd: c.blue, after: c.orange, undecided: c.gray };
  const rows = shown(areas).map((a) => {
    const t = a.figures.timing;
    return {
      key: a.area,
      label: labels.area(a.area),
      migrated: t.migrated,
      byFyEnd: t.byFyEnd,
      after: t.after,
      undecided: Math.max(0, t.customers - t.migrated - t.byFyEnd - t.after),
    };
  });
  const title = st('status.overview.timingChart');
  const totals = rows.reduce((s, r) => ({ migrated: s.migrated + r.migrated, byFyEnd: s.byFyEnd + r.byFyEnd, after: s.after + r.after }), {
    migrated: 0,
    byFyEnd: 0,
    after: 0,
  });
  const summary = st('status.overview.timingChartSummary', {
    migrated: labels.count(totals.migrated),
    byFyEnd: labels.count(totals.byFyEnd),
    after: labels.count(totals.after),
  });
  return (
    <ChartFrame
      title={title}
      empty={rows.length === 0 ? st('status.overview.noFigures') : null}
      summary={summary}
      bars={{
        data: rows,
        labelWidth: { ja: 150, en: 210 },
        legend: true,
        series: (
          <>
            <Legend itemSorter={(item) => TIMING.indexOf(item.dataKey as (typeof TIMING)[number])} />
            {TIMING.map((key) => (
              <Bar
                key={key}
                dataKey={key}
                name={st(`status.timing.${key}`)}
                stackId="timing"
                fill={colors[key]}
                isAnimationActive={false}
              />
            ))}
          </>
        ),
      }}
      table={{
        nameHeading: st('status.fields.businessArea'),
        valueHeadings: TIMING.map((key) => st(`status.timing.${key}`)),
        rows: rows.map((row) => ({ key: row.key, name: row.label, values: TIMING.map((key) => row[key]) })),
      }}
    />
  );
}
