/** Loading meetings for a person: drafts are the secretariat's; the live room is for the invited. */
import type { Types } from 'mongoose';
import type { Actor } from '@shared/domain';
import { can, decide } from '@shared/permissions';
import { isInvited, isPublic, type MeetingStatus } from '@shared/meetings/rules';
import { conflict, forbidden, notFound } from '../http/errors';
import { MeetingModel, type MeetingDocument } from './model';

export function invitationOf(meeting: MeetingDocument) {
  return { kind: meeting.kind, extraInvitees: meeting.extraInvitees.map((o) => String(o.id)) };
}

export const invites = (meeting: MeetingDocument, actor: Actor) => isInvited(invitationOf(meeting), actor.organization);

/**
 * The online join URL, for the invited only: everyone reads a scheduled meeting, but the link is how one
 * gets in, so a support vendor or body not added to a consultation sees `null` (a plenary invites all).
 */
export const joinUrlFor = (meeting: MeetingDocument, actor: Actor): string | null =>
  invites(meeting, actor) ? (meeting.onlineUrl ?? null) : null;

export async function readableMeeting(actor: Actor, id: string | Types.ObjectId): Promise<MeetingDocument> {
  const decision = decide(actor, 'meeting.read');
  if (!decision.allowed) throw forbidden(decision.reason);
  const meeting = await MeetingModel.findById(id);
  if (!meeting || (!isPublic(meeting.status as MeetingStatus) && !can(actor, 'meeting.manage'))) throw notFound('meeting');
  return meeting;
}

export async function managedMeeting(actor: Actor, id: string): Promise<MeetingDocument> {
  const decision = decide(actor, 'meeting.manage');
  if (!decision.allowed) throw forbidden(decision.reason);
  const meeting = await MeetingModel.findById(id);
  if (!meeting) throw notFound('meeting');
  return meeting;
}

export function requireInvited(meeting: MeetingDocument, actor: Actor): void {
  if (!invites(meeting, actor)) throw forbidden('your organisation is not invited to this meeting');
}

/** Running the live room (the floor, hands, questions taken up, the current item): the secretariat, while it is live. */
export function requireManaging(actor: Actor, meeting: MeetingDocument): void {
  if (!can(actor, 'meeting.manage')) throw forbidden('only the secretariat runs the meeting');
  requireStatus(meeting, ['live'], 'run');
}

export function requireStatus(meeting: MeetingDocument, allowed: readonly MeetingStatus[], what: string): void {
  if (!allowed.includes(meeting.status as MeetingStatus))
    throw conflict(`${what}: the meeting is ${meeting.status} (needs ${allowed.join(' or ')})`);
}

/** What `minutesShownTo` reads of a meeting: its minutes' stage and its agenda's presenters. */
interface MinutesStage {
  minutes?: { publishedAt?: Date | null; circulatedAt?: Date | null } | null;
  agenda?: ReadonlyArray<{ presenter?: { id?: unknown } | null }> | null;
}

/**
 * Whether a reader of the meeting is shown its minutes: published ones to every reader; a draft to the secretariat,
 * and once circulated to the presenting organisations for confirmation. The meeting page (presenter.ts) and search
 * (server/search/kinds/meetings.ts) both ask this.
 */
export function minutesShownTo(actor: Actor, meeting: MinutesStage): boolean {
  const minutes = meeting.minutes;
  if (!minutes) return false;
  return Boolean(
    minutes.publishedAt ||
    actor.organization.kind === 'secretariat' ||
    (minutes.circulatedAt && (meeting.agenda ?? []).some((a) => String(a.presenter?.id) === actor.organization.id)),
  );
}
