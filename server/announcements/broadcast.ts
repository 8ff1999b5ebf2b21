/**
 * What announcements tell connected clients, after each change is stored. An announcement goes to
 * its audience's organisation rooms (`org:<id>`) and the secretariat's (`persona:secretariat`, which
 * tracks every one); a draft only to the secretariat. The payloads carry ids only: each client
 * refetches what it shows, through the same reads and their audience checks.
 */
import type { CouncilServer } from '../realtime/io';
import { rooms } from '../realtime/io';

export interface AnnouncementBroadcast {
  /** Published, corrected or withdrawn (or a draft changed): to these organisations and the secretariat. */
  changed(announcementId: string, organizationIds: Iterable<string>): void;
  /** An organisation confirmed: its members' banners go, the secretariat's tracker counts it. */
  confirmed(announcementId: string, organizationId: string): void;
}

export function createAnnouncementBroadcast(io: CouncilServer): AnnouncementBroadcast {
  const secretariat = rooms.persona('secretariat');
  return {
    changed(announcementId, organizationIds) {
      // Never an empty room list: that would be every socket.
      io.to([secretariat, ...[...organizationIds].map(rooms.organization)]).emit('announcement.changed', { announcementId });
    },
    confirmed(announcementId, organizationId) {
      io.to([secretariat, rooms.organization(organizationId)]).emit('announcement.confirmed', { announcementId, organizationId });
    },
  };
}
