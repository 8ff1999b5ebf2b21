/**
 * Meetings in "search everywhere": each meeting gives three items — the meeting (title, description, venue), its
 * agenda (the items' titles and presenters) and its minutes (summaries, decisions, action items). Who reads them is
 * the meeting page's rule (GET /meetings/:id: server/meetings/access.ts `readableMeeting`), and for the minutes
 * also the rule by which that page shows them (server/meetings/presenter.ts `presentMeeting`).
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import mongoose from 'mongoose';
import type { Actor } from '@shared/domain';
import { JAPAN_TIME_ZONE } from '@shared/japanDates';
import { isPublic, MEETING_KIND_LABELS, type MeetingKind, type MeetingStatus } from '@shared/meetings/rules';
import { can, decide } from '@shared/permissions';
import type { SearchKind } from '@shared/schemas/search';
import { MEETING_SEARCH_FIELDS, MeetingModel } from '../../meetings/model';
import { minutesShownTo } from '../../meetings/access';
import type { FoundItem, IndexEntry, SearchSource } from './types';

type OrgRef = { id?: unknown; nameJa?: string | null } | null | undefined;

/** A stored meeting as search reads it: a hydrated document and a lean one alike. */
export interface SearchedMeeting {
  _id: unknown;
  kind: string;
  title: string;
  description?: string | null;
  venue?: string | null;
  status: string;
  startsAt: Date;
  updatedAt?: Date | null;
  agenda?: ReadonlyArray<{ title: string; presenter?: OrgRef }> | null;
  minutes?: {
    items?: ReadonlyArray<{
      summary?: string | null;
      decisions?: ReadonlyArray<{ text?: string | null }> | null;
      actionItems?: ReadonlyArray<{ text?: string | null }> | null;
    }> | null;
    circulatedAt?: Date | null;
    publishedAt?: Date | null;
    attendees?: ReadonlyArray<OrgRef> | null;
  } | null;
  createdBy?: { organization?: OrgRef } | null;
}

const lines = (parts: ReadonlyArray<string | null | undefined>) =>
  parts
    .map((p) => p?.trim() ?? '')
    .filter(Boolean)
    .join('\n');

/** The agenda, one item a line: its title and, when there is one, the presenting organisation. */
function agendaText(meeting: SearchedMeeting): string {
  return lines((meeting.agenda ?? []).map((a) => (a.presenter?.nameJa ? `${a.title}（${a.presenter.nameJa}）` : a.title)));
}

/** Everything written in the minutes: each item's summary, decisions and action items. */
function minutesText(meeting: SearchedMeeting): string {
  return lines(
    (meeting.minutes?.items ?? []).flatMap((i) => [
      i.summary,
      ...(i.decisions ?? []).map((d) => d.text),
      ...(i.actionItems ?? []).map((a) => a.text),
    ]),
  );
}

function entriesOf(meeting: SearchedMeeting): IndexEntry[] {
  const id = String(meeting._id);
  return [
    // The description is shown as written (not markdown: MeetingHeader), so it is indexed as written.
    { kind: 'meeting', id, title: meeting.title, body: lines([meeting.description, meeting.venue]) },
    { kind: 'agenda', id, title: '', body: agendaText(meeting) },
    { kind: 'minutes', id, title: '', body: minutesText(meeting) },
  ];
}

const japanDate = (at: Date) => format(new TZDate(at, JAPAN_TIME_ZONE), 'yyyy年M月d日');

const orgIds = (refs: ReadonlyArray<OrgRef>) => [...new Set(refs.flatMap((o) => (o?.id ? [String(o.id)] : [])))];

function found(meeting: SearchedMeeting, entry: IndexEntry): FoundItem {
  const id = String(meeting._id);
  const day = japanDate(meeting.startsAt);
  const creator = meeting.createdBy?.organization;
  const common = { who: creator?.nameJa || null, number: null, status: meeting.status, areas: [] };
  if (entry.kind === 'meeting') {
    const kind = MEETING_KIND_LABELS[meeting.kind as MeetingKind]?.ja ?? null;
    return {
      ...entry,
      ...common,
      where: kind ? `${kind}（${day}）` : day,
      href: `/meetings/${id}`,
      at: meeting.startsAt,
      organizations: orgIds([creator]),
    };
  }
  if (entry.kind === 'agenda')
    return {
      ...entry,
      ...common,
      where: `${meeting.title}（${day}）`,
      href: `/meetings/${id}`,
      at: meeting.startsAt,
      organizations: orgIds([creator, ...(meeting.agenda ?? []).map((a) => a.presenter)]),
    };
  return {
    ...entry,
    ...common,
    where: `${meeting.title}（${day}）`,
    href: `/meetings/${id}/minutes/view`,
    at: meeting.minutes?.publishedAt ?? meeting.updatedAt ?? meeting.startsAt,
    organizations: orgIds([creator, ...(meeting.minutes?.attendees ?? [])]),
  };
}

/** What `readable` reads of a meeting: what the entries, the rules and the result are made from. */
const READ = { kind: 1, title: 1, description: 1, venue: 1, status: 1, startsAt: 1, updatedAt: 1, agenda: 1, minutes: 1, createdBy: 1 };

export const meetingSearch: SearchSource<SearchedMeeting> = {
  kinds: ['meeting', 'agenda', 'minutes'],
  fields: MEETING_SEARCH_FIELDS,
  entriesOf,
  all: () => MeetingModel.find({}).lean<SearchedMeeting[]>().cursor(),
  async readable(actor: Actor, kind: SearchKind, ids: readonly string[]): Promise<FoundItem[]> {
    // GET /meetings/:id (readableMeeting): whoever may read meetings reads every one but a draft; managers drafts too.
    if (!decide(actor, 'meeting.read').allowed) return [];
    const valid = [...new Set(ids)].filter((id) => mongoose.isObjectIdOrHexString(id));
    if (!valid.length) return [];
    const manage = can(actor, 'meeting.manage');
    const rows = await MeetingModel.find({ _id: mongoose.trusted({ $in: valid }) }, READ).lean<SearchedMeeting[]>();
    return rows.flatMap((meeting) => {
      if (!manage && !isPublic(meeting.status as MeetingStatus)) return [];
      if (kind === 'minutes' && !minutesShownTo(actor, meeting)) return [];
      const entry = entriesOf(meeting).find((e) => e.kind === kind);
      return entry && (entry.title || entry.body) ? [found(meeting, entry)] : [];
    });
  },
};
