/** The OpenAPI 3.1 description, generated from the same route objects and zod schemas the server runs. */
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import type { z } from 'zod';
import type { RouteDefinition } from '../http/route';

const toOpenApiPath = (path: string) => `/api${path.replace(/:(\w+)/g, '{$1}')}`;

function operation({ spec }: RouteDefinition): ZodOpenApiOperationObject {
  const responses: ZodOpenApiOperationObject['responses'] = {};
  for (const [status, response] of Object.entries(spec.responses)) {
    responses[status as `2${string}`] = {
      description: response.description,
      ...(response.schema ? { content: { [response.contentType ?? 'application/json']: { schema: response.schema } } } : {}),
    };
  }
  // A route with a declared pace can answer 429 (server/http/postLimit.ts).
  if (spec.limit && !responses['429']) responses['429'] = { description: 'too many requests; Retry-After says when to try again' };
  return {
    summary: spec.summary,
    tags: [spec.tag],
    operationId: `${spec.method}${spec.path.replace(/[/:](\w)/g, (_, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '')}`,
    ...(spec.access === 'user' ? { security: [{ session: [] }] } : { security: [] }),
    ...(spec.params || spec.query
      ? {
          requestParams: {
            ...(spec.params ? { path: spec.params as z.ZodObject } : {}),
            ...(spec.query ? { query: spec.query as z.ZodObject } : {}),
          },
        }
      : {}),
    ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: spec.body } } } } : {}),
    responses,
  };
}

export function buildOpenApiDocument(routes: readonly RouteDefinition[], version: string) {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const path = toOpenApiPath(route.spec.path);
    paths[path] = { ...(paths[path] ?? {}), [route.spec.method]: operation(route) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: '事業者協議会プラットフォーム API (Vendor Council platform)',
      version,
      description:
        'API of the collaboration platform of the Vendor Council for the Unification and Standardization of Core Local Government Systems. ' +
        'Sign in with POST /api/auth/login (and, when it answers `{ mfa: "required" }`, POST /api/auth/login/second-factor); the session cookie authenticates every other call. A role that requires a second factor is answered 403 `mfa_enrolment_required` until one is set up (/api/me/mfa/…). State-changing calls from another site are refused.',
    },
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'council.sid' } },
    },
    paths,
  });
}
