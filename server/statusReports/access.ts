/**
 * Who reads which round and which report (開発状況報告, docs/STATUS_REPORTS.md). A draft round is the
 * secretariat's: anyone else is told it is not found. A report is read by its own organisation and
 * the secretariat whole; by a ministry for the business areas it oversees only, without the comment
 * (addressed to the secretariat); by nobody else — not another vendor, not a body — who is told it is
 * not found, as a draft meeting is. Decided from memory: the rounds view and the council directory.
 */
import type { Actor } from '@shared/domain';
import { can, decide } from '@shared/permissions';
import { BUSINESS_AREAS, ministryOfArea } from '@shared/reference/council';
import type { TargetAccess } from '../notifications/types';
import { authorize } from '../http/authorize';
import { notFound } from '../http/errors';
import { councilDirectory, type CouncilOrganization } from '../announcements/audience';
import { StatusReporterModel, reporterKey, roundsView, type RoundRow } from './model';
import { roundById } from './roundReports';

/** Whether `actor` may see a round in this state (drafts: the secretariat only). */
export const maySeeRound = (actor: Actor, round: Pick<RoundRow, 'state'>): boolean =>
  actor.active && (round.state !== 'draft' || can(actor, 'status.manage'));

/** A round the actor may see, or 404 (a draft one may not see is not found either). */
export async function visibleRound(actor: Actor, roundId: string): Promise<RoundRow> {
  const round = await roundById(roundId);
  if (!maySeeRound(actor, round)) throw notFound('no such reporting round');
  return round;
}

/** A round the secretariat runs: 403 for anyone else (before it is looked up), 404 when there is none. */
export async function managedRound(actor: Actor, roundId: string): Promise<RoundRow> {
  authorize(actor, 'status.manage');
  return roundById(roundId);
}

/** What one reader may see of one organisation's report. */
export interface ReportSight {
  organization: CouncilOrganization;
  /** Whether the reader sees this business area's entry. */
  seesArea(area: string): boolean;
  /** The comment to the secretariat is for the organisation and the secretariat. */
  seesComment: boolean;
  /** The organisation's own member (or org admin). */
  own: boolean;
  /**
   * The report as it is being written (the organisation and the secretariat); a ministry reads the
   * last submission only — a draft is the vendor's work in progress, not its report.
   */
  seesDrafts: boolean;
}

/** What `actor` may see of `organizationId`'s reports, or null when nothing (the caller answers 404). */
export function sightOf(actor: Actor, organization: CouncilOrganization | undefined): ReportSight | null {
  if (!actor.active || !organization || organization.kind !== 'vendor') return null;
  const whole = decide(actor, 'status.readFigures', { targetOrganizationId: organization.id }).allowed;
  if (whole) {
    return { organization, seesArea: () => true, seesComment: true, own: actor.organization.id === organization.id, seesDrafts: true };
  }
  const overseen = (area: string) => decide(actor, 'status.readFigures', { areaMinistry: ministryOfArea(area) }).allowed;
  // A ministry oversees some areas: it reads each vendor's figures for those.
  if (!BUSINESS_AREAS.some((a) => overseen(a.key))) return null;
  return { organization, seesArea: overseen, seesComment: false, own: false, seesDrafts: false };
}

/** The vendor whose report it is, as the reader may see it; 404 for a report the reader may not read. */
export async function readableReport(actor: Actor, organizationId: string): Promise<ReportSight> {
  const { organizations } = await councilDirectory();
  const sight = sightOf(actor, organizations.get(organizationId));
  if (!sight) throw notFound('no such report');
  return sight;
}

/** Whether the org admin allowed this member to submit the organisation's reports (one `_id` read; members only). */
export async function isStatusReporter(actor: Actor, organizationId: string): Promise<boolean> {
  if (actor.organization.id !== organizationId || actor.role !== 'member') return false;
  return (await StatusReporterModel.exists({ _id: reporterKey(organizationId, actor.id) })) != null;
}

// ---- the notifier's readability rules (server/notifications/access.ts) -------------------------------

/** A round (`statusRound`, its id): readable while the reader may see it. */
export const statusRoundAccess: TargetAccess = async (actor, ids) => {
  const rounds = await roundsView.current();
  return new Set(
    ids.filter((id) => {
      const round = rounds.get(id);
      return round != null && maySeeRound(actor, round);
    }),
  );
};

/** The target id of one organisation's report in one round (`statusReport`): `<roundId>:<organizationId>`. */
export const reportTargetId = (roundId: string, organizationId: string) => `${roundId}:${organizationId}`;

/** A report (`statusReport`, `<roundId>:<organizationId>`): readable while the round and the report are. */
export const statusReportAccess: TargetAccess = async (actor, ids) => {
  const [rounds, { organizations }] = await Promise.all([roundsView.current(), councilDirectory()]);
  return new Set(
    ids.filter((id) => {
      const [roundId = '', organizationId = ''] = id.split(':');
      const round = rounds.get(roundId);
      return round != null && maySeeRound(actor, round) && sightOf(actor, organizations.get(organizationId)) != null;
    }),
  );
};
