/**
 * A round's reports as every view of it needs them, from memory: the rounds and reports views
 * (model.ts) and the council's organisations (announcements/audience.ts `councilDirectory`). No
 * request of this feature reads a collection; each write is by `_id` or a unique insert.
 */
import type { ReportState } from '@shared/statusReports/rules';
import { reportAreas } from '@shared/statusReports/rules';
import type { BusinessAreaKey } from '@shared/reference/council';
import { councilDirectory, type CouncilOrganization } from '../announcements/audience';
import { notFound } from '../http/errors';
import { reportsView, roundsView, type ReportRow, type RoundRow } from './model';

/** One organisation's place in one round: its report (if anything was saved), its areas and its state. */
export interface OrganizationInRound {
  organization: CouncilOrganization;
  report: ReportRow | null;
  areas: BusinessAreaKey[];
  state: ReportState;
}

/** A round by id from memory, or 404. Drafts are the secretariat's: callers decide who may see one. */
export async function roundById(id: string): Promise<RoundRow> {
  const round = (await roundsView.current()).get(id);
  if (!round) throw notFound('no such reporting round');
  return round;
}

/** Every round, newest first (by when it opened, drafts first by creation). */
export async function roundsNewestFirst(): Promise<readonly RoundRow[]> {
  const { ordered } = await roundsView.inOrder('newest', (a, b) => {
    const at = (r: RoundRow) => (r.openedAt ?? r.createdAt ?? new Date(0)).getTime();
    return Number(b.state === 'draft') - Number(a.state === 'draft') || at(b) - at(a);
  });
  return ordered;
}

/** Every report, by round and organisation (`<roundId>:<organizationId>`), computed once per change. */
export function reportsByKey(): Promise<ReadonlyMap<string, ReportRow>> {
  return reportsView.derived('by round and organisation', (rows) => {
    const out = new Map<string, ReportRow>();
    for (const r of rows.values()) out.set(`${String(r.roundId)}:${String(r.organizationId)}`, r);
    return out;
  });
}

export async function reportOf(roundId: string, organizationId: string): Promise<ReportRow | null> {
  return (await reportsByKey()).get(`${roundId}:${organizationId}`) ?? null;
}

export const stateOf = (report: ReportRow | null): ReportState => (report ? report.state : 'notStarted');

/** A report's areas in a round: its profile's areas in the round, plus those it added, minus those it removed. */
export function areasOf(round: RoundRow, organization: CouncilOrganization, report: ReportRow | null): BusinessAreaKey[] {
  return reportAreas({
    roundAreas: round.businessAreas,
    profileAreas: organization.businessAreas ?? [],
    added: report?.added ?? [],
    removed: report?.removed ?? [],
  });
}

/**
 * The organisations expected to report in a round — every vendor whose profile names one of its
 * areas, and any other vendor that saved a report in it — with their reports, areas and states,
 * in the order of the directory's names.
 */
export async function organizationsInRound(round: RoundRow): Promise<OrganizationInRound[]> {
  const [directory, byKey] = await Promise.all([councilDirectory(), reportsByKey()]);
  const roundId = String(round._id);
  const roundAreas = new Set<string>(round.businessAreas);
  const out: OrganizationInRound[] = [];
  for (const organization of directory.organizations.values()) {
    if (organization.kind !== 'vendor') continue;
    const report = byKey.get(`${roundId}:${organization.id}`) ?? null;
    if (!report && !(organization.businessAreas ?? []).some((a) => roundAreas.has(a))) continue;
    out.push({ organization, report, areas: areasOf(round, organization, report), state: stateOf(report) });
  }
  return out.sort((a, b) => a.organization.nameJa.localeCompare(b.organization.nameJa, 'ja'));
}
