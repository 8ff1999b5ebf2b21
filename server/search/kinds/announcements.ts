/**
 * Announcements (お知らせ) in "search everywhere": the title and the body's words. Who reads one is the
 * announcement page's rule (server/announcements/access.ts `mayRead`): the secretariat every one, drafts included;
 * anyone else a published or withdrawn one addressed to their organisation.
 */
import mongoose from 'mongoose';
import type { Actor } from '@shared/domain';
import type { SearchKind } from '@shared/schemas/search';
import { mayRead } from '../../announcements/access';
import { readerOrganization } from '../../announcements/audience';
import { ANNOUNCEMENT_SEARCH_FIELDS, AnnouncementModel, type AnnouncementRecord } from '../../announcements/model';
import { plainText } from './plainText';
import type { FoundItem, IndexEntry, SearchSource } from './types';

/** A stored announcement as search reads it: a hydrated document and a lean one alike. */
export type SearchedAnnouncement = Pick<AnnouncementRecord, 'title' | 'body' | 'status' | 'audience' | 'createdBy' | 'publishedAt'> & {
  _id: unknown;
  updatedAt: Date;
};

function entriesOf(a: SearchedAnnouncement): IndexEntry[] {
  return [{ kind: 'announcement', id: String(a._id), title: a.title, body: plainText(a.body) }];
}

/** What `readable` reads of an announcement: the entry, the rule's facts and the result. */
const READ = { title: 1, body: 1, status: 1, audience: 1, createdBy: 1, publishedAt: 1, updatedAt: 1 };

export const announcementSearch: SearchSource<SearchedAnnouncement> = {
  kinds: ['announcement'],
  fields: ANNOUNCEMENT_SEARCH_FIELDS,
  entriesOf,
  all: () => AnnouncementModel.find({}).lean<SearchedAnnouncement[]>().cursor(),
  async readable(actor: Actor, kind: SearchKind, ids: readonly string[]): Promise<FoundItem[]> {
    const valid = [...new Set(ids)].filter((id) => mongoose.isObjectIdOrHexString(id));
    if (kind !== 'announcement' || !valid.length || !actor.active) return [];
    const [rows, org] = await Promise.all([
      AnnouncementModel.find({ _id: mongoose.trusted({ $in: valid }) }, READ).lean<SearchedAnnouncement[]>(),
      readerOrganization(actor),
    ]);
    return rows
      .filter((a) => mayRead(actor, org, a))
      .map((a) => ({
        ...entriesOf(a)[0]!,
        where: null,
        href: `/announcements/${String(a._id)}`,
        // As the announcement page names its author.
        who: a.createdBy.displayName,
        at: a.publishedAt ?? a.updatedAt,
        number: null,
        status: a.status,
        areas: a.audience.kind === 'businessAreas' ? [...a.audience.businessAreas] : [],
        // The author's organisation only: an `organizations` audience is shown to the secretariat alone, so a filter on it would tell.
        organizations: [String(a.createdBy.organization.id)],
      }));
  },
};
