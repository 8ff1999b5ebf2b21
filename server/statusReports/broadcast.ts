/**
 * What 開発状況報告 tells connected clients, after each change is stored: `status.changed`. A report
 * saved, submitted or returned goes to the secretariat (`persona:secretariat`, whose progress and
 * picture count it) and to the organisation's room (`org:<id>`); a round opened, closed or changed
 * goes to the secretariat, and, once it is no draft, to everyone (every round but a draft is listed
 * for everyone). The payload carries ids and the state only: each client refetches what it shows,
 * through the same reads and their checks.
 */
import { PERSONAS } from '@shared/domain';
import type { ReportState, RoundState } from '@shared/statusReports/rules';
import type { CouncilServer } from '../realtime/io';
import { rooms } from '../realtime/io';

export interface StatusBroadcast {
  /** A report was saved, submitted or returned. */
  reportChanged(roundId: string, organizationId: string, state: ReportState): void;
  /** A round was created, changed, opened or closed. */
  roundChanged(roundId: string, state: RoundState): void;
  /** A reminder was sent: the secretariat's progress pages list it. */
  reminded(roundId: string): void;
}

export function createStatusBroadcast(io: CouncilServer): StatusBroadcast {
  const secretariat = rooms.persona('secretariat');
  return {
    reportChanged(roundId, organizationId, state) {
      io.to([secretariat, rooms.organization(organizationId)]).emit('status.changed', { roundId, organizationId, state });
    },
    roundChanged(roundId, state) {
      // Never an empty room list: that would be every socket, signed in or not.
      const to = state === 'draft' ? [secretariat] : PERSONAS.map((p) => rooms.persona(p));
      io.to(to).emit('status.changed', { roundId, organizationId: null, state });
    },
    reminded(roundId) {
      io.to(secretariat).emit('status.changed', { roundId, organizationId: null, state: 'open' });
    },
  };
}
