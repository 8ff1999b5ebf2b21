/** An announcement as the editor holds it, and the body the server takes (AnnouncementCreateBody / AnnouncementUpdateBody). */
import type { AudienceKind } from '@shared/announcements/audience';
import type { Importance } from '@shared/announcements/rules';
import type { BusinessAreaKey } from '@shared/reference/council';
import type { Announcement } from '@shared/schemas/announcements';
import type { Attachment } from '@shared/schemas/threads';
import { fromJapanInputValue, toJapanInputValue } from '@client/pages/meetings/common/japanTime';

export interface AnnouncementDraft {
  title: string;
  body: string;
  importance: Importance;
  /** A datetime-local value in Japan time, or '' for none. */
  deadline: string;
  mustConfirm: boolean;
  audienceKind: AudienceKind;
  /** Kept while another kind is chosen, so switching back loses nothing; sent only for their kind. */
  organizationIds: string[];
  businessAreas: BusinessAreaKey[];
  /** The files it carries (uploaded as they are picked; sent as their ids). */
  attachments: Attachment[];
}

export const emptyDraft = (): AnnouncementDraft => ({
  title: '',
  body: '',
  importance: 'normal',
  deadline: '',
  mustConfirm: true,
  audienceKind: 'everyone',
  organizationIds: [],
  businessAreas: [],
  attachments: [],
});

export function draftFromAnnouncement(a: Announcement): AnnouncementDraft {
  return {
    title: a.title,
    body: a.body,
    importance: a.importance,
    deadline: a.deadline ? toJapanInputValue(a.deadline) : '',
    mustConfirm: a.mustConfirm,
    audienceKind: a.audience.kind,
    organizationIds: a.audience.organizations.map((o) => o.id),
    businessAreas: a.audience.businessAreas as BusinessAreaKey[],
    attachments: a.attachments,
  };
}

function audienceOf(draft: AnnouncementDraft) {
  if (draft.audienceKind === 'organizations') return { kind: draft.audienceKind, organizationIds: draft.organizationIds };
  if (draft.audienceKind === 'businessAreas') return { kind: draft.audienceKind, businessAreas: draft.businessAreas };
  return { kind: draft.audienceKind };
}

/** The whole announcement as the server takes it, for creating and for saving an edit alike (the server records what changed). */
export function bodyOf(draft: AnnouncementDraft) {
  return {
    title: draft.title,
    body: draft.body,
    importance: draft.importance,
    deadline: draft.deadline ? fromJapanInputValue(draft.deadline) : null,
    mustConfirm: draft.mustConfirm,
    audience: audienceOf(draft),
    attachmentIds: draft.attachments.map((a) => a.id),
  };
}
