import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Overview, Round } from '@shared/schemas/statusReports';
import { PHASES, SPECIAL_REASON_KEYS, TRACKS, MIN_VENDORS_SHOWN } from '@shared/statusReports/rules';
import { ErrorState } from '@client/components/ErrorState';
import { LoadingState } from '@client/components/LoadingState';
import { useOverview } from '@client/queries/statusReports';
import { ProgressCounts } from '../ProgressView';
import { useStatusLabels, type StatusLabels } from '../labels';
import { useStatusT, type StatusT } from '../useStatusT';
import { PhaseChart, TimingChart } from './OverviewCharts';
import { TableScroll } from '../TableScroll';

type AreaRow = Overview['areas'][number];
type Figures = NonNullable<AreaRow['figures']>;

const specialTotal = (f: Figures) => SPECIAL_REASON_KEYS.reduce((s, k) => s + f.special[k], 0);

/** 2024年10月31日 / 31 October 2024: the reference figures' date, in the Gregorian calendar as the council publishes it. */
function referenceDate(asOf: string, language: 'ja' | 'en'): string {
  const format = new Intl.DateTimeFormat(language === 'ja' ? 'ja-JP' : 'en-GB', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
  return format.format(new Date(`${asOf.slice(0, 10)}T00:00:00Z`));
}

/**
 * 全体像: the round's picture from the submitted reports — per business area the vendors and customer
 * municipalities by phase, the migration timing against the council's reference figures, the 特定移行支援
 * systems by reason, the tracks, and the change since the previous round. Areas fewer than three
 * vendors reported are withheld from those who may not read each vendor's figures; those who may
 * (the secretariat, a ministry for its areas) drill down to an area's vendors.
 */
export function OverviewView({ round }: { round: Round }) {
  const st = useStatusT();
  const overview = useOverview(round.id);
  if (overview.isPending) return <LoadingState />;
  if (overview.isError && !overview.data) return <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />;
  const o = overview.data;
  return (
    <div className="status-overview">
      <p className="muted">{st(`status.overview.scope.${o.scope}`, { min: MIN_VENDORS_SHOWN })}</p>
      <section className="section" aria-labelledby="status-overview-progress">
        <h2 id="status-overview-progress">{st('status.overview.progressTitle')}</h2>
        <ProgressCounts counts={o.progress} />
      </section>
      <TotalsSection overview={o} />
      <PhaseSection round={round} overview={o} />
      <TimingSection round={round} overview={o} />
      <SpecialSection round={round} overview={o} />
      <TrackSection round={round} overview={o} />
      <ChangeSection round={round} overview={o} />
    </div>
  );
}

/** The area's name: a link to its vendors' figures for those who may read them. */
function AreaName({ round, overview, area }: { round: Round; overview: Overview; area: string }) {
  const labels = useStatusLabels();
  if (overview.scope === 'council') return <>{labels.area(area)}</>;
  return <Link to={`/status/${round.id}/areas/${area}`}>{labels.area(area)}</Link>;
}

/** A withheld area's row: its name, and why its figures are not shown. */
function WithheldRow({ name, columns }: { name: ReactNode; columns: number }) {
  const st = useStatusT();
  return (
    <tr className="status-withheld">
      <th scope="row">{name}</th>
      <td colSpan={columns} className="status-withheld__note">
        {st('status.overview.withheld', { min: MIN_VENDORS_SHOWN })}
      </td>
    </tr>
  );
}

/** One table of figures per area, with a totals row: the shape every section below shares. */
function AreaTable({
  round,
  overview,
  caption,
  headings,
  values,
  total,
  extraRows,
}: {
  round: Round;
  overview: Overview;
  caption: string;
  headings: string[];
  values: (f: Figures, area: AreaRow) => ReactNode[];
  total: ReactNode[];
  extraRows?: ReactNode;
}) {
  const st = useStatusT();
  return (
    <TableScroll label={caption}>
      <table className="table table--compact status-figures">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{st('status.fields.businessArea')}</th>
            {headings.map((heading) => (
              <th key={heading} scope="col" className="numeric">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {overview.areas.map((row) => {
            const name = <AreaName round={round} overview={overview} area={row.area} />;
            if (!row.figures) return <WithheldRow key={row.area} name={name} columns={headings.length} />;
            return (
              <tr key={row.area}>
                <th scope="row">{name}</th>
                {values(row.figures, row).map((value, i) => (
                  <td key={i} className="numeric">
                    {value}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr className="status-figures__total">
            <th scope="row">{st('status.overview.total')}</th>
            {total.map((value, i) => (
              <td key={i} className="numeric">
                {value}
              </td>
            ))}
          </tr>
          {extraRows}
        </tfoot>
      </table>
    </TableScroll>
  );
}

/** 全体の集計: vendors reporting, customer municipalities, and how they migrate, beside the council's reference figures. */
function TotalsSection({ overview: o }: { overview: Overview }) {
  const st = useStatusT();
  const labels = useStatusLabels();
  const t = o.total;
  const asOf = referenceDate(o.reference.asOf, labels.language);
  const tiles = [
    {
      key: 'vendors',
      label: st('status.overview.totals.vendors'),
      value: st('status.common.companies', { count: t.vendors, formatted: labels.count(t.vendors) }),
    },
    { key: 'customers', label: st('status.overview.totals.customers'), value: labels.count(t.timing.customers) },
    { key: 'migrated', label: st('status.timing.migrated'), value: labels.count(t.timing.migrated) },
    { key: 'byFyEnd', label: st('status.timing.byFyEnd'), value: labels.count(t.timing.byFyEnd) },
    { key: 'after', label: st('status.timing.after'), value: labels.count(t.timing.after) },
    { key: 'special', label: st('status.overview.totals.special'), value: labels.count(specialTotal(t)) },
  ];
  return (
    <section className="section" aria-labelledby="status-overview-totals">
      <h2 id="status-overview-totals">{st('status.overview.totalsTitle')}</h2>
      <dl className="status-tiles">
        {tiles.map((tile) => (
          <div key={tile.key} className={`status-tile status-tile--${tile.key}`}>
            <dt>{tile.label}</dt>
            <dd>{tile.value}</dd>
          </div>
        ))}
      </dl>
      <aside className="status-reference" aria-labelledby="status-reference-title">
        <h3 id="status-reference-title" className="status-reference__title">
          {st('status.overview.reference.title', { date: asOf })}
        </h3>
        <p className="small">{st('status.overview.reference.lead')}</p>
        <dl className="status-reference__figures">
          <div>
            <dt>{st('status.overview.reference.systemsTotal')}</dt>
            <dd>{labels.count(o.reference.systemsTotal)}</dd>
          </div>
          <div>
            <dt>{st('status.overview.reference.specialSystems')}</dt>
            <dd>{labels.count(o.reference.specialSystems)}</dd>
          </div>
        </dl>
        <p className="small muted">
          {st('status.overview.reference.compare', {
            customers: labels.count(t.timing.customers),
            systems: labels.count(o.reference.systemsTotal),
            special: labels.count(specialTotal(t)),
            specialReference: labels.count(o.reference.specialSystems),
          })}
        </p>
      </aside>
    </section>
  );
}

const cell = (labels: StatusLabels, st: StatusT, vendors: number, customers: number) =>
  vendors === 0 ? '—' : st('status.overview.phaseCell', { vendors: labels.count(vendors), customers: labels.count(customers) });

/** 業務別の開発状況: business areas × phase, each cell the vendors and their customer municipalities. */
function PhaseSection({ round, overview: o }: { round: Round; overview: Overview }) {
  const st = useStatusT();
  const labels = useStatusLabels();
  return (
    <section className="section" aria-labelledby="status-overview-phase">
      <h2 id="status-overview-phase">{st('status.overview.phaseTitle')}</h2>
      <p className="muted">{st('status.overview.phaseLead')}</p>
      <AreaTable
        round={round}
        overview={o}
        caption={st('status.overview.phaseTitle')}
        headings={[...PHASES.map((p) => st(`status.phase.${p}`)), st('status.overview.vendors')]}
        values={(f) => [...PHASES.map((p) => cell(labels, st, f.phases[p].vendors, f.phases[p].customers)), labels.count(f.vendors)]}
        total={[
          ...PHASES.map((p) => cell(labels, st, o.total.phases[p].vendors, o.total.phases[p].customers)),
          labels.count(o.total.vendors),
        ]}
      />
      <p className="field__hint">{st('status.overview.phaseNote')}</p>
      <PhaseChart areas={o.areas} />
    </section>
  );
}

/** 移行時期: per area, the customers and when they migrate, the totals, and the reference figure beside them. */
function TimingSection({ round, overview: o }: { round: Round; overview: Overview }) {
  const st = useStatusT();
  const labels = useStatusLabels();
  const values = (f: Figures) => [
    labels.count(f.timing.customers),
    labels.count(f.timing.migrated),
    labels.count(f.timing.byFyEnd),
    labels.count(f.timing.after),
  ];
  return (
    <section className="section" aria-labelledby="status-overview-timing">
      <h2 id="status-overview-timing">{st('status.overview.timingTitle')}</h2>
      <AreaTable
        round={round}
        overview={o}
        caption={st('status.overview.timingTitle')}
        headings={[st('status.fields.customers'), st('status.timing.migrated'), st('status.timing.byFyEnd'), st('status.timing.after')]}
        values={values}
        total={values(o.total)}
        extraRows={
          <tr className="status-figures__reference">
            <th scope="row">{st('status.overview.reference.row', { date: referenceDate(o.reference.asOf, labels.language) })}</th>
            <td className="numeric">{labels.count(o.reference.systemsTotal)}</td>
            <td colSpan={3} className="small">
              {st('status.overview.reference.systemsNote')}
            </td>
          </tr>
        }
      />
      <TimingChart areas={o.areas} />
    </section>
  );
}

/** 特定移行支援システム: the systems expected to need it, by reason (事由1–4) per area, with the reference counts. */
function SpecialSection({ round, overview: o }: { round: Round; overview: Overview }) {
  const st = useStatusT();
  const labels = useStatusLabels();
  const values = (f: Figures) => [...SPECIAL_REASON_KEYS.map((k) => labels.count(f.special[k])), labels.count(specialTotal(f))];
  const reference = (key: string) => o.reference.reasons.find((r) => r.key === key)?.systems ?? 0;
  return (
    <section className="section" aria-labelledby="status-overview-special">
      <h2 id="status-overview-special">{st('status.overview.specialTitle')}</h2>
      <ul className="status-reasons small">
        {SPECIAL_REASON_KEYS.map((k) => (
          <li key={k}>
            <span className="status-reasons__key">{labels.reasonShort(k)}</span> {labels.reasonText(k)}
          </li>
        ))}
      </ul>
      <AreaTable
        round={round}
        overview={o}
        caption={st('status.overview.specialTitle')}
        headings={[...SPECIAL_REASON_KEYS.map((k) => labels.reasonShort(k)), st('status.overview.total')]}
        values={values}
        total={values(o.total)}
        extraRows={
          <tr className="status-figures__reference">
            <th scope="row">{st('status.overview.reference.row', { date: referenceDate(o.reference.asOf, labels.language) })}</th>
            {SPECIAL_REASON_KEYS.map((k) => (
              <td key={k} className="numeric">
                {labels.count(reference(k))}
              </td>
            ))}
            <td className="numeric">{labels.count(o.reference.specialSystems)}</td>
          </tr>
        }
      />
    </section>
  );
}

/** 進捗: per area, how many vendors are on track, at risk, delayed. */
function TrackSection({ round, overview: o }: { round: Round; overview: Overview }) {
  const st = useStatusT();
  const labels = useStatusLabels();
  const values = (f: Figures) => TRACKS.map((t) => labels.count(f.tracks[t]));
  return (
    <section className="section" aria-labelledby="status-overview-tracks">
      <h2 id="status-overview-tracks">{st('status.overview.tracksTitle')}</h2>
      <AreaTable
        round={round}
        overview={o}
        caption={st('status.overview.tracksTitle')}
        headings={TRACKS.map((t) => st(`status.track.${t}`))}
        values={values}
        total={values(o.total)}
      />
    </section>
  );
}

/** 前回調査からの変化: each figure now minus the same in the previous round. */
function ChangeSection({ round, overview: o }: { round: Round; overview: Overview }) {
  const st = useStatusT();
  const labels = useStatusLabels();
  if (!o.previousRound) {
    return (
      <section className="section" aria-labelledby="status-overview-change">
        <h2 id="status-overview-change">{st('status.overview.changeTitle')}</h2>
        <p className="muted">{st('status.overview.noPrevious')}</p>
      </section>
    );
  }
  const values = (f: Figures) => [
    labels.change(f.vendors),
    labels.change(f.phases.available.vendors),
    labels.change(f.timing.customers),
    labels.change(f.timing.migrated),
    labels.change(f.timing.byFyEnd),
    labels.change(f.timing.after),
    labels.change(specialTotal(f)),
    labels.change(f.tracks.delayed),
  ];
  const headings = [
    st('status.overview.vendors'),
    st('status.overview.changeAvailable'),
    st('status.fields.customers'),
    st('status.timing.migrated'),
    st('status.timing.byFyEnd'),
    st('status.timing.after'),
    st('status.overview.totals.special'),
    st('status.track.delayed'),
  ];
  return (
    <section className="section" aria-labelledby="status-overview-change">
      <h2 id="status-overview-change">{st('status.overview.changeTitle')}</h2>
      <p className="muted">
        {st('status.overview.changeLead')}{' '}
        <Link to={`/status/${o.previousRound.id}`} data-user-content>
          {o.previousRound.title}
        </Link>
      </p>
      <TableScroll label={st('status.overview.changeTitle')}>
        <table className="table table--compact status-figures status-change">
          <caption className="visually-hidden">{st('status.overview.changeTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{st('status.fields.businessArea')}</th>
              {headings.map((heading) => (
                <th key={heading} scope="col" className="numeric">
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {o.areas.map((row) => {
              const name = <AreaName round={round} overview={o} area={row.area} />;
              if (!row.figures) return <WithheldRow key={row.area} name={name} columns={headings.length} />;
              if (!row.change)
                return (
                  <tr key={row.area}>
                    <th scope="row">{name}</th>
                    <td colSpan={headings.length} className="status-withheld__note">
                      {st('status.overview.noChange')}
                    </td>
                  </tr>
                );
              return (
                <tr key={row.area}>
                  <th scope="row">{name}</th>
                  {values(row.change).map((value, i) => (
                    <td key={i} className="numeric">
                      {value}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
          {o.totalChange && (
            <tfoot>
              <tr className="status-figures__total">
                <th scope="row">{st('status.overview.total')}</th>
                {values(o.totalChange).map((value, i) => (
                  <td key={i} className="numeric">
                    {value}
                  </td>
                ))}
              </tr>
            </tfoot>
          )}
        </table>
      </TableScroll>
    </section>
  );
}
