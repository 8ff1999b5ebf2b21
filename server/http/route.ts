/**
 * Declarative routes. Each route states its access, its request schemas and its responses in one
 * object; `mountRoutes` turns it into one visible Express chain —
 * rate limit → access check → validate(params, query, body) → handler — and the same objects
 * generate the OpenAPI description and the route table the access tests walk.
 */
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import type { z } from 'zod';
import type { Actor } from '@shared/domain';
import { mustEnrol } from '@shared/signIn';
import type { UserWithOrganization } from '../users/model';
import { toActor } from '../users/presenter';
import { hasUnreadBody } from './body';
import { badRequest, enrolmentRequired, fromZodError, unauthenticated, unsupportedMediaType } from './errors';
import { illFormedField, illFormedQueryField, notUnicode } from './wellFormed';

export type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
/** `public`: anyone; `user`: a signed-in, active person (finer rules are checked in the service). */
export type Access = 'public' | 'user';
type Schema = z.ZodType | undefined;
type Out<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  contentType?: string;
}

export interface RouteSpec<P extends Schema, Q extends Schema, B extends Schema, A extends Access> {
  method: Method;
  /** Express-style path below /api, e.g. `/organizations/:id`. */
  path: string;
  summary: string;
  tag: string;
  access: A;
  /**
   * Open to a signed-in person whose role requires a second factor they have not set up yet
   * (shared/signIn.ts `mustEnrol`); every other `user` route answers them 403 mfa_enrolment_required.
   */
  openWhileEnrolling?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  /** Status of a successful response with a body; 204 when the handler returns undefined. */
  status?: number;
  responses: Record<number, ResponseSpec>;
  /** Runs before everything else (rate limiting). */
  limit?: RequestHandler;
  /** The handler reads the raw request bytes itself (an upload); otherwise a body must be JSON. */
  rawBody?: boolean;
}

export interface RouteContext<P extends Schema, Q extends Schema, B extends Schema, A extends Access> {
  req: Request;
  res: Response;
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  user: A extends 'user' ? UserWithOrganization : UserWithOrganization | undefined;
  actor: A extends 'user' ? Actor : Actor | undefined;
}

export interface RouteDefinition {
  spec: RouteSpec<Schema, Schema, Schema, Access>;
  handler: (ctx: RouteContext<Schema, Schema, Schema, Access>) => unknown;
}

export function defineRoute<
  P extends Schema = undefined,
  Q extends Schema = undefined,
  B extends Schema = undefined,
  A extends Access = 'user',
>(spec: RouteSpec<P, Q, B, A>, handler: (ctx: RouteContext<P, Q, B, A>) => unknown): RouteDefinition {
  // One list holds routes of every shape, so the handler's own context type is erased; validate() and run() supply exactly that context.
  return { spec, handler } as RouteDefinition;
}

function requireUser(spec: RouteDefinition['spec']): RequestHandler {
  return (req, _res, next) => {
    const user = req.user as UserWithOrganization | undefined;
    if (!user?.active) return next(unauthenticated());
    if (!spec.openWhileEnrolling && mustEnrol(toActor(user), req.session?.factors)) return next(enrolmentRequired());
    next();
  };
}

function validate(spec: RouteDefinition['spec']): RequestHandler {
  return (req, res, next) => {
    // A body in another content type would otherwise be ignored and the request run without it.
    if (!spec.rawBody && hasUnreadBody(req)) return next(unsupportedMediaType('body: send JSON with Content-Type: application/json'));
    const input: Record<string, unknown> = {};
    for (const location of ['params', 'query', 'body'] as const) {
      const schema = spec[location];
      const raw: unknown = req[location];
      if (!schema) {
        const hasContent = raw && typeof raw === 'object' && Object.keys(raw).length > 0;
        // A route without a schema for a location accepts nothing there.
        if (location !== 'params' && hasContent) return next(badRequest(`${location}: this endpoint takes no ${location}`, location));
        continue;
      }
      // Text that is not valid Unicode, in any field of any route: zod would let it through.
      const illFormed = location === 'query' ? illFormedQueryField(req.originalUrl) : illFormedField(raw, location);
      if (illFormed) return next(notUnicode(illFormed));
      const result = schema.safeParse(location === 'body' ? (raw ?? {}) : raw);
      if (!result.success) return next(fromZodError(result.error, location));
      input[location] = result.data;
    }
    res.locals.input = input;
    next();
  };
}

function run(definition: RouteDefinition): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const input = res.locals.input as Record<string, unknown>;
      const user = req.user as UserWithOrganization | undefined;
      const result = await definition.handler({
        req,
        res,
        params: input.params,
        query: input.query,
        body: input.body,
        user,
        actor: user ? toActor(user) : undefined,
      });
      if (res.headersSent) return;
      if (result === undefined) res.status(204).end();
      else res.status(definition.spec.status ?? 200).json(result);
    } catch (err) {
      next(err);
    }
  };
}

export function mountRoutes(router: Router, definitions: readonly RouteDefinition[]): void {
  for (const definition of definitions) {
    const { spec } = definition;
    const chain: RequestHandler[] = [];
    if (spec.limit) chain.push(spec.limit);
    if (spec.access === 'user') chain.push(requireUser(spec));
    chain.push(validate(spec), run(definition));
    router[spec.method](spec.path, ...chain);
  }
}
