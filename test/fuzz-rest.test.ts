/**
 * Property-based fuzzing of every REST route in the route table (so a new route is covered without
 * touching this file): path parameters, query strings and bodies the route's own zod schemas
 * refuse, and hostile specials — operator objects, prototype keys, huge strings and arrays,
 * invalid UTF-8, 10,000-deep nesting, wrong content types. Each must get a 4xx naming the field
 * the schema names, never a 5xx; the server keeps answering and nothing stored changes.
 * Reproduce with FUZZ_SEED=…; FUZZ_RUNS=… raises the runs per property.
 */
import querystring from 'node:querystring';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteDefinition } from '../server/http/route';
import type { ApiClient } from './support/client';
import {
  anyPayload,
  deeplyNested,
  expectedField,
  fieldNames,
  FUZZ_RUNS,
  FUZZ_SEED,
  OPERATOR_OBJECTS,
  overTheWire,
  pollutingBodies,
  prototypePolluted,
  storedFingerprint,
  validExample,
} from './support/fuzz';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
let secretariat: ApiClient;
let routes: readonly RouteDefinition[];
let storedBefore: Record<string, string>;
const tally = { requests: 0, properties: 0 };
const started = Date.now();

beforeAll(async () => {
  server = await startTestServer({ SOCKET_EVENTS_PER_10S: '100000' });
  // The secretariat gets furthest past the access checks, so the inputs reach validation everywhere.
  secretariat = await server.signIn('secretariat@demo.example');
  routes = server.council.routes;
  storedBefore = await storedFingerprint();
});

afterAll(async () => {
  console.log(
    `[fuzz-rest] ${tally.requests} fuzz requests over ${routes.length} routes (${tally.properties} properties, seed ${FUZZ_SEED}, ${FUZZ_RUNS} runs each) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  await server?.close();
});

const label = (r: RouteDefinition) => `${r.spec.method.toUpperCase()} ${r.spec.path}`;
const literalSegments = () => new Set(routes.flatMap((r) => r.spec.path.split('/').filter((s) => s && !s.startsWith(':'))));

interface Sent {
  status: number;
  body: { error?: { code?: string; message?: string; field?: string } } | string | undefined;
  text: string;
}

async function send(method: string, path: string, options: { body?: string | Buffer; contentType?: string | null } = {}): Promise<Sent> {
  tally.requests++;
  const headers: Record<string, string> = { cookie: secretariat.cookieHeader };
  if (options.body !== undefined && options.contentType !== null) headers['content-type'] = options.contentType ?? 'application/json';
  const res = await fetch(`${server.baseUrl}/api${path}`, {
    method,
    headers,
    body: options.body as BodyInit | undefined,
    redirect: 'manual',
  });
  const text = await res.text();
  let body: Sent['body'] = text;
  try {
    body = text ? (JSON.parse(text) as Sent['body']) : undefined;
  } catch {
    // not JSON
  }
  return { status: res.status, body, text };
}

/** A refusal: a 4xx with the JSON error body; `status` and `field` exactly when given. */
function expectRefused(res: Sent, what: string, expected: { status?: number; field?: string | undefined } = {}) {
  const context = `${what} → ${res.status} ${res.text.slice(0, 300)}`;
  expect(res.status, context).toBeGreaterThanOrEqual(400);
  expect(res.status, context).toBeLessThan(500);
  if (expected.status !== undefined) expect(res.status, context).toBe(expected.status);
  if (res.status === 431) return; // Node refuses an oversized request line before the app sees it
  const error = typeof res.body === 'object' ? res.body?.error : undefined;
  expect(error?.code, context).toEqual(expect.any(String));
  expect(error?.message, context).toEqual(expect.any(String));
  if (expected.field !== undefined) expect(error?.field, context).toBe(expected.field);
  expect(prototypePolluted(), `${what} polluted Object.prototype`).toBe(false);
}

function pathOf(route: RouteDefinition, params: Record<string, unknown>, rawQuery = ''): string {
  const path = route.spec.path.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(String(params[name])));
  return rawQuery ? `${path}?${rawQuery}` : path;
}

/** Valid params and query for a route, so a fuzzed location is the only thing wrong. */
function validParts(route: RouteDefinition) {
  const params = route.spec.params ? validExample(route.spec.params, 'params') : {};
  const query = route.spec.query ? (route.spec.query.safeParse({}).success ? {} : validExample(route.spec.query, 'query')) : {};
  if (!params || !query)
    throw new Error(`${label(route)}: no valid params/query could be derived from its schemas; add a case to test/support/fuzz.ts`);
  return { params, query: querystring.stringify(query as Record<string, string>) };
}

const property = <T>(arb: fc.Arbitrary<T>, check: (value: T) => Promise<void>, runs = FUZZ_RUNS) => {
  tally.properties++;
  return fc.assert(fc.asyncProperty(arb, check), { numRuns: runs, seed: FUZZ_SEED, endOnFailure: true });
};

async function stillServing(after: string) {
  const res = await fetch(`${server.baseUrl}/api/health`);
  expect(res.status, `health after ${after}`).toBe(200);
}

const SLOW = 240_000;
const DEEP_ARRAY = deeplyNested(10_000);
const DEEP_OBJECT = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
/** Runs per property for the cheaper locations; every run is a signed-in request (a session load). */
const FEW = Math.max(1, FUZZ_RUNS - 1);

describe('every route, fuzzed from its own schemas', () => {
  it(
    'refuses path parameters its schema refuses: 400 naming params.<name>',
    async () => {
      const literals = literalSegments();
      for (const route of routes.filter((r) => r.spec.params)) {
        const { params, query } = validParts(route);
        for (const name of Object.keys(params)) {
          const value = fc.oneof(
            fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
            fc.stringMatching(/^[0-9a-gA-G]{22,26}$/),
            fc.constantFrom(
              'null',
              'undefined',
              '{"$gt":""}',
              '[object Object]',
              '../../etc/passwd',
              '%00',
              '__proto__',
              'constructor',
              'x'.repeat(3000),
              ' 0123456789abcdef01234567',
            ),
          );
          await property(
            value,
            async (v) => {
              const candidate = { ...params, [name]: v };
              fc.pre(v !== '.' && v !== '..' && !literals.has(v) && !route.spec.params!.safeParse(candidate).success);
              const res = await send(route.spec.method.toUpperCase(), pathOf(route, candidate, query));
              expectRefused(res, `${label(route)} with ${name}=${JSON.stringify(v).slice(0, 80)}`, {
                status: 400,
                field: expectedField(route.spec.params!, candidate, 'params'),
              });
            },
            FEW,
          );
          // A percent-escape that does not decode.
          expectRefused(
            await send(
              route.spec.method.toUpperCase(),
              route.spec.path.replace(`:${name}`, '%E0%A4%A').replace(/:(\w+)/g, (_m, n: string) => encodeURIComponent(String(params[n]))),
            ),
            `${label(route)} bad escape`,
            { status: 400 },
          );
        }
        await stillServing(label(route));
      }
    },
    SLOW,
  );

  it(
    'refuses query strings its schema refuses (arrays, objects, operators, unknown keys): 400 naming query.<key>',
    async () => {
      for (const route of routes) {
        const { params, query } = validParts(route);
        const keys = route.spec.query ? fieldNames(route.spec.query) : [];
        const key = fc.oneof(
          keys.length ? fc.constantFrom(...keys) : fc.constant('q'),
          fc.constantFrom(
            'a[b]',
            '$where',
            '__proto__',
            '__proto__[polluted]',
            'constructor[prototype][polluted]',
            'prototype',
            ...keys.map((k) => `${k}[$ne]`),
            ...keys.map((k) => `${k}[]`),
          ),
          fc.string({ minLength: 1, maxLength: 10 }),
        );
        const value = fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 30 }),
          fc.constantFrom('', '[]', '{"$gt":""}', 'true', '-1', '0', '1e309', 'NaN', 'x'.repeat(3000)),
        );
        const entries = fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 4 });
        await property(
          entries,
          async (pairs) => {
            const fuzz = pairs
              .map(([k, v]) => `${encodeURIComponent(k).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encodeURIComponent(v)}`)
              .join('&');
            const raw = [query, fuzz].filter(Boolean).join('&');
            const seen = { ...querystring.parse(raw) };
            let field: string | undefined;
            if (route.spec.query) field = expectedField(route.spec.query, seen, 'query');
            else field = Object.keys(seen).length ? 'query' : undefined;
            fc.pre(field !== undefined);
            const res = await send(route.spec.method.toUpperCase(), pathOf(route, params, raw));
            expectRefused(res, `${label(route)}?${raw.slice(0, 120)}`, { status: 400, field });
          },
          FEW,
        );
        // Over Node's header limit: refused before the app, and the app keeps serving.
        expectRefused(
          await send(route.spec.method.toUpperCase(), pathOf(route, params, `${keys[0] ?? 'q'}=${'x'.repeat(20_000)}`)),
          `${label(route)} 20 kB query`,
        );
      }
      await stillServing('query fuzzing');
    },
    SLOW,
  );

  it(
    'refuses bodies its schema refuses, random or one field broken: 400 naming body.<field>',
    async () => {
      for (const route of routes.filter((r) => r.spec.method !== 'get')) {
        const { params, query } = validParts(route);
        const schema = route.spec.body;
        const example = schema ? validExample(schema, 'body') : undefined;
        const path = pathOf(route, params, query);
        await property(anyPayload(example, schema ? fieldNames(schema) : []), async (value) => {
          const seen = overTheWire(value);
          const isContainer = typeof seen === 'object' && seen !== null;
          let field: string | undefined;
          if (!isContainer)
            field = 'body'; // express.json is strict: only objects and arrays
          else if (schema) field = expectedField(schema, seen, 'body');
          else field = Object.keys(seen).length ? 'body' : undefined; // a route without a body schema takes none
          fc.pre(field !== undefined);
          const res = await send(route.spec.method.toUpperCase(), path, { body: JSON.stringify(value) });
          expectRefused(res, `${label(route)} body ${JSON.stringify(value).slice(0, 160)}`, { status: 400, field });
        });
        await stillServing(label(route));
      }
    },
    SLOW,
  );

  it(
    'refuses hostile bodies: operators, prototype keys, huge, oversized, invalid UTF-8, deep, wrong content type',
    async () => {
      for (const [i, route] of routes.filter((r) => r.spec.method !== 'get').entries()) {
        const { params, query } = validParts(route);
        const method = route.spec.method.toUpperCase();
        const path = pathOf(route, params, query);
        const schema = route.spec.body;
        const example = (schema ? validExample(schema, 'body') : undefined) ?? {};
        const fields = schema ? fieldNames(schema) : ['x'];
        const name = label(route);
        /** The field the server must name for this JSON text: the schema's, or `body` for a route that takes none. */
        const fieldFor = (text: string) => {
          const seen: unknown = JSON.parse(text);
          if (!schema) return 'body';
          return expectedField(schema, seen, 'body');
        };
        const cases: Array<[string, string | Buffer, { status?: number; field?: string | undefined; contentType?: string | null }]> = [];
        const jsonCase = (what: string, text: string) => {
          const field = fieldFor(text);
          if (field !== undefined) cases.push([what, text, { status: 400, field }]);
        };
        // Every route gets each kind of hostile body; which field and which variant rotate over the
        // routes, so the table is covered without a request per combination (each costs a session load).
        const f = fields[i % fields.length]!;
        const op = OPERATOR_OBJECTS[i % OPERATOR_OBJECTS.length];
        jsonCase(`operator ${JSON.stringify(op)} in ${f}`, JSON.stringify({ ...example, [f]: op }));
        const big: Array<[string, string]> = [
          [`90 kB string in ${f}`, JSON.stringify({ ...example, [f]: 'x'.repeat(90_000) })],
          [`20,000-item array in ${f}`, JSON.stringify({ ...example, [f]: Array.from({ length: 20_000 }, () => 1) })],
          [`10,000-deep array in ${f}`, JSON.stringify({ ...example, [f]: 0 }).replace(`"${f}":0`, `"${f}":${DEEP_ARRAY}`)],
        ];
        jsonCase(...big[i % big.length]!);
        const polluting = pollutingBodies(example);
        jsonCase(`prototype keys ${polluting[i % polluting.length]!.slice(0, 50)}`, polluting[i % polluting.length]!);
        if (i % 2) jsonCase('10,000-deep array', DEEP_ARRAY);
        else jsonCase('10,000-deep object', DEEP_OBJECT);
        if (!route.spec.rawBody) {
          const wrongTypes: Array<[string, string, string | null]> = [
            ['text/plain', JSON.stringify(example), 'text/plain'],
            ['a form', 'title=x&role=secretariat', 'application/x-www-form-urlencoded'],
            ['no content type', JSON.stringify(example), null],
          ];
          const [what, text, contentType] = wrongTypes[i % wrongTypes.length]!;
          cases.push([what, text, { status: 415, field: 'body', contentType }]);
        }
        // Refused by the body parser before a session is loaded: cheap, so every route gets them all.
        cases.push(['malformed JSON', '{"a":', { status: 400, field: 'body' }]);
        cases.push(['a JSON string', '"text"', { status: 400, field: 'body' }]);
        cases.push(['over 100 kB', JSON.stringify({ ...example, padding: 'x'.repeat(200_000) }), { status: 413 }]);
        const marked = JSON.stringify({ ...example, [fields[0]!]: 'MARK' });
        const invalidUtf8 = Buffer.concat([
          Buffer.from(marked.slice(0, marked.indexOf('MARK'))),
          Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
          Buffer.from(marked.slice(marked.indexOf('MARK') + 4)),
        ]);
        cases.push(['invalid UTF-8', invalidUtf8, { status: 400, field: 'body' }]);
        cases.push([
          'a Latin-1 charset',
          JSON.stringify(example),
          { status: 400, field: 'body', contentType: 'application/json; charset=latin1' },
        ]);
        for (const [what, body, expected] of cases) {
          const res = await send(method, path, { body, contentType: expected.contentType });
          expectRefused(res, `${name}: ${what}`, expected);
        }
        await stillServing(name);
      }
    },
    SLOW,
  );

  it('changed nothing stored, and the process still serves', async () => {
    expect(await storedFingerprint()).toEqual(storedBefore);
    await stillServing('everything');
    expect((await secretariat.get('/api/me')).status).toBe(200);
  });
});
