/**
 * A socket lives as long as its session (issue 16, finding 2). The person behind a socket is taken
 * at its handshake; after that, the session can end by time (the idle timeout, the absolute one) or
 * be deleted (sign-out, a password change, deactivation, the sweeper, another app process). Sign-out,
 * password changes and deactivation drop the sockets at once (io.ts); for the rest, every write
 * event reads the session first (one `_id` lookup), reads look again once `checkedUntil` has passed,
 * and a sweep drops idle sockets whose session has ended.
 */
import mongoose from 'mongoose';
import { SESSIONS_COLLECTION } from '../auth/session';
import type { Caller } from './caller';

interface StoredSession {
  _id: string;
  expires?: Date;
  session?: { signedInAt?: number };
}

export interface SessionLife {
  /** Whether the caller's session is still on; moves `checkedUntil` on when it is. */
  isOn(caller: Caller): Promise<boolean>;
  /** Whether it is time to look again before a read. */
  due(caller: Caller): boolean;
  checkMs: number;
}

export function createSessionLife({ absoluteMs, checkMs }: { absoluteMs: number; checkMs: number }): SessionLife {
  return {
    checkMs,
    due: (caller) => Date.now() >= caller.checkedUntil,
    async isOn(caller) {
      const stored = await mongoose.connection
        .collection<StoredSession>(SESSIONS_COLLECTION)
        .findOne({ _id: caller.sessionId }, { projection: { expires: 1, 'session.signedInAt': 1 } });
      const now = Date.now();
      const ends = Math.min(stored?.expires?.getTime() ?? Number.POSITIVE_INFINITY, (stored?.session?.signedInAt ?? now) + absoluteMs);
      if (!stored || ends <= now) return false;
      caller.checkedUntil = Math.min(now + checkMs, ends);
      return true;
    },
  };
}
