/**
 * The HTTP application: security headers, JSON bodies, sessions, passport, the API routes, the
 * OpenAPI description, the built web client, and Socket.IO on the same server.
 */
import http from 'node:http';
import net from 'node:net';
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import helmet from 'helmet';
import type { Config } from './config';
import type { AppContext } from './context';
import { configurePassport } from './auth/passport';
import { markArrival } from './db/viewFeed';
import { createAppServer } from './http/appServer';
import { trackConnections } from './http/connections';
import { authRoutes } from './auth/routes';
import { secondFactorRoutes } from './auth/mfa/routes';
import { passkeyRoutes } from './auth/passkeys/routes';
import { createSessionMiddleware, enforceAbsoluteTimeout } from './auth/session';
import { createLoginThrottle } from './auth/throttle';
import { requireUtf8 } from './http/body';
import { errorHandler, notFound } from './http/errors';
import { refuseCrossSite } from './http/origin';
import { mountRoutes, type RouteDefinition } from './http/route';
import { buildOpenApiDocument } from './openapi/document';
import { organizationRoutes } from './organizations/routes';
import { createRealtime, type Realtime } from './realtime/io';
import { systemRoutes } from './system/routes';
import { createMetrics } from './system/metrics';
import { userRoutes } from './users/routes';
import { attachmentRoutes } from './attachments/routes';
import { createFileBlobStore, type BlobStore } from './attachments/blobStore';
import { startOrphanSweeper } from './attachments/sweep';
import { startSearchMerges } from './search/store';
import proxyAddr from 'proxy-addr';
import type { SharedRedis } from './cluster/redis';
import { clusterEmit, onCluster } from './realtime/cluster';
import { forgetRoomSnapshot, relayRoomChanges } from './meetings/roomSnapshot';
import { searchRoutes } from './search/routes';
import { createForumBroadcast } from './threads/broadcast';
import { threadRoutes } from './threads/routes';
import { createPostLimit } from './http/postLimit';
import { createRegisterBroadcast } from './issues/broadcast';
import { issueRoutes } from './issues/routes';
import { savedViewRoutes } from './issues/savedViewRoutes';
import { issueFeature } from './issues/socketEvents';
import { createMeetingBroadcast } from './meetings/broadcast';
import { createRoomPresence, meetingFeature } from './meetings/room';
import { meetingRoutes } from './meetings/routes';
import { createPresence, forumFeature } from './threads/socketEvents';
import { CLIENT_DIST } from './paths';
import { log, type Logger } from './log';
import { nameRoutes, requestLog } from './http/requestLog';
import { auditRoutes } from './audit/routes';
import { trackRequestOrigin } from './audit/origin';
import { createWorkTracker } from './http/work';
import { webClient } from './http/webClient';
import { mailOff, type MailOutbox } from './mail/outbox';
import type { MailCatcher } from './mail/catcher';
import { isOneClickUnsubscribe, mailRoutes } from './mail/routes';
import { createNotifier } from './notifications/notifier';
import { notificationRoutes } from './notifications/routes';
import { threadNotifications } from './notifications/triggers/threads';
import { registerNotifications } from './notifications/triggers/register';
import { meetingNotifications } from './notifications/triggers/meetings';
import { startDueActionNotices } from './notifications/jobs';
import type { Notifier } from './notifications/types';
import { announcementRoutes } from './announcements/routes';
import { statusPictureRoutes } from './statusReports/pictureRoutes';
import { statusReportRoutes } from './statusReports/routes';
import { statusReportAccess, statusRoundAccess } from './statusReports/access';
import { announcementAccess } from './announcements/access';
import { setTargetAccess } from './notifications/access';

export interface CouncilApp {
  app: express.Express;
  server: http.Server;
  realtime: Realtime;
  routes: readonly RouteDefinition[];
  /** Where attachment contents are kept. */
  blobs: BlobStore;
  /** Notifications (tests wait on `notifier.settled()`). */
  notifier: Notifier;
  /**
   * Shut down gracefully: let the requests and socket events already running finish (new ones get
   * 503 meanwhile, for at most `drainMs`), tell sockets to reconnect elsewhere, stop listening,
   * close each connection once it is quiet, then the sockets and the session sweeper. The database
   * connection is the caller's.
   */
  close(options?: { drainMs?: number }): Promise<void>;
}

export interface CreateAppOptions {
  config: Config;
  sessionSecret: string;
  /** Serve the built web client when it exists (off in API tests). */
  serveClient?: boolean;
  /** Where the built client is; dist/client by default. */
  clientDir?: string;
  /** Where requests, socket events and their failures are logged; the app's logger (stderr) by default. */
  logger?: Logger;
  /** Where notification e-mail goes (the caller starts and closes it); none by default. */
  mail?: MailOutbox;
  /** The local mail catcher, whose inbox `/api/dev/mail` serves outside production. */
  mailCatcher?: MailCatcher;
  /** The shared mode (REDIS_URL): rooms and limits across nodes. The caller connects and closes it. */
  redis?: SharedRedis | null;
}

export const API_VERSION = '0.1.0';

export function createApp({
  config,
  sessionSecret,
  serveClient = true,
  clientDir = CLIENT_DIST,
  logger = log,
  mail = mailOff,
  mailCatcher,
  redis = null,
}: CreateAppOptions): CouncilApp {
  const app = express();
  const server = createAppServer(app);
  const connections = trackConnections(server);
  app.set('trust proxy', config.TRUST_PROXY);
  app.disable('x-powered-by');

  const passport = configurePassport();
  const sessions = createSessionMiddleware(config, sessionSecret);
  const absoluteTimeout = enforceAbsoluteTimeout(config);
  // Uploads stream up to 20 MB over slow links: they are not held to the request deadline.
  const work = createWorkTracker({
    deadlineMs: config.REQUEST_TIMEOUT_MS,
    exempt: (method, path) => method === 'POST' && path === '/attachments',
    admission: { maxWrites: config.ADMISSION_MAX_WRITES, lateWrites: config.ADMISSION_LATE_WRITES, lateMs: config.ADMISSION_LATE_MS },
  });
  const metrics = createMetrics();
  const realtime = createRealtime(server, {
    sessionMiddleware: sessions.middleware,
    absoluteTimeout,
    passport,
    allowedOrigins: config.PUBLIC_ORIGIN,
    eventsPer10s: config.SOCKET_EVENTS_PER_10S,
    work,
    logger,
    sessionLimits: { absoluteMs: config.SESSION_ABSOLUTE_HOURS * 3_600_000, checkMs: config.SOCKET_SESSION_CHECK_MS },
    // Behind nginx the socket's peer is the proxy: the client's address is worked out as express's req.ip is.
    clientAddress: (request) => proxyAddr(request, app.get('trust proxy fn') as (addr: string, i: number) => boolean),
    redis,
    metrics,
  });
  metrics.watch({
    sockets: () => realtime.io.engine.clientsCount,
    inFlight: () => work.inFlight,
    ...(redis ? { redisUp: () => redis.isUp() } : {}),
  });
  const notifier = createNotifier({ io: realtime.io, logger, mail: () => mail });
  // The notifier asks each feature whether a person may read its object; threads, issues and meetings are built in.
  setTargetAccess('announcement', announcementAccess);
  setTargetAccess('statusRound', statusRoundAccess);
  setTargetAccess('statusReport', statusReportAccess);
  const forum = createForumBroadcast(realtime.io, threadNotifications(notifier));
  const presence = createPresence(realtime.io, forum.presence);
  const blobs = createFileBlobStore(path.resolve(config.DATA_DIR, 'blobs'));
  const stopOrphanSweeper = startOrphanSweeper(blobs);
  const postLimit = createPostLimit(config, redis);
  const register = createRegisterBroadcast(realtime.io, registerNotifications(notifier));
  const meetingNotices = meetingNotifications(notifier);
  const meetings = createMeetingBroadcast(realtime.io, meetingNotices);
  // A live room's snapshot (meetings/roomSnapshot.ts) is dropped on every node when the room changes on one.
  onCluster(realtime.io, 'meetings.roomChanged', forgetRoomSnapshot);
  if (redis) relayRoomChanges((meetingId) => clusterEmit(realtime.io, 'meetings.roomChanged', meetingId));
  const stopDueActions = startDueActionNotices(meetingNotices, logger);
  const stopSearchMerges = startSearchMerges(logger);
  const roomPresence = createRoomPresence(realtime.io, meetings);
  const throttle = createLoginThrottle(config);
  const context: AppContext = {
    config,
    throttle,
    realtime,
    blobs,
    forum,
    presence,
    postLimit,
    register,
    meetings,
    roomPresence,
    notifier,
    mail,
    redis,
  };
  realtime.serve([forumFeature(context), issueFeature, meetingFeature(context)]);
  const routes = [
    ...systemRoutes(context),
    ...authRoutes(context),
    ...secondFactorRoutes(context),
    ...passkeyRoutes(context),
    ...organizationRoutes(context),
    ...userRoutes(context),
    ...threadRoutes(context),
    ...attachmentRoutes(context),
    ...searchRoutes(),
    ...issueRoutes(context),
    ...savedViewRoutes(),
    ...meetingRoutes(context),
    ...auditRoutes(context),
    ...mailRoutes({ config, sessionSecret, catcher: mailCatcher }),
    ...notificationRoutes(context),
    ...announcementRoutes(context),
    ...statusReportRoutes(context),
    ...statusPictureRoutes(context),
  ];
  const openApi = buildOpenApiDocument(routes, API_VERSION);

  // First, so that every answer, refusals included, carries its request id.
  app.use(requestLog(logger), metrics.requests);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          upgradeInsecureRequests: config.NODE_ENV === 'production' ? [] : null,
        },
      },
      strictTransportSecurity: config.NODE_ENV === 'production',
    }),
  );

  // Operators' figures (system/metrics.ts): a 404 unless METRICS_TOKEN is set, a 401 without it.
  app.get('/metrics', metrics.endpoint(config.METRICS_TOKEN));

  const api = Router();
  // Answers are one person's view and change with every write: no browser or proxy keeps them.
  // Downloads set their own policy (no-store too, `private` for attachments).
  api.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  // Every request is named for the log by its route's pattern, counted (deadline, graceful drain)
  // and knows where it came from (audit log).
  api.use(nameRoutes(routes), trackRequestOrigin, work.requests);
  // The cheap refusal first: a cross-site write is turned away before its body is parsed or a
  // session is loaded from the database.
  // A mail provider's one-click unsubscribe is the one exception: its signed token is its credential (mail/routes.ts).
  api.use(refuseCrossSite(config.PUBLIC_ORIGIN, isOneClickUnsubscribe));
  api.use(express.json({ limit: '100kb', verify: requireUtf8 }));
  api.use(markArrival, sessions.middleware, absoluteTimeout, passport.initialize(), passport.session());
  api.get('/openapi.json', (_req, res) => void res.json(openApi));
  mountRoutes(api, routes);
  api.use((req, _res, next) => next(notFound(`${req.method} /api${req.path}`)));
  app.use('/api', api);

  if (serveClient && existsSync(clientDir)) app.use(webClient(clientDir));
  app.use(errorHandler);

  return {
    app,
    server,
    realtime,
    routes,
    blobs,
    notifier,
    async close({ drainMs = 10_000 } = {}) {
      // Still listening while what is running finishes: a request arriving meanwhile, on a connection
      // open or new, gets a 503 with `Connection: close`. Closing the listener first reset the
      // connections the kernel had accepted but the app not yet taken (ECONNRESET on a request sent
      // before the signal), and http.Server#close would also drop idle keep-alive connections.
      if (!(await work.drain(drainMs))) logger.warn(`shutdown: ${work.inFlight} requests or events still running after ${drainMs} ms`);
      realtime.io.emit('server.shutdown', { reconnectInMs: 1_000 });
      // Let the notice leave before the transports close.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const stopped = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
      presence.close();
      stopOrphanSweeper();
      stopDueActions();
      await stopSearchMerges();
      if (redis) relayRoomChanges(null);
      await notifier.settled();
      roomPresence.close();
      forum.close();
      realtime.io.disconnectSockets(true);
      // Each connection once it is quiet: a request waiting unread on one gets its 503, not a reset (connections.ts).
      await connections.closeWhenQuiet();
      await realtime.close();
      await stopped;
      sessions.stop();
      throttle.stop();
    },
  };
}
