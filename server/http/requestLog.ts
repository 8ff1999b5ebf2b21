/**
 * Every request gets an id and, once answered, one log line (pino-http). The id is the caller's
 * `X-Request-Id` when it is well-formed (a proxy's in front of us), else a new UUID; it is echoed in
 * the response's `X-Request-Id`, carried by every line logged for the request (`req.log`) and by a
 * 5xx answer's body, so a person can quote it and we can find the lines.
 *
 * The line names the request by its route pattern (`/api/threads/:id`, `nameRoutes`), not its
 * address: ids, query strings and the calendar feed's token stay out of the log, and so do headers
 * (cookies, authorization) and e-mail addresses. Only a request no route matches (a 404, the web
 * client's files) is named by its path, without the query string.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { LevelWithSilent, Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { UserWithOrganization } from '../users/model';
import type { RouteDefinition } from './route';

/** What we take from a caller as a request id: short, and nothing that could forge a log line. */
const WELL_FORMED_ID = /^[A-Za-z0-9._-]{8,64}$/;

function requestIdFor(req: Request, res: Response): string {
  const offered = req.get('X-Request-Id');
  const id = offered !== undefined && WELL_FORMED_ID.test(offered) ? offered : randomUUID();
  res.set('X-Request-Id', id);
  return id;
}

/** The request's id (set by `requestLog` before anything else runs). */
export function requestIdOf(req: IncomingMessage): string | undefined {
  return typeof req.id === 'string' ? req.id : undefined;
}

/** The path asked for, without the query string (which may carry what a person typed). */
const pathOf = (req: Request) => req.originalUrl.split('?')[0]!;

/** Health checks and the web client's files are routine: logged at debug unless they fail. */
function isRoutine(req: Request): boolean {
  const path = pathOf(req);
  return path === '/api/health' || !path.startsWith('/api/');
}

function levelOf(req: Request, res: Response): LevelWithSilent {
  if (res.statusCode >= 500) return res.statusCode === 500 ? 'error' : 'warn';
  return isRoutine(req) ? 'debug' : 'info';
}

/**
 * A router that only names each request by the pattern of its route, mounted before anything else
 * under /api: a request refused before it reaches its route (at the session read, while the
 * database is down) is still logged by its pattern.
 */
export function nameRoutes(routes: readonly RouteDefinition[]): Router {
  const router = Router();
  for (const { spec } of routes) {
    router[spec.method](spec.path, (req, res, next) => {
      // The first match is the route that will answer (the API router tries them in the same order):
      // named, the request leaves this router at once instead of being matched against the rest.
      res.locals.route ??= `${req.baseUrl}${spec.path}`;
      next('router');
    });
  }
  return router;
}

/** What the line says about the request: method, route (or path, when no route matched), who, status. */
function fieldsOf(req: Request, res: Response, responseTime: number) {
  const route = res.locals.route as string | undefined;
  const userId = (req.user as UserWithOrganization | undefined)?.id as string | undefined;
  return {
    method: req.method,
    ...(route ? { route } : { path: pathOf(req).slice(0, 200) }),
    ...(userId ? { userId } : {}),
    status: res.statusCode,
    responseTime,
  };
}

/** The middleware that gives each request its id and logs it once answered; mount it first. */
export function requestLog(logger: Logger): RequestHandler {
  return pinoHttp<Request, Response>({
    logger,
    genReqId: requestIdFor,
    customAttributeKeys: { reqId: 'requestId' },
    // Only the request id is bound to `req.log`; the line's fields are chosen below, so no header is logged.
    quietReqLogger: true,
    quietResLogger: true,
    customLogLevel: levelOf,
    customSuccessObject: (req, res, { responseTime }: { responseTime: number }) => fieldsOf(req, res, responseTime),
    customErrorObject: (req, res, _err, { responseTime }: { responseTime: number }) => fieldsOf(req, res, responseTime),
    // A caller that hung up before its answer was written.
    customSuccessMessage: (_req, res) => (res.writableEnded ? 'request completed' : 'request aborted'),
    customErrorMessage: () => 'request failed',
  });
}
