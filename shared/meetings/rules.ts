/**
 * Meetings: the two kinds the source names, their statuses, and who each invites. A plenary
 * (全体会議, online) invites every vendor organisation, the observers and the secretariat; an issue
 * consultation (課題協議会議, hybrid) invites development vendors, the ministries and the
 * secretariat, plus any support vendor or body the secretariat adds.
 */
import type { ActorOrganization } from '../domain';

export const MEETING_KINDS = ['plenary', 'consultation'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_LABELS: Record<MeetingKind, { ja: string; en: string }> = {
  plenary: { ja: '全体会議', en: 'Plenary meeting' },
  consultation: { ja: '課題協議会議', en: 'Issue consultation meeting' },
};

export const MEETING_STATUSES = ['draft', 'scheduled', 'live', 'ended', 'minutesPublished', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MEETING_STATUS_LABELS: Record<MeetingStatus, { ja: string; en: string }> = {
  draft: { ja: '下書き', en: 'Draft' },
  scheduled: { ja: '開催予定', en: 'Scheduled' },
  live: { ja: '開催中', en: 'Live' },
  ended: { ja: '終了', en: 'Ended' },
  minutesPublished: { ja: '議事録公開済', en: 'Minutes published' },
  cancelled: { ja: '中止', en: 'Cancelled' },
};

export const RSVP_RESPONSES = ['online', 'inPerson', 'absent'] as const;
export type RsvpResponse = (typeof RSVP_RESPONSES)[number];
export const RSVP_LABELS: Record<RsvpResponse, { ja: string; en: string }> = {
  online: { ja: 'オンライン参加', en: 'Attending online' },
  inPerson: { ja: '会場参加', en: 'Attending in person' },
  absent: { ja: '欠席', en: 'Not attending' },
};

/** Hybrid meetings have a venue; only they take in-person attendance. */
export const isHybrid = (kind: MeetingKind) => kind === 'consultation';

export interface InvitationFacts {
  kind: MeetingKind;
  /** Organisations the secretariat added (support vendors, bodies) to a consultation. */
  extraInvitees: readonly string[];
}

export function isInvited(meeting: InvitationFacts, org: ActorOrganization): boolean {
  if (org.kind === 'secretariat') return true;
  if (meeting.kind === 'plenary') return org.kind === 'vendor' || org.kind === 'observer';
  if (org.kind === 'vendor' && org.vendorType === 'development') return true;
  if (org.kind === 'observer' && org.observerKind === 'ministry') return true;
  return meeting.extraInvitees.includes(org.id);
}

/** Meetings are read by everyone once scheduled; drafts only by the secretariat. */
export const isPublic = (status: MeetingStatus) => status !== 'draft';

/**
 * The status moves the secretariat makes by hand (anything else is refused with 409). Minutes are
 * published by publishing them, which moves an ended meeting to minutesPublished.
 */
export const STATUS_MOVES: Record<MeetingStatus, readonly MeetingStatus[]> = {
  draft: ['scheduled', 'cancelled'],
  scheduled: ['live', 'cancelled', 'draft'],
  live: ['ended'],
  ended: [],
  minutesPublished: [],
  cancelled: [],
};

/** The question queue's order: the one taken up first, then open ones by support and time, answered last. */
export function queueOrder<Q extends { status: 'open' | 'current' | 'answered'; supportCount: number; at: string }>(
  questions: readonly Q[],
): Q[] {
  const rank = { current: 0, open: 1, answered: 2 } as const;
  return [...questions].sort((a, b) => rank[a.status] - rank[b.status] || b.supportCount - a.supportCount || a.at.localeCompare(b.at));
}
