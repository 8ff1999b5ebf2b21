/** What leaves the server of an announcement, a confirmation and a reminder: never a stored document as it is. */
import type { Actor } from '@shared/domain';
import { can } from '@shared/permissions';
import { inAudience } from '@shared/announcements/audience';
import type { AnnouncementStatus, Importance } from '@shared/announcements/rules';
import { announcementAbilities, type AnnouncementFacts } from '@shared/policies/announcement';
import type {
  Announcement,
  AnnouncementSummary,
  AudienceView,
  ConfirmationCounts,
  OrganizationConfirmation,
  Reminder,
} from '@shared/schemas/announcements';
import { presentAttachment, type StoredAttachment } from '../attachments/presenter';
import { presentPerson } from '../users/person';
import { audienceOf, type CouncilOrganization } from './audience';
import type { AnnouncementDocument, AnnouncementRow, ConfirmationRecord, ReminderRecord } from './model';

type Stored = AnnouncementRow | AnnouncementDocument;

/** Who reads, and what is known of them, for presenting one or many announcements. */
export interface Reader {
  actor: Actor;
  org: CouncilOrganization;
  /** Every organisation (the secretariat sees the names of an `organizations` audience). */
  organizations: ReadonlyMap<string, CouncilOrganization>;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function announcementFacts(a: Pick<Stored, 'status' | 'mustConfirm' | 'audience'>, org: CouncilOrganization): AnnouncementFacts {
  return {
    status: a.status as AnnouncementStatus,
    mustConfirm: a.mustConfirm,
    addressed: inAudience(audienceOf(a.audience), org),
  };
}

export function presentConfirmation(c: ConfirmationRecord): OrganizationConfirmation {
  return {
    organization: { id: String(c.organization.id), nameJa: c.organization.nameJa ?? '', nameEn: c.organization.nameEn ?? '' },
    by: presentPerson(c.by),
    at: c.at.toISOString(),
  };
}

export function presentReminder(r: ReminderRecord): Reminder {
  return { id: String(r._id), by: presentPerson(r.by), at: r.at.toISOString(), organizations: r.organizations, people: r.people };
}

function presentAudience(a: Stored, reader: Reader): AudienceView {
  const secretariat = can(reader.actor, 'announcement.publish');
  const organizations =
    secretariat && a.audience.kind === 'organizations'
      ? a.audience.organizationIds.map((id) => {
          const o = reader.organizations.get(String(id));
          return { id: String(id), nameJa: o?.nameJa ?? '', nameEn: o?.nameEn ?? '' };
        })
      : [];
  return { kind: a.audience.kind, organizations, businessAreas: [...a.audience.businessAreas] };
}

/**
 * An announcement as `reader` sees it in a list: with their organisation's confirmation (`mine`),
 * and for the secretariat the confirmation counts (`counts`).
 */
export function presentSummary(
  a: Stored,
  reader: Reader,
  extra: { mine: ConfirmationRecord | null; counts: ConfirmationCounts | null },
): AnnouncementSummary {
  const facts = announcementFacts(a, reader.org);
  return {
    id: String(a._id),
    title: a.title,
    importance: a.importance as Importance,
    deadline: iso(a.deadline),
    mustConfirm: a.mustConfirm,
    status: a.status as AnnouncementStatus,
    audience: presentAudience(a, reader),
    author: presentPerson(a.createdBy),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    publishedAt: iso(a.publishedAt),
    withdrawnAt: iso(a.withdrawnAt),
    correctedAt: iso(a.correctedAt),
    myConfirmation: extra.mine ? presentConfirmation(extra.mine) : null,
    awaitingMyConfirmation: facts.addressed && facts.mustConfirm && facts.status === 'published' && !extra.mine,
    counts: extra.counts,
  };
}

/** One announcement with its text, its files and what the reader may do with it. */
export function presentAnnouncement(
  a: AnnouncementDocument,
  reader: Reader,
  extra: { mine: ConfirmationRecord | null; counts: ConfirmationCounts | null; attachments: readonly StoredAttachment[] },
): Announcement {
  return {
    ...presentSummary(a, reader, extra),
    body: a.body,
    attachments: extra.attachments.map(presentAttachment),
    abilities: announcementAbilities(reader.actor, announcementFacts(a, reader.org)),
  };
}
