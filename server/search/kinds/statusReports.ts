/**
 * Development status reports (開発状況報告) in "search everywhere": one item per report (kind `statusReport`). The
 * title is the organisation's Japanese name; the body is the free text its members write — each area's explanation
 * of its track and its risks, in the draft and in the last submission, prefixed by the area's Japanese name; the
 * reasons for the areas it added or removed; the comment to the secretariat. Draft and submission are both indexed,
 * so the candidates cover what any reader may see; `readable` then gives each reader only the part the report pages
 * show them (docs/STATUS_REPORTS.md "Who sees what"), by the pages' own rules: the round (access.ts `maySeeRound`),
 * the reader's sight of the organisation (`sightOf`) and what the presenter shows for it (presenter.ts
 * `presentReport`) — the secretariat and the organisation's members everything; a ministry the last submission
 * only, the areas it oversees, without the comment; anyone else nothing.
 *
 * The round's title is not part of the stored report, and an entry is made from the stored document alone, so it
 * is the result's `where`, not its title.
 */
import mongoose from 'mongoose';
import type { Actor } from '@shared/domain';
import { BUSINESS_AREAS } from '@shared/reference/council';
import type { SearchKind } from '@shared/schemas/search';
import type { AreaEntry } from '@shared/statusReports/rules';
import { councilDirectory } from '../../announcements/audience';
import { maySeeRound, sightOf, type ReportSight } from '../../statusReports/access';
import { reportsView, roundsView, STATUS_REPORT_SEARCH_FIELDS, StatusReportModel, type ReportRow } from '../../statusReports/model';
import { areasOf } from '../../statusReports/roundReports';
import type { FoundItem, IndexEntry, SearchSource } from './types';

/** An area's text as stored (a draft's entry may lack what a later version of the form added). */
type AreaText = Partial<Pick<AreaEntry, 'explanation' | 'risks'>> | null | undefined;
interface AreaChange {
  area: string;
  reason?: string | null;
}

/** A stored report as search reads it: a hydrated document, a lean one and a row of the reports view alike. */
export interface SearchedReport {
  _id: unknown;
  areas?: Readonly<Record<string, AreaText>> | null;
  added?: ReadonlyArray<AreaChange> | null;
  removed?: ReadonlyArray<AreaChange> | null;
  comment?: string | null;
  submitted?: { areas?: ReadonlyArray<{ area: string; entry?: AreaText }> | null; comment?: string | null } | null;
  /** The organisation's members write the report: its last writer carries the organisation's name. */
  updatedBy?: { organization?: { nameJa?: string | null } | null } | null;
}

/** What is written in a report, or the part of it one reader sees; the same builder makes the text of either. */
interface ReportPart {
  /** The areas' entries: the draft's, then the submission's (a line they share is written once). */
  entries: ReadonlyArray<{ area: string; entry?: AreaText }>;
  /** The reasons for the areas added to and removed from the organisation's profile. */
  changes: ReadonlyArray<AreaChange>;
  /** The comment to the secretariat: the draft's and the submission's. */
  comments: ReadonlyArray<string | null | undefined>;
}

const AREA_NAMES = new Map<string, string>(BUSINESS_AREAS.map((a) => [a.key, a.ja]));
const COUNCIL_ORDER = new Map<string, number>(BUSINESS_AREAS.map((a, i) => [a.key, i]));
const inCouncilOrder = (area: string) => COUNCIL_ORDER.get(area) ?? BUSINESS_AREAS.length;

/** The plain text of a part, one line each (in the council's order of areas), and the areas those lines are about. */
function textOf(part: ReportPart): { body: string; areas: string[] } {
  const lines = new Map<string, string | null>();
  const add = (area: string | null, text: string | null | undefined) => {
    const written = text?.trim();
    if (!written) return;
    const line = area ? `${AREA_NAMES.get(area) ?? area}：${written}` : written;
    if (!lines.has(line)) lines.set(line, area);
  };
  // A stable sort: in each area the draft's lines come before the submission's.
  for (const { area, entry } of [...part.entries].sort((a, b) => inCouncilOrder(a.area) - inCouncilOrder(b.area))) {
    add(area, entry?.explanation);
    add(area, entry?.risks);
  }
  for (const change of part.changes) add(change.area, change.reason);
  for (const comment of part.comments) add(null, comment);
  const areas = new Set([...lines.values()].filter((a): a is string => a !== null));
  return { body: [...lines.keys()].join('\n'), areas: [...areas].sort((a, b) => inCouncilOrder(a) - inCouncilOrder(b)) };
}

const draftEntries = (report: SearchedReport) => Object.entries(report.areas ?? {}).map(([area, entry]) => ({ area, entry }));

/** Everything written in a report: what the index holds. */
const writtenPart = (report: SearchedReport): ReportPart => ({
  entries: [...draftEntries(report), ...(report.submitted?.areas ?? [])],
  changes: [...(report.added ?? []), ...(report.removed ?? [])],
  comments: [report.comment, report.submitted?.comment],
});

/**
 * What `sight` shows of a report, as the report pages do: the draft (its current areas, `shownAreas`) and the
 * submissions with the reasons and the comment to whoever sees drafts; a ministry's areas of the last submission,
 * and null when it has none (nothing of the report is for it).
 */
function partSeen(sight: ReportSight, report: ReportRow, shownAreas: readonly string[]): ReportPart | null {
  const submitted = (report.submitted?.areas ?? []).filter((a) => sight.seesArea(a.area));
  if (!sight.seesDrafts) return submitted.length > 0 ? { entries: submitted, changes: [], comments: [] } : null;
  const shown = new Set(shownAreas);
  return {
    entries: [...draftEntries(report).filter((e) => shown.has(e.area) && sight.seesArea(e.area)), ...submitted],
    changes: [...report.added, ...report.removed].filter((c) => sight.seesArea(c.area)),
    comments: sight.seesComment ? [report.comment, report.submitted?.comment] : [],
  };
}

const titleOf = (report: SearchedReport) => report.updatedBy?.organization?.nameJa ?? '';

function entriesOf(report: SearchedReport): IndexEntry[] {
  return [{ kind: 'statusReport', id: String(report._id), title: titleOf(report), body: textOf(writtenPart(report)).body }];
}

/** When a reader's part was last written: the draft's last save, or (a ministry's) the submission. */
function writtenAt(report: ReportRow, sight: ReportSight): Date {
  const at = sight.seesDrafts ? (report.updatedAt ?? report.submitted?.at) : report.submitted?.at;
  return at ? new Date(at) : report._id.getTimestamp();
}

export const statusReportSearch: SearchSource<SearchedReport> = {
  kinds: ['statusReport'],
  fields: STATUS_REPORT_SEARCH_FIELDS,
  entriesOf,
  all: () => StatusReportModel.find({}).lean<SearchedReport[]>().cursor(),
  async readable(actor: Actor, kind: SearchKind, ids: readonly string[]): Promise<FoundItem[]> {
    const valid = [...new Set(ids)].filter((id) => mongoose.isObjectIdOrHexString(id));
    if (kind !== 'statusReport' || !valid.length || !actor.active) return [];
    const [reports, rounds, { organizations }] = await Promise.all([reportsView.current(), roundsView.current(), councilDirectory()]);
    return valid.flatMap((id) => {
      const report = reports.get(id);
      const round = report && rounds.get(String(report.roundId));
      if (!report || !round || !maySeeRound(actor, round)) return [];
      const sight = sightOf(actor, organizations.get(String(report.organizationId)));
      const part = sight && partSeen(sight, report, areasOf(round, sight.organization, report));
      if (!sight || !part) return [];
      const { body, areas } = textOf(part);
      return [
        {
          kind: 'statusReport' as const,
          id,
          title: titleOf(report),
          body,
          where: round.title,
          // The page that shows this report to this reader: the form to its organisation, the report to the others.
          href: `/status/${String(round._id)}/reports/${sight.organization.id}`,
          who: sight.organization.nameJa,
          at: writtenAt(report, sight),
          number: null,
          status: report.state,
          areas,
          organizations: [sight.organization.id],
        },
      ];
    });
  },
};
