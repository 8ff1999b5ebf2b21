/** What leaves the server of a round, a report, its versions and a reminder: never a stored document as it is. */
import type { Actor } from '@shared/domain';
import { dateOnly, todayInJapan } from '@shared/japanDates';
import { reportAbilities, roundAbilities, type ReportFacts } from '@shared/policies/statusReport';
import type { BusinessAreaKey } from '@shared/reference/council';
import type { Report, ReportArea, Round, RoundRef, StatusReminder } from '@shared/schemas/statusReports';
import {
  emptyAreaEntry,
  reportProblems,
  SPECIAL_REASON_KEYS,
  type AreaEntry,
  type ReportState,
  type RoundState,
} from '@shared/statusReports/rules';
import type { CouncilOrganization } from '../announcements/audience';
import { presentPerson } from '../users/person';
import type { ReminderRecord, ReportRow, RoundRow } from './model';
import type { ReportSight } from './access';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/** The day it is in Japan, as the rules compare dates (`YYYY-MM-DD`). */
export const todayForRules = () => dateOnly(todayInJapan())!;

export const roundRef = (round: Pick<RoundRow, '_id' | 'title'>): RoundRef => ({ id: String(round._id), title: round.title });

export const organizationRef = (o: Pick<CouncilOrganization, 'id' | 'nameJa' | 'nameEn'>) => ({
  id: o.id,
  nameJa: o.nameJa,
  nameEn: o.nameEn,
});

/** A stored entry as the schema describes it: fields a later version added are filled in empty. */
export function entryOf(stored: Partial<AreaEntry> | null | undefined): AreaEntry {
  const empty = emptyAreaEntry();
  if (!stored) return empty;
  const special = Object.fromEntries(SPECIAL_REASON_KEYS.map((k) => [k, stored.special?.[k] ?? null])) as AreaEntry['special'];
  return { ...empty, ...stored, special, blockingIssues: [...(stored.blockingIssues ?? [])] };
}

/** The facts of what one reader may do with a round; counts and their report come from roundReports.ts. */
export interface RoundExtras {
  previousRound: RoundRow | null;
  myReport: { state: ReportState; version: number } | null;
  counts: { expected: number; submitted: number };
}

export function presentRound(round: RoundRow, actor: Actor, extra: RoundExtras): Round {
  return {
    id: String(round._id),
    title: round.title,
    periodStart: dateOnly(round.periodStart)!,
    periodEnd: dateOnly(round.periodEnd)!,
    deadline: round.deadline.toISOString(),
    businessAreas: [...round.businessAreas] as BusinessAreaKey[],
    note: round.note ?? '',
    state: round.state as RoundState,
    createdAt: round.createdAt.toISOString(),
    openedAt: iso(round.openedAt),
    closedAt: iso(round.closedAt),
    previousRound: extra.previousRound ? roundRef(extra.previousRound) : null,
    myReport: extra.myReport,
    counts: extra.counts,
    abilities: roundAbilities(actor, { state: round.state as RoundState }),
  };
}

/** One report's areas with their entries, as the rules and the versions take them (all of them, in council order). */
export function effectiveEntries(
  report: ReportRow | null,
  areas: readonly BusinessAreaKey[],
): Array<{ area: BusinessAreaKey; entry: AreaEntry }> {
  return areas.map((area) => ({ area, entry: entryOf(report?.areas?.[area]) }));
}

/**
 * One organisation's report in a round as `sight` lets the reader see it; a report never saved is
 * shown empty (`id` null, `notStarted`) with the areas its profile gives it in the round.
 */
export function presentReport(input: {
  round: RoundRow;
  report: ReportRow | null;
  areas: readonly BusinessAreaKey[];
  sight: ReportSight;
  actor: Actor;
  statusReporter: boolean;
}): Report {
  const { round, report, sight, actor } = input;
  // A ministry reads the last submission (its areas as submitted), never the draft being typed.
  const submitted = sight.seesDrafts ? null : (report?.submitted?.areas ?? []);
  const visible = (submitted ? submitted.map((a) => a.area as BusinessAreaKey) : input.areas).filter((a) => sight.seesArea(a));
  const entries = submitted
    ? visible.map((area) => ({ area, entry: entryOf(submitted.find((a) => a.area === area)?.entry) }))
    : effectiveEntries(report, visible);
  // Areas added or removed, with their reasons, are the draft's (a submission does not keep them): not a ministry's.
  const added = sight.seesDrafts ? (report?.added ?? []).filter((a) => sight.seesArea(a.area)) : [];
  const addedAreas = new Set(added.map((a) => a.area));
  const areas: ReportArea[] = entries.map(({ area, entry }) => ({ area, source: addedAreas.has(area) ? 'added' : 'profile', entry }));
  const state: ReportState = report ? (report.state as ReportState) : 'notStarted';
  // A ministry is not told of the draft being typed: its last change is the submission it reads.
  const last = sight.seesDrafts
    ? { at: report?.updatedAt, by: report?.updatedBy }
    : { at: report?.submitted?.at, by: report?.submitted?.by };
  return {
    id: report ? String(report._id) : null,
    round: { ...roundRef(round), state: round.state as RoundState, deadline: round.deadline.toISOString() },
    organization: organizationRef(sight.organization),
    state,
    version: report?.version ?? 0,
    areas,
    added: added.map((a) => ({ area: a.area as BusinessAreaKey, reason: a.reason })),
    removed: (sight.seesDrafts ? (report?.removed ?? []) : [])
      .filter((a) => sight.seesArea(a.area))
      .map((a) => ({ area: a.area as BusinessAreaKey, reason: a.reason })),
    comment: sight.seesComment ? (report?.comment ?? '') : null,
    updatedAt: iso(last.at),
    updatedBy: last.by ? presentPerson(last.by) : null,
    submittedAt: iso(report?.submitted?.at),
    submittedBy: report?.submitted?.by ? presentPerson(report.submitted.by) : null,
    returned: report?.returned
      ? { reason: report.returned.reason, by: presentPerson(report.returned.by), at: report.returned.at.toISOString() }
      : null,
    problems: sight.seesDrafts ? reportProblems(entries, { complete: true, today: todayForRules() }) : [],
    abilities: reportAbilities(actor, reportFacts(round, report, sight.organization.id, input.statusReporter)),
  };
}

export function reportFacts(round: RoundRow, report: ReportRow | null, organizationId: string, statusReporter: boolean): ReportFacts {
  return {
    organizationId,
    roundState: round.state as RoundState,
    state: report ? (report.state as ReportState) : 'notStarted',
    statusReporter,
  };
}

export function presentReminder(r: ReminderRecord): StatusReminder {
  return { id: String(r._id), by: presentPerson(r.by), at: r.at.toISOString(), organizations: r.organizations, people: r.people };
}
