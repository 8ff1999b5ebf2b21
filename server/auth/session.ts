/**
 * Sessions: express-session with the store in the database (connect-mongo on the app's own
 * connection). Expiry is done by the app — a periodic deleteMany, no TTL index — so it
 * works on every MongoDB-compatible service. Idle timeout: the cookie and the stored session roll
 * forward on use. Absolute timeout: a session older than the limit is ended whatever its use.
 */
import type { RequestHandler } from 'express';
import session from 'express-session';
import MongoStore from 'connect-mongo';
import mongoose from 'mongoose';
import type { SignInFactor } from '@shared/signIn';
import type { Config } from '../config';
import { recordViewChange } from '../db/viewFeed';
import { log } from '../log';
import { PEOPLE_LOG } from '../users/model';
import { ALL_SESSIONS, sessionKey, storedSession, type StoredSession } from './sessionCache';

export const SESSION_COOKIE = 'council.sid';
export const SESSIONS_COLLECTION = 'sessions';

declare module 'express-session' {
  interface SessionData {
    /** When the person signed in; the absolute timeout counts from here. */
    signedInAt?: number;
    /** How the person proved who they are in this session (shared/signIn.ts), in order. */
    factors?: SignInFactor[];
    /** A right password waiting for its second factor: not signed in yet (no passport user). */
    pendingSignIn?: { userId: string; factors: SignInFactor[]; expiresAt: number };
    /** A WebAuthn challenge waiting for its one answer (server/auth/passkeys/service.ts). */
    passkeyChallenge?: { purpose: 'register' | 'signIn'; challenge: string; userId: string | null; expiresAt: number };
  }
}

export interface SessionSetup {
  middleware: RequestHandler;
  store: MongoStore;
  /** Stop the expired-session sweeper. */
  stop(): void;
}

const SWEEP_INTERVAL_MS = 10 * 60_000;

/**
 * connect-mongo reads a session with `{ _id, $or: [no expiry, expiry in the future] }`. FerretDB
 * hands only a plain `_id` match to its storage, so that query decoded every stored session on
 * every request and socket handshake: with 2,000 people signed in, a plenary's joins queued behind
 * it (docs/PERFORMANCE.md). Reading by `_id` alone and checking the expiry here gives the same
 * answer, and every engine serves it from the primary key.
 *
 * Reads come from the in-memory session cache (sessionCache.ts), so every write this store makes
 * is recorded in the people log before it resolves: the write's session is then read afresh by
 * every process.
 */
class SessionStore extends MongoStore {
  override get(sid: string, callback: (err: unknown, session?: session.SessionData | null) => void): void {
    void (async () => {
      try {
        const collection = await this.collectionP;
        const stored = await storedSession(sid, (id) => collection.findOne({ _id: id }) as Promise<StoredSession | null>);
        if (!stored || (stored.expires && stored.expires.getTime() <= Date.now())) return callback(null, null);
        // Kept as an object, never a string: the store is made with `stringify: false` (below).
        const value = stored.session as session.SessionData & { lastModified?: Date };
        // As connect-mongo does: touch() needs to know when the session was last written.
        if (stored.lastModified) value.lastModified = stored.lastModified;
        callback(null, value);
      } catch (err) {
        callback(err);
      }
    })();
  }

  override set(sid: string, value: session.SessionData, callback: (err?: unknown) => void = () => undefined): void {
    super.set(sid, value, (err) => recorded(sid, err, callback));
  }

  /** connect-mongo writes a touch only once `touchAfter` has passed since the last write; so is it recorded. */
  override touch(
    sid: string,
    value: session.SessionData & { lastModified?: Date },
    callback: (err?: unknown) => void = () => undefined,
  ): void {
    const last = value.lastModified?.getTime() ?? 0;
    if (last > 0 && Date.now() - last < TOUCH_AFTER_S * 1000) return callback();
    super.touch(sid, value, (err) => recorded(sid, err, callback));
  }

  /**
   * As connect-mongo's, but recorded only when a stored session was deleted: the session a sign-in
   * replaces was usually never stored (no cookie yet), and no process can hold what was never stored.
   */
  override destroy(sid: string, callback: (err?: unknown) => void = () => undefined): void {
    this.collectionP
      .then((sessions) => sessions.deleteOne({ _id: sid as never }))
      .then(
        (result) => {
          this.emit('destroy', sid);
          if (result.deletedCount) recorded(sid, null, callback);
          else callback();
        },
        (err: unknown) => callback(err),
      );
  }
}

/** After a write of session `sid` that succeeded, record it, then call back. */
function recorded(sid: string, err: unknown, callback: (err?: unknown) => void): void {
  if (err) return callback(err);
  recordViewChange(mongoose.connection.db!, PEOPLE_LOG, sessionKey(sid))
    .then(() => callback(), callback)
    // What the callback throws is its caller's failure, not the write's: logged, never called back twice.
    .catch((err: unknown) => log.error({ err }, 'session store: a caller failed after a write'));
}

/** How long a session is used before its stored copy is touched again (its expiry rolled forward). */
const TOUCH_AFTER_S = 60;

/** Delete stored sessions past their expiry (the store already ignores them on read). */
export async function sweepExpiredSessions(): Promise<number> {
  const result = await mongoose.connection.collection(SESSIONS_COLLECTION).deleteMany({ expires: { $lt: new Date() } });
  return result.deletedCount;
}

export function createSessionMiddleware(config: Config, secret: string): SessionSetup {
  const idleMs = config.SESSION_IDLE_MINUTES * 60_000;
  const store = new SessionStore({
    client: mongoose.connection.getClient(),
    dbName: mongoose.connection.name,
    collectionName: SESSIONS_COLLECTION,
    ttl: idleMs / 1000,
    // connect-mongo's own clean-up uses a TTL index or unacknowledged writes; ours is plain deleteMany.
    autoRemove: 'disabled',
    stringify: false,
    touchAfter: TOUCH_AFTER_S,
  });
  const middleware = session({
    name: SESSION_COOKIE,
    secret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    // When some proxy is trusted, express's `trust proxy` (app.ts) decides whether this request came over https.
    proxy: config.TRUST_PROXY === false ? false : undefined,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.NODE_ENV === 'production',
      maxAge: idleMs,
    },
  });
  const sweeper = setInterval(() => void sweepExpiredSessions().catch(() => undefined), SWEEP_INTERVAL_MS);
  sweeper.unref();
  return { middleware, store, stop: () => clearInterval(sweeper) };
}

/** Ends sessions older than the absolute limit, whatever their activity. */
export function enforceAbsoluteTimeout(config: Config): RequestHandler {
  const limitMs = config.SESSION_ABSOLUTE_HOURS * 3_600_000;
  return (req, _res, next) => {
    const signedInAt = req.session?.signedInAt;
    if (signedInAt && Date.now() - signedInAt > limitMs) {
      // Regenerate rather than destroy: the stored session goes, and the request carries on with a
      // fresh, signed-out one (passport needs a session object to find no user in).
      req.session.regenerate((err) => next(err));
      return;
    }
    next();
  };
}

/** Delete every stored session of a user (deactivation, password change), except `keepSessionId`. */
export async function deleteSessionsOf(userId: string, keepSessionId?: string): Promise<void> {
  const sessions = mongoose.connection.collection(SESSIONS_COLLECTION);
  const filter: Record<string, unknown> = { 'session.passport.user': userId };
  if (keepSessionId) filter._id = { $ne: keepSessionId };
  await sessions.deleteMany(filter);
  // Which ones went is not known here: every process forgets every session it keeps.
  await recordViewChange(mongoose.connection.db!, PEOPLE_LOG, ALL_SESSIONS);
}
