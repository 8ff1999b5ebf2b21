/** The facts of announcements (お知らせ) both sides need: states, importance, limits, how organisations are grouped in the tracker. */
import { speakerKindOf, type OrgKind, type ObserverKind, type VendorType } from '../domain';

/** draft (the secretariat's only) → published → withdrawn (取り下げ: still readable, no longer confirmed). */
export const ANNOUNCEMENT_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type AnnouncementStatus = (typeof ANNOUNCEMENT_STATUSES)[number];

export const IMPORTANCES = ['normal', 'high'] as const;
export type Importance = (typeof IMPORTANCES)[number];

export const ANNOUNCEMENT_LIMITS = {
  titleLength: 200,
  bodyLength: 20_000,
  /** An `organizations` audience names at most this many (there are under 200 organisations). */
  organizations: 300,
  /** Files attached (PDF, Office documents, images: whatever an upload accepts). */
  attachments: 10,
  pageSize: 20,
} as const;

/** The tracker's grouping of audience organisations: the council's four kinds besides the secretariat. */
export const TRACKER_ORG_KINDS = ['development', 'support', 'ministry', 'body'] as const;
export type TrackerOrgKind = (typeof TRACKER_ORG_KINDS)[number];

/** An audience organisation's kind in the tracker (the secretariat is never in an audience). */
export function trackerKindOf(org: { kind: OrgKind; vendorType?: VendorType | null; observerKind?: ObserverKind | null }): TrackerOrgKind {
  const kind = speakerKindOf(org);
  return kind === 'secretariat' ? 'body' : kind;
}
