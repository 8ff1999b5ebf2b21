/**
 * The Socket.IO handshake is signed in with the same Express session as the REST API: the session,
 * absolute-timeout and passport middlewares run on the handshake request only (not on every
 * polling request), then one check refuses a request without an active user with 401.
 *
 * Those middlewares hang a good deal on the request (the session and its methods, the hydrated
 * user), and Engine.IO keeps the upgrade's response, and through it the request, for as long as
 * the connection lasts. Once the caller has been taken from the request (caller.ts),
 * `releaseHandshake` lets the request go, with everything on it.
 */
import { ServerResponse, type IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { mustEnrol, type SignInFactor } from '@shared/signIn';
import { enrolmentRequired, unauthenticated, type HttpError } from '../http/errors';
import type { UserWithOrganization } from '../users/model';
import { toActor } from '../users/presenter';

export type HandshakeRequest = IncomingMessage & {
  _query?: Record<string, string>;
  user?: UserWithOrganization;
  sessionID?: string;
  session?: { factors?: SignInFactor[] };
};
type Middleware = (req: HandshakeRequest, res: ServerResponse, next: (err?: unknown) => void) => void;

/** How to let go of each handshake's request, once its caller has been taken from it. */
const releases = new WeakMap<object, () => void>();

const ownKeys = (o: object) => new Set(Reflect.ownKeys(o));

/** The same refusals as a REST route's: nobody signed in, or only enrolment open (no socket until then). */
const refuseSignedOut: Middleware = (req, res, next) => {
  const refusal: HttpError | null = !req.user?.active
    ? unauthenticated()
    : mustEnrol(toActor(req.user), req.session?.factors)
      ? enrolmentRequired()
      : null;
  if (!refusal) return next();
  // The upgrade's stand-in response is answered through its own methods: the session middleware's
  // wrapper of `end` would first save a regenerated session, and then write HTTP headers it has not got.
  const own = (res instanceof ServerResponse ? res : Object.getPrototypeOf(res)) as Pick<ServerResponse, 'writeHead'> & {
    end(body: string): unknown;
  };
  own.writeHead.call(res, refusal.status, { 'Content-Type': 'application/json' });
  own.end.call(res, JSON.stringify(refusal.toBody()));
};

/** One Engine.IO middleware: run `middlewares` in order on a handshake, then refuse the signed-out. */
export function authenticateHandshake(middlewares: ReadonlyArray<RequestHandler | Middleware>): Middleware {
  const chain = [...(middlewares as Middleware[]), refuseSignedOut];
  return (req, res, next) => {
    if (req._query?.sid !== undefined) return next();
    const before = ownKeys(res);
    const run = (i: number, err?: unknown): void => {
      if (err || i === chain.length) {
        // A real HTTP response (a polling handshake) is let go by Node once answered. The upgrade's
        // stand-in response lives on with the connection: take back the wrappers the session
        // middleware put on it (they hold the request) and its own hold on the request.
        if (!(res instanceof ServerResponse)) {
          const wrapped = Reflect.ownKeys(res).filter((k) => !before.has(k));
          releases.set(req, () => {
            // Put the prototype's methods back (rather than delete: the object keeps its fast shape).
            for (const k of wrapped) Reflect.set(res, k, Reflect.get(Object.getPrototypeOf(res) as object, k));
            Reflect.set(res, 'req', undefined);
          });
        }
        return next(err);
      }
      chain[i]!(req, res, (e) => run(i + 1, e));
    };
    run(0);
  };
}

/** Let go of a handshake's request: what Engine.IO's upgrade response holds of it (see above). */
export function releaseHandshake(req: object): void {
  releases.get(req)?.();
  releases.delete(req);
}
