/**
 * The secretariat's picture of a round (開発状況報告): the aggregates of the vendors' last
 * submissions per business area and in total, the change since the previous round, the submission
 * counts, and the drill-down to each vendor's figures for one area. Everything comes from memory
 * (roundReports.ts and the views in model.ts): a round's base picture is computed once per change of
 * the reports (or of the round, or of the council's organisations) and then shaped per reader — what
 * a reader may see is decided here, on the server, by the permission rules.
 */
import { aggregateAreas, figuresChange, type AreaFigures, type SubmittedArea } from '@shared/statusReports/aggregate';
import { MIN_VENDORS_SHOWN, type AreaEntry } from '@shared/statusReports/rules';
import {
  BUSINESS_AREAS,
  MIGRATION_FIGURES,
  ministryOfArea,
  SPECIAL_MIGRATION_REASONS,
  type BusinessAreaKey,
} from '@shared/reference/council';
import { personaOf, type Actor } from '@shared/domain';
import { can, decide } from '@shared/permissions';
import type { AreaDrillDown, Overview } from '@shared/schemas/statusReports';
import { councilDirectory, type CouncilOrganization } from '../announcements/audience';
import { authorize } from '../http/authorize';
import { notFound } from '../http/errors';
import { reportsView, roundsView, type ReportRow, type RoundRow } from './model';
import { visibleRound } from './access';
import { organizationRef } from './presenter';
import { organizationsInRound, type OrganizationInRound } from './roundReports';

const AREA_ORDER = BUSINESS_AREAS.map((a) => a.key);

/**
 * A round as a reader may open it: any signed-in person reads an open or closed round's aggregates;
 * a draft is the secretariat's alone (404 to anyone else, as if it did not exist).
 */
export async function readableRound(actor: Actor, roundId: string): Promise<RoundRow> {
  authorize(actor, 'status.readAggregates');
  return visibleRound(actor, roundId);
}

/** The submission whose figures count for a report: the last one, unless the secretariat returned it (withdrawn until resubmitted). */
export const countedSubmission = (report: ReportRow | null) => (report?.submitted && report.state !== 'returned' ? report.submitted : null);

/** What the views of one round are built from, computed once per change and shared by every reader. */
export interface RoundPicture {
  round: RoundRow;
  /** The expected organisations with their reports, areas and states, by name. */
  organizations: readonly OrganizationInRound[];
  /** The round's business areas, in the council's order. */
  areas: readonly BusinessAreaKey[];
  /** The counted submissions' areas (of the round's areas). */
  rows: readonly SubmittedArea[];
  byArea: ReadonlyMap<string, AreaFigures>;
  total: AreaFigures;
  progress: Overview['progress'];
  /** Totals over some of the areas (a ministry's), by the areas' keys joined: computed on first asking. */
  totals: Map<string, AreaFigures>;
}

function buildPicture(round: RoundRow, organizations: OrganizationInRound[]): RoundPicture {
  const inRound = new Set<string>(round.businessAreas);
  const areas = AREA_ORDER.filter((a) => inRound.has(a));
  const rows: SubmittedArea[] = [];
  const progress = { expected: organizations.length, submitted: 0, draft: 0, returned: 0, notStarted: 0 };
  for (const o of organizations) {
    progress[o.state]++;
    const submitted = countedSubmission(o.report);
    if (!submitted) continue;
    for (const a of submitted.areas)
      if (inRound.has(a.area)) rows.push({ organizationId: o.organization.id, area: a.area, entry: a.entry });
  }
  const { byArea, total } = aggregateAreas(rows, areas);
  return { round, organizations, areas, rows, byArea, total, progress, totals: new Map() };
}

interface Cached {
  round: RoundRow;
  directory: object;
  picture: RoundPicture;
}

/**
 * A round's base picture, from memory: kept per round in a map that lives as long as the reports
 * view does not change, and rebuilt when the round itself or the council's organisations did.
 */
export async function roundPicture(round: RoundRow): Promise<RoundPicture> {
  const [cache, directory] = await Promise.all([
    reportsView.derived('status picture: by round', () => new Map<string, Cached>()),
    councilDirectory(),
  ]);
  const key = String(round._id);
  const hit = cache.get(key);
  if (hit && hit.round === round && hit.directory === directory) return hit.picture;
  const picture = buildPicture(round, await organizationsInRound(round));
  cache.set(key, { round, directory, picture });
  return picture;
}

/** The base picture of the round this one compares with, or null (none, or no longer known). */
export async function previousPicture(round: RoundRow): Promise<RoundPicture | null> {
  if (!round.previousRoundId) return null;
  const previous = (await roundsView.current()).get(String(round.previousRoundId));
  return previous ? roundPicture(previous) : null;
}

/** The figures of some of the round's areas together (each vendor counted once): a ministry's total. */
export function totalOver(picture: RoundPicture, areas: readonly string[]): AreaFigures {
  if (areas.length === picture.areas.length && areas.every((a, i) => picture.areas[i] === a)) return picture.total;
  const key = areas.join(',');
  let total = picture.totals.get(key);
  if (!total) {
    total = aggregateAreas(picture.rows, areas).total;
    picture.totals.set(key, total);
  }
  return total;
}

export type Scope = Overview['scope'];

/** `all`: the secretariat; `ministry`: a ministry, for the areas it oversees; `council`: vendors and bodies. */
export function scopeOf(actor: Actor): Scope {
  if (can(actor, 'status.manage')) return 'all';
  return personaOf(actor) === 'ministry' ? 'ministry' : 'council';
}

/** Whether the reader may see each vendor's figures for `area` (the secretariat; the ministry overseeing it). */
const readsFiguresOf = (actor: Actor, area: string) => decide(actor, 'status.readFigures', { areaMinistry: ministryOfArea(area) }).allowed;

const REFERENCE: Overview['reference'] = {
  asOf: MIGRATION_FIGURES.as_of,
  systemsTotal: MIGRATION_FIGURES.systems_total,
  specialSystems: MIGRATION_FIGURES.special_migration_systems,
  reasons: SPECIAL_MIGRATION_REASONS.map((r) => ({
    key: r.key as Overview['reference']['reasons'][number]['key'],
    systems: r.systems,
    municipalities: r.municipalities,
  })),
};

/**
 * The overview of a round as `actor` may see it. The secretariat sees every area; a ministry the
 * areas it oversees, with its total over those; vendors and bodies every area, but an area fewer
 * than MIN_VENDORS_SHOWN vendors submitted is withheld (figures and change null), and so is a change
 * whose previous figures came from fewer — either would let a vendor's own figures be read off — and
 * their total is over the areas shown (else a withheld area would come back by subtraction).
 */
export async function roundOverview(input: { actor: Actor; roundId: string }): Promise<Overview> {
  const { actor } = input;
  const round = await readableRound(actor, input.roundId);
  const [picture, previous] = await Promise.all([roundPicture(round), previousPicture(round)]);
  const scope = scopeOf(actor);
  const areas = scope === 'council' ? picture.areas : picture.areas.filter((a) => readsFiguresOf(actor, a));
  const shown = (f: AreaFigures | undefined) => Boolean(f) && (scope !== 'council' || f!.vendors >= MIN_VENDORS_SHOWN);
  // Vendors and bodies get the total over the areas they are shown only: a total over every area would
  // give a withheld area's figures back by subtraction. The total's change compares like with like: the
  // total's areas that the previous round had too (and, for them, showed).
  const totalAreas = scope === 'council' ? areas.filter((a) => shown(picture.byArea.get(a))) : areas;
  const total = scope === 'all' ? picture.total : totalOver(picture, totalAreas);
  const compared = previous
    ? totalAreas.filter((a) => previous.byArea.has(a) && (scope !== 'council' || shown(previous.byArea.get(a))))
    : [];
  const totalChange = previous && compared.length ? figuresChange(totalOver(picture, compared), totalOver(previous, compared)) : null;
  return {
    round: { id: String(round._id), title: round.title, state: round.state },
    previousRound: previous ? { id: String(previous.round._id), title: previous.round.title } : null,
    scope,
    progress: picture.progress,
    areas: areas.map((area) => {
      const now = picture.byArea.get(area)!;
      const before = previous?.byArea.get(area);
      const figures = shown(now) ? now : null;
      return { area, figures, change: figures && shown(before) ? figuresChange(now, before!) : null };
    }),
    total,
    totalChange,
    reference: REFERENCE,
  };
}

/** A vendor's place in a round as the views present it. */
export const vendorTypeOf = (o: CouncilOrganization) => o.vendorType ?? null;

/** The submitted entry of one area of a report (its last submission, whatever its state now), or null. */
export function submittedEntry(report: ReportRow | null, area: string): AreaEntry | null {
  return report?.submitted?.areas.find((a) => a.area === area)?.entry ?? null;
}

/**
 * Each vendor's submitted figures for one area of a round: the secretariat's, and a ministry's for
 * the areas it oversees (403 to anyone else). A report the secretariat returned is listed with its
 * state `returned`: its figures are not in the aggregates until it is submitted again.
 */
export async function areaDrillDown(input: { actor: Actor; roundId: string; area: BusinessAreaKey }): Promise<AreaDrillDown> {
  const { actor, area } = input;
  const round = await readableRound(actor, input.roundId);
  authorize(actor, 'status.readFigures', { areaMinistry: ministryOfArea(area) });
  if (!round.businessAreas.includes(area)) throw notFound('business area in this round');
  const picture = await roundPicture(round);
  const rows: AreaDrillDown['rows'] = [];
  for (const o of picture.organizations) {
    const entry = submittedEntry(o.report, area);
    if (!entry) continue;
    rows.push({ organization: organizationRef(o.organization), vendorType: vendorTypeOf(o.organization), state: o.state, entry });
  }
  return { round: { id: String(round._id), title: round.title }, area, rows };
}
