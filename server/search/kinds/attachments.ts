/**
 * Attachments in "search everywhere", found by file name once something claims them (an upload on nothing yet is
 * its uploader's alone, and not indexed). A file is found by whoever may read what claimed it, by that owner's own
 * rule: a message's by those who may read the message (./messages.ts), a meeting's materials by those who may read
 * the meeting (the notifications' meeting rule), an announcement's by those who may read the announcement
 * (`mayRead`, server/announcements/access.ts). It opens the page that shows it.
 */
import mongoose, { type Types } from 'mongoose';
import type { Actor } from '@shared/domain';
import { mayRead } from '../../announcements/access';
import { readerOrganization } from '../../announcements/audience';
import { announcementsView } from '../../announcements/model';
import { ATTACHMENT_SEARCH_FIELDS, AttachmentModel } from '../../attachments/model';
import { agendaIndex } from '../../meetings/agendaIndex';
import { readableTargets } from '../../notifications/access';
import { messagePath, readableMessages } from './messages';
import { threadStatus } from './threads';
import type { FoundItem, SearchSource } from './types';

interface AttachmentText {
  _id: Types.ObjectId;
  name: string;
  messageId?: Types.ObjectId | null;
  meetingId?: Types.ObjectId | null;
  announcementId?: Types.ObjectId | null;
}

/** Where a readable file is shown, and what it belongs to there. */
type Place = Pick<FoundItem, 'where' | 'href' | 'who' | 'status' | 'areas' | 'organizations'>;

const isClaimed = (a: AttachmentText) => a.messageId != null || a.meetingId != null || a.announcementId != null;

const ids = (files: readonly AttachmentText[], owner: 'messageId' | 'meetingId' | 'announcementId') => [
  ...new Set(files.flatMap((f) => (f[owner] ? [String(f[owner])] : []))),
];

/** The places of the messages among `messageIds` that `actor` may read, by message id. */
async function messagePlaces(actor: Actor, messageIds: readonly string[]): Promise<Map<string, Place>> {
  const places = new Map<string, Place>();
  for (const { message, thread } of await readableMessages(actor, messageIds)) {
    places.set(String(message._id), {
      where: thread.title,
      href: messagePath(message),
      who: message.author.displayName,
      status: threadStatus(thread),
      areas: thread.businessAreas,
      organizations: [String(message.author.organization.id)],
    });
  }
  return places;
}

async function meetingPlaces(actor: Actor, meetingIds: readonly string[]): Promise<Map<string, Place>> {
  const places = new Map<string, Place>();
  if (meetingIds.length === 0) return places;
  const [readable, rows] = await Promise.all([
    readableTargets(
      actor,
      meetingIds.map((id) => ({ type: 'meeting' as const, id })),
    ),
    agendaIndex.current(),
  ]);
  for (const id of meetingIds) {
    const meeting = rows.get(id);
    if (!meeting || !readable.has(`meeting:${id}`)) continue;
    places.set(id, { where: meeting.title, href: `/meetings/${id}`, who: null, status: null, areas: [], organizations: [] });
  }
  return places;
}

async function announcementPlaces(actor: Actor, announcementIds: readonly string[]): Promise<Map<string, Place>> {
  const places = new Map<string, Place>();
  if (announcementIds.length === 0) return places;
  const [rows, org] = await Promise.all([announcementsView.current(), readerOrganization(actor)]);
  for (const id of announcementIds) {
    const announcement = rows.get(id);
    if (!announcement || !mayRead(actor, org, announcement)) continue;
    places.set(id, { where: announcement.title, href: `/announcements/${id}`, who: null, status: null, areas: [], organizations: [] });
  }
  return places;
}

export const attachmentSearch: SearchSource<AttachmentText> = {
  kinds: ['file'],
  fields: ATTACHMENT_SEARCH_FIELDS,
  entriesOf: (file) => [{ kind: 'file', id: String(file._id), title: isClaimed(file) ? file.name : '', body: '' }],
  async *all() {
    yield* AttachmentModel.find({}, { name: 1, messageId: 1, meetingId: 1, announcementId: 1 })
      .lean<AttachmentText[]>()
      .cursor({ batchSize: 500 });
  },
  async readable(actor, _kind, fileIds) {
    const valid = fileIds.filter((id) => mongoose.isValidObjectId(id));
    if (!actor.active || valid.length === 0) return [];
    const files = await AttachmentModel.find({ _id: mongoose.trusted({ $in: valid }) }).lean();
    const [messages, meetings, announcements] = await Promise.all([
      messagePlaces(actor, ids(files, 'messageId')),
      meetingPlaces(actor, ids(files, 'meetingId')),
      announcementPlaces(actor, ids(files, 'announcementId')),
    ]);
    return files.flatMap((file): FoundItem[] => {
      const place =
        (file.messageId && messages.get(String(file.messageId))) ||
        (file.meetingId && meetings.get(String(file.meetingId))) ||
        (file.announcementId && announcements.get(String(file.announcementId)));
      if (!place) return [];
      return [{ ...attachmentSearch.entriesOf(file)[0]!, ...place, at: file.createdAt, number: null }];
    });
  },
};
