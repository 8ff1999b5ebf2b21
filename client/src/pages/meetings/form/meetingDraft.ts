/**
 * The meeting form's state, as the inputs hold it (strings), and how it becomes the request
 * body the shared schemas check. Times are entered in Japan time (see common/japanTime).
 */
import type { MeetingKind } from '@shared/meetings/rules';
import { isHybrid } from '@shared/meetings/rules';
import type { IssueRef } from '@shared/schemas/issues';
import type { Meeting } from '@shared/schemas/meetings';
import type { ThreadRef } from '@client/queries/threads';
import { fromJapanInputValue, toJapanInputValue } from '../common/japanTime';

export interface AgendaDraft {
  /** React's key for the row; stays with the item while it is moved. */
  key: string;
  /** The stored item's id when editing, so links, materials and minutes stay with it. */
  id?: string;
  title: string;
  /** '' for no presenter. */
  presenterOrganizationId: string;
  minutes: string;
  issues: IssueRef[];
  threads: ThreadRef[];
}

export interface MeetingDraft {
  kind: MeetingKind;
  title: string;
  /** datetime-local values, Japan time. */
  startsAt: string;
  endsAt: string;
  onlineUrl: string;
  venue: string;
  capacity: string;
  description: string;
  agenda: AgendaDraft[];
  extraInviteeIds: string[];
}

export const DEFAULT_AGENDA_MINUTES = '15';

export const newAgendaItem = (): AgendaDraft => ({
  key: crypto.randomUUID(),
  title: '',
  presenterOrganizationId: '',
  minutes: DEFAULT_AGENDA_MINUTES,
  issues: [],
  threads: [],
});

export function emptyDraft(): MeetingDraft {
  return {
    kind: 'plenary',
    title: '',
    startsAt: '',
    endsAt: '',
    onlineUrl: '',
    venue: '',
    capacity: '',
    description: '',
    agenda: [],
    extraInviteeIds: [],
  };
}

export function draftFromMeeting(meeting: Meeting): MeetingDraft {
  return {
    kind: meeting.kind,
    title: meeting.title,
    startsAt: toJapanInputValue(meeting.startsAt),
    endsAt: toJapanInputValue(meeting.endsAt),
    onlineUrl: meeting.onlineUrl ?? '',
    venue: meeting.venue ?? '',
    capacity: meeting.capacity === null ? '' : String(meeting.capacity),
    description: meeting.description,
    agenda: meeting.agenda.map((item) => ({
      key: item.id,
      id: item.id,
      title: item.title,
      presenterOrganizationId: item.presenter?.id ?? '',
      minutes: String(item.minutes),
      issues: item.issues,
      threads: item.threads,
    })),
    extraInviteeIds: meeting.extraInvitees.map((o) => o.id),
  };
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());
const numberOrNull = (value: string) => (value.trim() === '' ? null : Number(value));

/**
 * The body both schemas read (MeetingCreateBody with `kind`, MeetingUpdateBody without). A plenary
 * is online only, so its venue, capacity and extra invitees are dropped rather than refused.
 */
export function bodyOf(draft: MeetingDraft) {
  const hybrid = isHybrid(draft.kind);
  return {
    title: draft.title,
    startsAt: fromJapanInputValue(draft.startsAt),
    endsAt: fromJapanInputValue(draft.endsAt),
    onlineUrl: orNull(draft.onlineUrl),
    venue: hybrid ? orNull(draft.venue) : null,
    capacity: hybrid ? numberOrNull(draft.capacity) : null,
    description: draft.description,
    agenda: draft.agenda.map((item) => ({
      ...(item.id ? { id: item.id } : {}),
      title: item.title,
      presenterOrganizationId: item.presenterOrganizationId || null,
      minutes: Number(item.minutes),
      issueIds: item.issues.map((i) => i.id),
      threadIds: item.threads.map((t) => t.id),
    })),
    extraInviteeIds: hybrid ? draft.extraInviteeIds : [],
  };
}

/** The agenda's time boxes added up, to compare with the meeting's length. */
export function agendaMinutes(draft: MeetingDraft): number {
  return draft.agenda.reduce((sum, item) => sum + (Number.isFinite(Number(item.minutes)) ? Number(item.minutes) : 0), 0);
}

/** The meeting's length in minutes, when both times are filled in. */
export function meetingMinutes(draft: MeetingDraft): number | null {
  const start = Date.parse(fromJapanInputValue(draft.startsAt));
  const end = Date.parse(fromJapanInputValue(draft.endsAt));
  return Number.isFinite(start) && Number.isFinite(end) && end > start ? Math.round((end - start) / 60_000) : null;
}
