/**
 * 開発状況調査 (reporting rounds): the secretariat writes a round as a draft, opens it to the vendors
 * (who are notified) and closes it; every round but a draft is listed for everyone. Reads come from
 * memory (roundReports.ts); each write is by `_id` — a state move a compare-and-set on the state it
 * moves from, so two secretariat members opening at once open (and notify) once.
 * Writes go validate → authorise → store → audit → announce (and notify, which only queues).
 */
import type { Actor } from '@shared/domain';
import { parseDateOnly } from '@shared/japanDates';
import { roundVerdicts } from '@shared/policies/statusReport';
import type { Round, RoundCreateBody, RoundList, RoundListQuery, RoundUpdateBody } from '@shared/schemas/statusReports';
import type { RoundState } from '@shared/statusReports/rules';
import { recordAudit } from '../audit/log';
import { enforce } from '../http/authorize';
import { badRequest, conflict } from '../http/errors';
import type { Notifier } from '../notifications/types';
import type { UserWithOrganization } from '../users/model';
import { personOf } from '../users/person';
import { toActor } from '../users/presenter';
import { managedRound, maySeeRound, visibleRound } from './access';
import type { StatusBroadcast } from './broadcast';
import { roundsView, StatusRoundModel, type RoundRow } from './model';
import { notifyRound } from './notices';
import { presentRound } from './presenter';
import { organizationsInRound, roundById, roundsNewestFirst } from './roundReports';

/** A round as `actor` sees it: with the organisations expected and submitted, and the reader's own report. */
export async function presentRoundFor(actor: Actor, round: RoundRow): Promise<Round> {
  const [organizations, rounds] = await Promise.all([organizationsInRound(round), roundsView.current()]);
  const mine = organizations.find((o) => o.organization.id === actor.organization.id);
  return presentRound(round, actor, {
    previousRound: round.previousRoundId ? (rounds.get(String(round.previousRoundId)) ?? null) : null,
    myReport: mine ? { state: mine.state, version: mine.report?.version ?? 0 } : null,
    counts: { expected: organizations.length, submitted: organizations.filter((o) => o.state === 'submitted').length },
  });
}

/** Every round the reader may see (the secretariat: drafts too), newest first; `state` filters. */
export async function listRounds(input: { actor: Actor; query: RoundListQuery }): Promise<RoundList> {
  const { actor, query } = input;
  const rounds = (await roundsNewestFirst()).filter((r) => maySeeRound(actor, r) && (!query.state || r.state === query.state));
  return { rounds: await Promise.all(rounds.map((r) => presentRoundFor(actor, r))) };
}

export async function roundDetail(input: { actor: Actor; roundId: string }): Promise<Round> {
  return presentRoundFor(input.actor, await visibleRound(input.actor, input.roundId));
}

const auditTarget = (round: Pick<RoundRow, '_id' | 'title'>) => ({ kind: 'statusRound', id: String(round._id), label: round.title });

/** A new round, as a draft (the secretariat). */
export async function createRound(input: {
  user: UserWithOrganization;
  body: RoundCreateBody;
  broadcast: StatusBroadcast;
}): Promise<Round> {
  const { user, body, broadcast } = input;
  const actor = toActor(user);
  enforce(roundVerdicts(actor, { state: 'draft' }).edit);
  const created = await StatusRoundModel.create({
    title: body.title,
    periodStart: parseDateOnly(body.periodStart)!,
    periodEnd: parseDateOnly(body.periodEnd)!,
    deadline: new Date(body.deadline),
    businessAreas: body.businessAreas,
    note: body.note,
    createdBy: personOf(user),
  });
  const round = await roundById(String(created._id));
  await recordAudit({
    actor: user,
    action: 'status.roundCreated',
    target: auditTarget(round),
    detail: { areas: round.businessAreas.length },
  });
  broadcast.roundChanged(String(round._id), 'draft');
  return presentRoundFor(actor, round);
}

/**
 * Change a round: a draft freely; an open round's title, deadline and note only — its areas and period
 * are what the vendors report against (409); a closed round not at all (409).
 */
export async function updateRound(input: {
  user: UserWithOrganization;
  roundId: string;
  body: RoundUpdateBody;
  broadcast: StatusBroadcast;
}): Promise<Round> {
  const { user, body, broadcast } = input;
  const actor = toActor(user);
  const round = await managedRound(actor, input.roundId);
  enforce(roundVerdicts(actor, { state: round.state as RoundState }).edit);
  const fixed = (['businessAreas', 'periodStart', 'periodEnd'] as const).filter((f) => body[f] !== undefined);
  if (round.state !== 'draft' && fixed.length)
    throw conflict(`this round is ${round.state}; its business areas and period change only while it is a draft`, `body.${fixed[0]}`);
  const periodStart = body.periodStart ? parseDateOnly(body.periodStart)! : round.periodStart;
  const periodEnd = body.periodEnd ? parseDateOnly(body.periodEnd)! : round.periodEnd;
  if (periodStart > periodEnd) {
    const field = body.periodEnd ? 'body.periodEnd' : 'body.periodStart';
    throw badRequest(`${field}: the period must end on or after the day it starts`, field);
  }
  const set: Record<string, unknown> = {};
  if (body.title !== undefined) set.title = body.title;
  if (body.note !== undefined) set.note = body.note;
  if (body.deadline !== undefined) set.deadline = new Date(body.deadline);
  if (body.businessAreas !== undefined) set.businessAreas = body.businessAreas;
  if (body.periodStart !== undefined) set.periodStart = periodStart;
  if (body.periodEnd !== undefined) set.periodEnd = periodEnd;
  // Only from the state it was read in: a round opened or closed meanwhile is refused as it would have been.
  const moved = await StatusRoundModel.updateOne({ _id: round._id, state: round.state }, { $set: set });
  if (moved.matchedCount !== 1) throw conflict('the round changed state meanwhile; load it again');
  const updated = await roundById(input.roundId);
  await recordAudit({ actor: user, action: 'status.roundChanged', target: auditTarget(updated), detail: { fields: Object.keys(set) } });
  broadcast.roundChanged(input.roundId, updated.state as RoundState);
  return presentRoundFor(actor, updated);
}

/** The round opened last before `round` (what "change since the previous round" compares with), if any. */
async function lastOpenedBefore(round: RoundRow): Promise<RoundRow | null> {
  let last: RoundRow | null = null;
  for (const r of (await roundsView.current()).values()) {
    if (r._id.equals(round._id) || !r.openedAt) continue;
    if (!last || r.openedAt > last.openedAt!) last = r;
  }
  return last;
}

/** Open a draft: the vendors expected to report are told and notified. */
export async function openRound(input: {
  user: UserWithOrganization;
  roundId: string;
  broadcast: StatusBroadcast;
  notifier: Notifier;
}): Promise<Round> {
  const { user, broadcast, notifier } = input;
  const actor = toActor(user);
  const round = await managedRound(actor, input.roundId);
  enforce(roundVerdicts(actor, { state: round.state as RoundState }).open);
  const previous = await lastOpenedBefore(round);
  const moved = await StatusRoundModel.updateOne(
    { _id: round._id, state: 'draft' },
    { $set: { state: 'open', openedAt: new Date(), previousRoundId: previous?._id ?? null } },
  );
  if (moved.matchedCount !== 1) enforce(roundVerdicts(actor, { state: 'open' }).open);
  const opened = await roundById(input.roundId);
  const expected = (await organizationsInRound(opened)).map((o) => o.organization.id);
  await recordAudit({
    actor: user,
    action: 'status.opened',
    target: auditTarget(opened),
    detail: { organizations: expected.length, previousRoundId: previous ? String(previous._id) : null },
  });
  broadcast.roundChanged(input.roundId, 'open');
  await notifyRound('status.opened', opened, { user, notifier, organizationIds: expected });
  return presentRoundFor(actor, opened);
}

/** Close an open round: its reports are fixed as they are; it stays readable. */
export async function closeRound(input: { user: UserWithOrganization; roundId: string; broadcast: StatusBroadcast }): Promise<Round> {
  const { user, broadcast } = input;
  const actor = toActor(user);
  const round = await managedRound(actor, input.roundId);
  enforce(roundVerdicts(actor, { state: round.state as RoundState }).close);
  const moved = await StatusRoundModel.updateOne({ _id: round._id, state: 'open' }, { $set: { state: 'closed', closedAt: new Date() } });
  if (moved.matchedCount !== 1) enforce(roundVerdicts(actor, { state: 'closed' }).close);
  const closed = await roundById(input.roundId);
  const organizations = await organizationsInRound(closed);
  await recordAudit({
    actor: user,
    action: 'status.closed',
    target: auditTarget(closed),
    detail: { expected: organizations.length, submitted: organizations.filter((o) => o.state === 'submitted').length },
  });
  broadcast.roundChanged(input.roundId, 'closed');
  return presentRoundFor(actor, closed);
}
