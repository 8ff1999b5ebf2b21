/**
 * Helpers for the property-based fuzz tests: valid examples derived from the shared zod schemas
 * (so a mutation gets past the first check), arbitraries of hostile values, the field a refusal
 * must name, and a fingerprint of every stored document.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import mongoose from 'mongoose';
import { z } from 'zod';

/** Fixed by default so a failure reproduces; `FUZZ_SEED=… npx vitest run test/fuzz-*.test.ts` explores further. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_261_125);
/** Runs per property; `FUZZ_RUNS` raises it for a longer soak. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 3);

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  default?: unknown;
};

const FORMAT_EXAMPLES: Record<string, string> = {
  email: 'fuzz@example.jp',
  date: '2026-12-01',
  'date-time': '2026-12-10T14:00:00+09:00',
  uri: 'https://example.jp/fuzz',
};

function exampleOfJson(js: JsonSchema, allProperties: boolean): unknown {
  if (js.const !== undefined) return js.const;
  if (js.enum?.length) return js.enum[0];
  const alternatives = js.anyOf ?? js.oneOf;
  if (alternatives?.length) {
    const nonNull = alternatives.find((a) => a.type !== 'null') ?? alternatives[0]!;
    return exampleOfJson(nonNull, allProperties);
  }
  const type = Array.isArray(js.type) ? js.type[0] : js.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(js.properties ?? {})) {
        if (allProperties || js.required?.includes(key)) out[key] = exampleOfJson(prop, allProperties);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: js.minItems ?? 0 }, () => exampleOfJson(js.items ?? {}, allProperties));
    case 'string': {
      if (js.format && FORMAT_EXAMPLES[js.format]) return FORMAT_EXAMPLES[js.format];
      if (js.pattern) {
        const [sample] = fc.sample(fc.stringMatching(new RegExp(js.pattern)), { numRuns: 1, seed: FUZZ_SEED });
        return sample;
      }
      return 'x'.repeat(Math.max(js.minLength ?? 1, 1));
    }
    case 'integer':
    case 'number':
      return js.minimum ?? (js.maximum !== undefined && js.maximum < 1 ? js.maximum : 1);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return 'x';
  }
}

/** Query strings and path parameters arrive as strings. */
function asStrings(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : typeof v === 'string' ? v : String(v)]),
  );
}

/**
 * A value the schema accepts, derived from the schema (required fields first, then all of them),
 * or `undefined` when none could be derived: the caller then starts mutating from `{}`.
 */
export function validExample(schema: z.ZodType, location: 'params' | 'query' | 'body' | 'payload'): Record<string, unknown> | undefined {
  const key = `${location}`;
  const cached = examples.get(schema);
  if (cached && key in cached) return cached[key];
  const example = deriveExample(schema, location);
  examples.set(schema, { ...cached, [key]: example });
  return example;
}
const examples = new WeakMap<z.ZodType, Record<string, Record<string, unknown> | undefined>>();

function deriveExample(schema: z.ZodType, location: 'params' | 'query' | 'body' | 'payload'): Record<string, unknown> | undefined {
  let js: JsonSchema;
  try {
    js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return undefined;
  }
  for (const all of [false, true]) {
    let candidate = exampleOfJson(js, all);
    if (location === 'params' || location === 'query') candidate = asStrings(candidate);
    if (candidate && typeof candidate === 'object' && schema.safeParse(candidate).success) return candidate as Record<string, unknown>;
  }
  return undefined;
}

/** The top-level field names a schema knows (for mutating one of them). */
export function fieldNames(schema: z.ZodType): string[] {
  try {
    const js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    return Object.keys(js.properties ?? {});
  } catch {
    return [];
  }
}

/** What the server sees of a JSON-encoded value (no undefined, no -0, no NaN, own `__proto__` keys). */
export const overTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');

/**
 * The field a refusal must name, computed the way server/http/errors.ts `fromZodError` names it
 * from the same schema: `body.title`, `query.limit`, `payload.threadId`… `undefined` when valid.
 */
export function expectedField(schema: z.ZodType, value: unknown, location: string): string | undefined {
  const result = schema.safeParse(value);
  if (result.success) return undefined;
  const issue = result.error.issues[0]!;
  const path = [location, ...issue.path.map(String)];
  if (issue.code === 'unrecognized_keys') path.push(issue.keys[0]!);
  return path.join('.');
}

/** Operator objects a careless query builder would pass on to the database. */
export const OPERATOR_OBJECTS: unknown[] = [
  { $gt: '' },
  { $ne: null },
  { $where: 'sleep(5000) || true' },
  { $regex: '.*' },
  { $in: [] },
  { $expr: { $eq: [1, 1] } },
];

/** Raw JSON texts that smuggle prototype keys (a JS object literal would eat `__proto__`). */
export function pollutingBodies(example: Record<string, unknown> = {}): string[] {
  const rest = JSON.stringify(example).slice(1, -1);
  const tail = rest ? `,${rest}` : '';
  const [first = 'x', ...others] = Object.keys(example);
  const othersText = JSON.stringify(Object.fromEntries(others.map((k) => [k, example[k]]))).slice(1, -1);
  const nested = `{"${first}":{"__proto__":{"polluted":"yes"}}${othersText ? `,${othersText}` : ''}}`;
  return [
    `{"__proto__":{"polluted":"yes","role":"secretariat"}${tail}}`,
    `{"constructor":{"prototype":{"polluted":"yes"}}${tail}}`,
    `{"prototype":{"polluted":"yes"}${tail}}`,
    nested,
  ];
}

/** True when something managed to write onto Object.prototype in this process (the server runs in it). */
export function prototypePolluted(): boolean {
  const probe = {} as Record<string, unknown>;
  return probe.polluted !== undefined || probe.role !== undefined || Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted');
}

/** `depth` levels of nesting, as JSON text (built as text: a JS value that deep would overflow the encoder). */
export const deeplyNested = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth);

/** Hostile values for one field: wrong types, boundaries, operators, huge and odd strings, nesting. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...OPERATOR_OBJECTS),
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    -0,
    1.5,
    2 ** 31,
    2 ** 53 + 2,
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_VALUE,
    '',
    ' ',
    '\u0000',
    '\u202e',
    'NaN',
    'null',
    '0x1f',
  ),
  fc.constantFrom('x'.repeat(20_001), '漢'.repeat(10_001), ' '.repeat(12_000), 'a\u0000b'.repeat(3000)),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 6 }),
  fc.constant(Array.from({ length: 2_000 }, (_, i) => `item-${i}`)),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  fc.jsonValue({ maxDepth: 4 }),
);

/**
 * Objects that start from a valid example and break it: one field changed to a hostile value,
 * one removed, or an unknown one added.
 */
export function mutatedExample(example: Record<string, unknown> | undefined, fields: readonly string[]): fc.Arbitrary<unknown> {
  const base = example ?? {};
  const keys = [...new Set([...fields, ...Object.keys(base)])];
  const keyArb = keys.length
    ? fc.oneof(fc.constantFrom(...keys), fc.string({ minLength: 1, maxLength: 12 }))
    : fc.string({ minLength: 1, maxLength: 12 });
  return fc.oneof(
    fc.tuple(keyArb, hostileValue).map(([k, v]) => ({ ...base, [k]: v })),
    keys.length
      ? fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(base).filter(([key]) => key !== k)))
      : fc.constant({}),
    fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue({ maxDepth: 1 })).map(([k, v]) => ({ ...base, [`x-${k}`]: v })),
  );
}

/** Any JSON value at all, or a broken example: what a request body or event payload may be. */
export function anyPayload(example: Record<string, unknown> | undefined, fields: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: mutatedExample(example, fields) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) });
}

/**
 * A fingerprint of every document of every collection of the test database, per collection.
 * Sessions are left out: using a session rolls its expiry, by design.
 */
export async function storedFingerprint(): Promise<Record<string, string>> {
  const db = mongoose.connection.db!;
  // The search index (`search_*`, and its numbers `search:*` in the sequences) is derived from the content and
  // merged in the background every few seconds: what is stored is the content, which it follows.
  const names = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    .filter((n) => n !== 'sessions' && !n.startsWith('search_'))
    .sort();
  const derived = (doc: { _id: unknown }) => String(doc._id).startsWith('search:');
  const out: Record<string, string> = {};
  for (const name of names) {
    const docs = (await db.collection(name).find({}).sort({ _id: 1 }).toArray()).filter((d) => !derived(d));
    out[name] = `${docs.length}:${createHash('sha256').update(JSON.stringify(docs)).digest('hex').slice(0, 16)}`;
  }
  return out;
}
