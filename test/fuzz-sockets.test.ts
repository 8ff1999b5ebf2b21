/**
 * Property-based fuzzing of every client→server socket event in SOCKET_EVENT_SCHEMAS (so a new
 * event is covered without touching this file): payloads the event's schema refuses, random or one
 * field broken from a valid example, and hostile specials — operator objects, prototype keys, huge
 * strings and arrays, binary, 10,000-deep nesting sent as a raw packet, no acknowledgement, unknown
 * events, an over-limit frame. Each gets an error ack naming the field; the process stays up and
 * nothing stored changes. Reproduce with FUZZ_SEED=…; FUZZ_RUNS=… raises the runs per property.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOCKET_EVENT_SCHEMAS, type Ack, type SocketEventName } from '../shared/socketEvents';
import type { ApiClient, CouncilClientSocket } from './support/client';
import { ack, emitWithAck, openSocket } from './support/forum';
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
let socket: CouncilClientSocket;
let storedBefore: Record<string, string>;
const tally = { events: 0, properties: 0 };
const started = Date.now();
const EVENTS = Object.keys(SOCKET_EVENT_SCHEMAS) as SocketEventName[];
/** Socket events cost no session load each, so they get more runs than REST requests. */
const RUNS = FUZZ_RUNS * 12;

beforeAll(async () => {
  server = await startTestServer({ SOCKET_EVENTS_PER_10S: '100000' });
  secretariat = await server.signIn('secretariat@demo.example');
  socket = await openSocket(secretariat);
  storedBefore = await storedFingerprint();
});

afterAll(async () => {
  console.log(
    `[fuzz-sockets] ${tally.events} fuzz events over ${EVENTS.length} event types (${tally.properties} properties, seed ${FUZZ_SEED}, ${RUNS} runs each) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  socket?.close();
  await server?.close();
});

type ErrorAck = Extract<Ack, { ok: false }>;

async function emit(event: string, payload: unknown): Promise<Ack> {
  tally.events++;
  return ack(socket, event as SocketEventName, payload) as Promise<Ack>;
}

function expectErrorAck(reply: Ack, what: string, field?: string): asserts reply is ErrorAck {
  const context = `${what} → ${JSON.stringify(reply).slice(0, 300)}`;
  expect(reply.ok, context).toBe(false);
  const { error } = reply as ErrorAck;
  expect(error.code, context).toBe('bad_request');
  expect(error.message, context).toEqual(expect.any(String));
  if (field !== undefined) expect(error.field, context).toBe(field);
  expect(prototypePolluted(), `${what} polluted Object.prototype`).toBe(false);
}

let rawAckId = 900_000;
/**
 * Send an event as a raw Socket.IO packet, JSON text as given: a payload too deep for the client's
 * encoder (it recurses) still reaches the server this way. Resolves with the acknowledgement.
 */
function emitRaw(event: string, payloadJson: string): Promise<Ack> {
  tally.events++;
  const id = ++rawAckId;
  const engine = (
    socket.io as unknown as {
      engine: {
        write(data: string): void;
        on(e: string, f: (p: { type: string; data?: unknown }) => void): void;
        off(e: string, f: (p: { type: string; data?: unknown }) => void): void;
      };
    }
  ).engine;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ack for raw ${event} within 5 s`)), 5_000);
    const onPacket = (p: { type: string; data?: unknown }) => {
      if (p.type !== 'message' || typeof p.data !== 'string' || !p.data.startsWith(`3${id}[`)) return;
      clearTimeout(timer);
      engine.off('packet', onPacket);
      resolve((JSON.parse(p.data.slice(`3${id}`.length)) as Ack[])[0]!);
    };
    engine.on('packet', onPacket);
    engine.write(`2${id}[${JSON.stringify(event)},${payloadJson}]`);
  });
}

async function stillServing(after: string) {
  expect((await fetch(`${server.baseUrl}/api/health`)).status, `health after ${after}`).toBe(200);
  const pong = await ack(socket, 'session.ping', {});
  expect(pong.ok, `ping after ${after}`).toBe(true);
}

const SLOW = 240_000;

describe('every socket event, fuzzed from its own schema', () => {
  it(
    'answers payloads its schema refuses with an error ack naming payload.<field>',
    async () => {
      for (const event of EVENTS) {
        const schema = SOCKET_EVENT_SCHEMAS[event];
        tally.properties++;
        await fc.assert(
          fc.asyncProperty(anyPayload(validExample(schema, 'payload'), fieldNames(schema)), async (payload) => {
            const field = expectedField(schema, overTheWire(payload), 'payload');
            fc.pre(field !== undefined);
            expectErrorAck(await emit(event, payload), `${event} ${JSON.stringify(payload).slice(0, 160)}`, field);
          }),
          { numRuns: RUNS, seed: FUZZ_SEED, endOnFailure: true },
        );
        await stillServing(event);
      }
    },
    SLOW,
  );

  it(
    'answers hostile payloads: operators, prototype keys, huge strings and arrays, binary, deep nesting',
    async () => {
      for (const event of EVENTS) {
        const schema = SOCKET_EVENT_SCHEMAS[event];
        const example = validExample(schema, 'payload') ?? {};
        const fields = fieldNames(schema);
        const check = async (what: string, payload: unknown) => {
          const field = expectedField(schema, overTheWire(payload), 'payload');
          if (field === undefined) return;
          expectErrorAck(await emit(event, payload), `${event}: ${what}`, field);
        };
        for (const [i, f] of fields.entries()) {
          await check(`operator in ${f}`, { ...example, [f]: OPERATOR_OBJECTS[i % OPERATOR_OBJECTS.length] });
          await check(`200 kB string in ${f}`, { ...example, [f]: 'x'.repeat(200_000) });
          await check(`20,000-item array in ${f}`, { ...example, [f]: Array.from({ length: 20_000 }, () => 'x') });
          // Binary travels as a separate attachment; the schema sees a Buffer where it wants text.
          expectErrorAck(
            await emit(event, { ...example, [f]: Buffer.from([0xff, 0x00, 0xfe]) }),
            `${event}: binary in ${f}`,
            `payload.${f}`,
          );
        }
        for (const text of pollutingBodies(example)) await check(`prototype keys ${text.slice(0, 50)}`, JSON.parse(text));
        for (const payload of [null, undefined, 0, 'text', [], [example], true])
          await check(`payload ${String(JSON.stringify(payload))}`, payload);
        // Too deep for the client's encoder: sent as raw packets.
        expectErrorAck(await emitRaw(event, deeplyNested(10_000)), `${event}: 10,000-deep array`, 'payload');
        const deepInField = `{${JSON.stringify(example).slice(1, -1)}${fields.length && Object.keys(example).length ? ',' : ''}"${fields[0] ?? 'x'}":${deeplyNested(10_000)}}`;
        const deepField = expectedField(schema, JSON.parse(deepInField), 'payload');
        expectErrorAck(await emitRaw(event, deepInField), `${event}: 10,000-deep in ${fields[0]}`, deepField);
        expectErrorAck(await emitRaw(event, `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`), `${event}: 10,000-deep object`);
        // No acknowledgement function, or extra arguments: nothing to answer, and nothing breaks.
        tally.events += 2;
        (socket as unknown as { emit(...a: unknown[]): void }).emit(event, { ...example, [fields[0] ?? 'x']: { $gt: '' } });
        (socket as unknown as { emit(...a: unknown[]): void }).emit(event, 1, 2, 3, 'not a function');
        await stillServing(event);
      }
    },
    SLOW,
  );

  it(
    'answers unknown events, odd names and a frame over the size limit without falling over',
    async () => {
      // Object.prototype's names too: `name in table` would take them for known events and stay silent.
      for (const name of ['no.such.event', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'x'.repeat(10_000), '']) {
        tally.events++;
        const reply = await emitWithAck(socket, name, {}, 3_000).catch((err: Error) => ({ ok: 'no ack', error: err.message }));
        expectErrorAck(reply as Ack, `unknown event ${JSON.stringify(name.slice(0, 40))}`);
      }
      // Names Socket.IO reserves are refused by the client library before they are sent.
      const untyped = (s: CouncilClientSocket) => s as unknown as { emit(...args: unknown[]): void };
      expect(() => untyped(socket).emit('disconnecting')).toThrow(/reserved/);
      // Over maxHttpBufferSize (1 MB): the server drops that connection, and serves everyone else.
      const victim = await openSocket(secretariat);
      const closed = new Promise<string>((resolve) => victim.once('disconnect', (reason) => resolve(reason)));
      tally.events++;
      untyped(victim).emit('thread.join', { threadId: 'x'.repeat(1_200_000) });
      expect(await closed).toMatch(/transport|close|error/);
      await stillServing('an oversized frame');
    },
    SLOW,
  );

  it('changed nothing stored, and the process still serves', async () => {
    expect(await storedFingerprint()).toEqual(storedBefore);
    await stillServing('everything');
  });
});
