/**
 * A vendor's report in a round: read (as far as the reader may: access.ts), saved as a draft as it is
 * typed, submitted (each submission a version), returned by the secretariat for correction, and its
 * versions side by side with the previous round's submission.
 *
 * Storage (model.ts): the first save claims the organisation's one report in the round by a unique
 * insert; each save is then ONE `updateOne` by `_id` that `$set`s only the areas it was given (two
 * members typing different areas keep both); a submission claims its version number by inserting
 * `<reportId>:<n>` (two submissions at once make one version). Reads come from memory.
 */
import mongoose, { type Types } from 'mongoose';
import type { Actor } from '@shared/domain';
import { reportVerdicts } from '@shared/policies/statusReport';
import type { Report, ReportDraftBody, ReportVersions, ReturnBody } from '@shared/schemas/statusReports';
import { PROBLEM_MESSAGES, reportAreas, reportProblems, type ReportState } from '@shared/statusReports/rules';
import { recordAudit } from '../audit/log';
import { isDuplicateKey } from '../db/keys';
import { enforce } from '../http/authorize';
import { badRequest, conflict } from '../http/errors';
import { registerView } from '../issues/registerView';
import type { Notifier } from '../notifications/types';
import type { CouncilOrganization } from '../announcements/audience';
import type { UserWithOrganization } from '../users/model';
import { personOf, presentPerson } from '../users/person';
import { toActor } from '../users/presenter';
import { isStatusReporter, readableReport, visibleRound, type ReportSight } from './access';
import type { StatusBroadcast } from './broadcast';
import {
  roundsView,
  StatusReportModel,
  StatusReportVersionModel,
  versionKey,
  type ReportRow,
  type RoundRow,
  type SubmittedContent,
  type VersionRecord,
} from './model';
import { notifyReturned } from './notices';
import { effectiveEntries, entryOf, presentReport, reportFacts, roundRef, todayForRules } from './presenter';
import { areasOf, reportOf } from './roundReports';

/** The round, what the reader sees of the organisation, its report and whether the reader may submit it. */
async function reportContext(actor: Actor, roundId: string, organizationId: string) {
  const round = await visibleRound(actor, roundId);
  const sight = await readableReport(actor, organizationId);
  const [report, statusReporter] = await Promise.all([reportOf(roundId, organizationId), isStatusReporter(actor, organizationId)]);
  return { round, sight, report, statusReporter };
}

function present(actor: Actor, c: { round: RoundRow; sight: ReportSight; report: ReportRow | null; statusReporter: boolean }): Report {
  return presentReport({ ...c, actor, areas: areasOf(c.round, c.sight.organization, c.report) });
}

const auditTarget = (round: RoundRow, organization: CouncilOrganization, report: { _id: Types.ObjectId }) => ({
  kind: 'statusReport',
  id: String(report._id),
  label: `${round.title}：${organization.nameJa}`,
});

export async function reportDetail(input: { actor: Actor; roundId: string; organizationId: string }): Promise<Report> {
  return present(input.actor, await reportContext(input.actor, input.roundId, input.organizationId));
}

/**
 * The areas a draft adds and removes, checked against the round and the profile: an added area must
 * be one of the round's and not already the profile's; a removed one must be the profile's. A 400
 * names the first that is not (`body.added.<n>.area`).
 */
function checkAreaChanges(round: RoundRow, organization: CouncilOrganization, body: ReportDraftBody): void {
  const inRound = new Set<string>(round.businessAreas);
  const profile = new Set<string>(organization.businessAreas);
  const check = (list: 'added' | 'removed', problem: (area: string) => string | null) =>
    body[list]?.forEach((change, i) => {
      const field = `body.${list}.${i}.area`;
      const found = body[list]!.findIndex((c) => c.area === change.area) !== i ? 'each business area once' : problem(change.area);
      if (found) throw badRequest(`${field}: ${found}`, field);
    });
  check('added', (area) =>
    !inRound.has(area)
      ? 'this business area is not one of the round’s'
      : profile.has(area)
        ? 'this business area is already in the organisation’s profile'
        : null,
  );
  check('removed', (area) => (profile.has(area) ? null : 'this business area is not in the organisation’s profile'));
}

/** The organisation's one report in the round: claimed by a unique insert; a second claimant finds the first's. */
async function claimReport(round: RoundRow, organizationId: string): Promise<Types.ObjectId> {
  const key = { roundId: round._id, organizationId: new mongoose.Types.ObjectId(organizationId) };
  try {
    return (await StatusReportModel.create(key))._id;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    // The unique index's own lookup: only when two first saves met.
    const first = await StatusReportModel.findOne(key, { _id: 1 }).lean();
    if (!first) throw err;
    return first._id;
  }
}

/**
 * Save a draft as it is typed. The areas given replace those areas whole (any others are left as they
 * are); `added`/`removed` and the comment replace theirs when given. A submitted report becomes a draft
 * again; a returned one stays returned until it is submitted.
 */
export async function saveDraft(input: {
  user: UserWithOrganization;
  roundId: string;
  organizationId: string;
  body: ReportDraftBody;
  broadcast: StatusBroadcast;
}): Promise<Report> {
  const { user, body, roundId, organizationId } = input;
  const actor = toActor(user);
  const { round, sight, report, statusReporter } = await reportContext(actor, roundId, organizationId);
  enforce(reportVerdicts(actor, reportFacts(round, report, organizationId, statusReporter)).edit);
  checkAreaChanges(round, sight.organization, body);
  const areas = new Set<string>(
    reportAreas({
      roundAreas: round.businessAreas,
      profileAreas: sight.organization.businessAreas ?? [],
      added: body.added ?? report?.added ?? [],
      removed: body.removed ?? report?.removed ?? [],
    }),
  );
  for (const area of Object.keys(body.areas ?? {})) {
    if (!areas.has(area)) throw badRequest(`body.areas.${area}: this business area is not one of the report’s`, `body.areas.${area}`);
  }
  const id = report?._id ?? (await claimReport(round, organizationId));
  const set: Record<string, unknown> = { updatedAt: new Date(), updatedBy: personOf(user) };
  for (const [area, entry] of Object.entries(body.areas ?? {})) set[`areas.${area}`] = entry;
  if (body.comment !== undefined) set.comment = body.comment;
  if (body.added !== undefined) set.added = body.added;
  if (body.removed !== undefined) set.removed = body.removed;
  await StatusReportModel.updateOne({ _id: id }, { $set: set });
  // A change makes a submitted report a draft again — decided by what is stored, not by what was read
  // before this save (a submission landing in between would otherwise stay, with other content).
  await StatusReportModel.updateOne({ _id: id, state: 'submitted' }, { $set: { state: 'draft' } });
  const saved = await reportOf(roundId, organizationId);
  input.broadcast.reportChanged(roundId, organizationId, saved!.state as ReportState);
  return present(actor, { round, sight, report: saved, statusReporter });
}

/** The register's issue numbers (`2026-0012`), from memory, once per change to the register. */
const issueNumbers = () =>
  registerView.derived('status reports: issue numbers', (rows) => new Set([...rows.values()].map((r) => r.number)));

/**
 * The version `version` exists but the report may not say so: another submission is between its two
 * writes, or one stopped there (a crash). Either way the report is brought to that version from the
 * version's own content — the same write the submission makes, so doing it twice changes nothing —
 * and the organisation can submit again instead of meeting the same number forever.
 */
async function recordOrphanVersion(reportId: Types.ObjectId, version: number): Promise<void> {
  const [report, claimed] = await Promise.all([
    StatusReportModel.findById(reportId, { version: 1 }).lean<{ version: number }>(),
    StatusReportVersionModel.findById(versionKey(reportId, version)).lean<VersionRecord>(),
  ]);
  if (!report || !claimed || report.version >= version) return;
  const content: SubmittedContent = { at: claimed.at, by: claimed.by, version, areas: claimed.areas, comment: claimed.comment ?? '' };
  await StatusReportModel.updateOne({ _id: reportId }, { $set: { state: 'submitted', version, submitted: content, returned: null } });
}

/**
 * Submit: every rule with `complete` (the first problem → 400 naming its field, e.g.
 * `areas.family-register.migrated`), every blocking issue in the register; then the next version is
 * claimed (a duplicate: 409, submitted meanwhile) and the report records it as its submission.
 */
export async function submitReport(input: {
  user: UserWithOrganization;
  roundId: string;
  organizationId: string;
  broadcast: StatusBroadcast;
}): Promise<Report> {
  const { user, roundId, organizationId } = input;
  const actor = toActor(user);
  const { round, sight, report, statusReporter } = await reportContext(actor, roundId, organizationId);
  enforce(reportVerdicts(actor, reportFacts(round, report, organizationId, statusReporter)).submit);
  const stored = report!;
  const entries = effectiveEntries(stored, areasOf(round, sight.organization, stored));
  const [problem] = reportProblems(entries, { complete: true, today: todayForRules() });
  if (problem) throw badRequest(`${problem.field}: ${PROBLEM_MESSAGES[problem.code].en}`, problem.field);
  const numbers = await issueNumbers();
  for (const { area, entry } of entries) {
    entry.blockingIssues.forEach((number, i) => {
      const field = `areas.${area}.blockingIssues.${i}`;
      if (!numbers.has(number)) throw badRequest(`${field}: there is no issue ${number} in the register`, field);
    });
  }
  const version = stored.version + 1;
  const content: SubmittedContent = { at: new Date(), by: personOf(user), version, areas: entries, comment: stored.comment ?? '' };
  try {
    await StatusReportVersionModel.create({
      _id: versionKey(stored._id, version),
      reportId: stored._id,
      roundId: round._id,
      organizationId: stored.organizationId,
      ...content,
    });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    await recordOrphanVersion(stored._id, version);
    throw conflict('this report was submitted meanwhile; load it again');
  }
  await StatusReportModel.updateOne({ _id: stored._id }, { $set: { state: 'submitted', version, submitted: content, returned: null } });
  await recordAudit({
    actor: user,
    action: 'status.submitted',
    target: auditTarget(round, sight.organization, stored),
    detail: { version, areas: entries.length },
  });
  const submitted = await reportOf(roundId, organizationId);
  input.broadcast.reportChanged(roundId, organizationId, 'submitted');
  return present(actor, { round, sight, report: submitted, statusReporter });
}

/** The secretariat returns a submitted report for correction, with the reason; the organisation is notified. */
export async function returnReport(input: {
  user: UserWithOrganization;
  roundId: string;
  organizationId: string;
  body: ReturnBody;
  broadcast: StatusBroadcast;
  notifier: Notifier;
}): Promise<Report> {
  const { user, roundId, organizationId, body, notifier } = input;
  const actor = toActor(user);
  const { round, sight, report, statusReporter } = await reportContext(actor, roundId, organizationId);
  enforce(reportVerdicts(actor, reportFacts(round, report, organizationId, statusReporter)).return);
  const stored = report!;
  // Only a submitted report: one changed (or returned) meanwhile is refused as it would have been.
  const moved = await StatusReportModel.updateOne(
    { _id: stored._id, state: 'submitted' },
    { $set: { state: 'returned', returned: { reason: body.reason, by: personOf(user), at: new Date() } } },
  );
  if (moved.matchedCount !== 1) throw conflict('this report changed meanwhile; only a submitted report is returned');
  await recordAudit({
    actor: user,
    action: 'status.returned',
    target: auditTarget(round, sight.organization, stored),
    detail: { version: stored.version, reason: body.reason },
  });
  const returned = await reportOf(roundId, organizationId);
  input.broadcast.reportChanged(roundId, organizationId, 'returned');
  await notifyReturned(round, organizationId, { user, notifier, reason: body.reason });
  return present(actor, { round, sight, report: returned, statusReporter });
}

/** Only the areas (and the comment) the reader may see of one submission. */
const visibleContent = (sight: ReportSight, areas: SubmittedContent['areas'], comment: string) => ({
  areas: areas
    .filter((a) => sight.seesArea(a.area))
    .map((a) => ({ area: a.area, entry: entryOf(a.entry) })) as ReportVersions['versions'][number]['areas'],
  comment: sight.seesComment ? comment : null,
});

/**
 * Every submission of a report, newest first (by `_id` `$in` of the numbers it counts), and the same
 * organisation's last submission in the round this one compares with (from memory).
 */
export async function reportVersions(input: { actor: Actor; roundId: string; organizationId: string }): Promise<ReportVersions> {
  const { actor, roundId, organizationId } = input;
  const { round, sight, report } = await reportContext(actor, roundId, organizationId);
  const keys = report ? Array.from({ length: report.version }, (_, i) => versionKey(report._id, i + 1)) : [];
  const rows = keys.length ? await StatusReportVersionModel.find({ _id: mongoose.trusted({ $in: keys }) }).lean<VersionRecord[]>() : [];
  const previousRound = round.previousRoundId ? (await roundsView.current()).get(String(round.previousRoundId)) : undefined;
  const previous = previousRound ? (await reportOf(String(previousRound._id), organizationId))?.submitted : null;
  return {
    versions: rows
      .sort((a, b) => b.version - a.version)
      .map((v) => ({
        version: v.version,
        submittedAt: new Date(v.at).toISOString(),
        submittedBy: presentPerson(v.by),
        ...visibleContent(sight, v.areas, v.comment ?? ''),
      })),
    previousRound:
      previousRound && previous ? { round: roundRef(previousRound), areas: visibleContent(sight, previous.areas, '').areas } : null,
  };
}
