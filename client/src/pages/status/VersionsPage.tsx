import { Fragment, useState } from 'react';
import { Link, useParams } from 'react-router';
import { BUSINESS_AREA_KEYS } from '@shared/reference/council';
import type { ReportVersions } from '@shared/schemas/statusReports';
import type { AreaEntry } from '@shared/statusReports/rules';
import { ErrorState } from '@client/components/ErrorState';
import { Field } from '@client/components/Field';
import { LoadingState } from '@client/components/LoadingState';
import { usePageTitle } from '@client/components/usePageTitle';
import { formatDateTime } from '@client/format/dates';
import { useReport, useReportVersions } from '@client/queries/statusReports';
import { useStatusLabels } from './labels';
import { useEntryRows } from './report/entryRows';
import { useStatusT } from './useStatusT';
import { TableScroll } from './TableScroll';

/** One side of the comparison: a submission of this report, or the organisation's last one in the previous round. */
interface Side {
  key: string;
  label: string;
  areas: Map<string, AreaEntry>;
  comment: string | null;
}

function sidesOf(data: ReportVersions, st: ReturnType<typeof useStatusT>, language: 'ja' | 'en'): Side[] {
  const sides: Side[] = data.versions.map((v) => ({
    key: `v${v.version}`,
    label: st('status.versions.version', {
      version: v.version,
      at: formatDateTime(v.submittedAt, language),
      name: v.submittedBy.displayName,
    }),
    areas: new Map(v.areas.map((a) => [a.area, a.entry])),
    comment: v.comment,
  }));
  if (data.previousRound)
    sides.push({
      key: 'previous',
      label: st('status.versions.previousRound', { title: data.previousRound.round.title }),
      areas: new Map(data.previousRound.areas.map((a) => [a.area, a.entry])),
      comment: null,
    });
  return sides;
}

/**
 * /status/:roundId/reports/:orgId/versions: two submissions side by side — a version and the one
 * before it, or the previous round's — field by field, the changed ones marked.
 */
export function VersionsPage() {
  const st = useStatusT();
  const labels = useStatusLabels();
  const { roundId = '', orgId = '' } = useParams();
  const versions = useReportVersions(roundId, orgId);
  const report = useReport(roundId, orgId);
  const organization = report.data ? labels.organization(report.data.organization) : '';
  usePageTitle(st('status.versions.title'));
  const back = { to: `/status/${roundId}/reports/${orgId}`, label: st('status.versions.back') };
  if (versions.isPending) return <LoadingState />;
  if (versions.isError && !versions.data)
    return (
      <ErrorState error={versions.error} onRetry={() => void versions.refetch()} back={back} notFound={st('status.report.notFound')} />
    );
  const sides = sidesOf(versions.data, st, labels.language);
  return (
    <>
      <p className="back-link">
        <Link to={back.to}>{back.label}</Link>
      </p>
      <header className="page-header">
        <p className="page-header__eyebrow">{organization || st('status.eyebrow')}</p>
        <h1>{st('status.versions.title')}</h1>
        <p className="lead">{st('status.versions.lead')}</p>
      </header>
      {sides.length === 0 ? (
        <div className="state-panel">
          <p>{st('status.versions.empty')}</p>
        </div>
      ) : (
        <Comparison sides={sides} />
      )}
    </>
  );
}

function Comparison({ sides }: { sides: Side[] }) {
  const st = useStatusT();
  const labels = useStatusLabels();
  const rows = useEntryRows();
  // Newest on the right; on the left the one before it (or the previous round's).
  const [rightKey, setRightKey] = useState(sides[0]!.key);
  const [leftKey, setLeftKey] = useState((sides[1] ?? sides[0]!).key);
  const [onlyChanged, setOnlyChanged] = useState(false);
  const left = sides.find((s) => s.key === leftKey) ?? sides[0]!;
  const right = sides.find((s) => s.key === rightKey) ?? sides[0]!;
  const areas = [...new Set([...left.areas.keys(), ...right.areas.keys()])].sort(
    (a, b) =>
      BUSINESS_AREA_KEYS.indexOf(a as (typeof BUSINESS_AREA_KEYS)[number]) -
      BUSINESS_AREA_KEYS.indexOf(b as (typeof BUSINESS_AREA_KEYS)[number]),
  );
  const none = st('status.versions.noArea');
  let changes = 0;
  const body = areas.map((area) => {
    const a = left.areas.get(area);
    const b = right.areas.get(area);
    const lines = rows
      .map((row) => {
        const before = a ? row.text(a) : none;
        const after = b ? row.text(b) : none;
        return { row, before, after, changed: before !== after };
      })
      .filter((line) => !onlyChanged || line.changed);
    changes += lines.filter((l) => l.changed).length;
    if (lines.length === 0) return null;
    return (
      <Fragment key={area}>
        <tr className="status-diff__area">
          <th scope="colgroup" colSpan={3}>
            {labels.area(area)}
          </th>
        </tr>
        {lines.map(({ row, before, after, changed }) => (
          <tr key={row.field} className={changed ? 'status-diff--changed' : undefined}>
            <th scope="row">
              {row.label}
              {changed && <span className="status-diff__mark">{st('status.versions.changed')}</span>}
            </th>
            <td className="status-pre">{before}</td>
            <td className="status-pre">{after}</td>
          </tr>
        ))}
      </Fragment>
    );
  });
  const commentChanged = left.comment !== null && right.comment !== null && left.comment !== right.comment;
  if (commentChanged) changes++;

  const picker = (label: string, value: string, onChange: (key: string) => void) => (
    <Field label={label}>
      {(control) => (
        <select {...control} className="select" value={value} onChange={(event) => onChange(event.target.value)}>
          {sides.map((side) => (
            <option key={side.key} value={side.key}>
              {side.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  return (
    <section aria-labelledby="status-diff-title">
      <h2 id="status-diff-title" className="visually-hidden">
        {st('status.versions.compare')}
      </h2>
      <div className="status-diff__pickers" role="group" aria-label={st('status.versions.compare')}>
        {picker(st('status.versions.left'), left.key, setLeftKey)}
        {picker(st('status.versions.right'), right.key, setRightKey)}
        <label className="checkbox">
          <input type="checkbox" checked={onlyChanged} onChange={(event) => setOnlyChanged(event.target.checked)} />
          <span>{st('status.versions.onlyChanged')}</span>
        </label>
      </div>
      <p className="result-count" role="status">
        {st('status.versions.changes', { count: changes })}
      </p>
      <TableScroll label={st('status.versions.compare')}>
        <table className="table table--compact status-diff">
          <caption className="visually-hidden">{st('status.versions.compare')}</caption>
          <thead>
            <tr>
              <th scope="col">{st('status.versions.field')}</th>
              <th scope="col">{left.label}</th>
              <th scope="col">{right.label}</th>
            </tr>
          </thead>
          <tbody>
            {body}
            {left.comment !== null && right.comment !== null && (!onlyChanged || commentChanged) && (
              <tr className={commentChanged ? 'status-diff--changed' : undefined}>
                <th scope="row">
                  {st('status.fields.comment')}
                  {commentChanged && <span className="status-diff__mark">{st('status.versions.changed')}</span>}
                </th>
                <td className="status-pre" data-user-content>
                  {left.comment || st('status.common.notEntered')}
                </td>
                <td className="status-pre" data-user-content>
                  {right.comment || st('status.common.notEntered')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
