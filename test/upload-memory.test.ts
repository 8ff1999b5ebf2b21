/**
 * Issue 16: uploads (20 MB each, 60 a minute per person) are exempt from admission control, so what
 * the server holds per upload decides how much memory a few people can make it take. This runs the
 * real server process and reads its resident memory from /proc while 16 full-size uploads from four
 * people are in flight at once.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { LIMITS } from '../shared/threads/rules';
import { ApiClient } from './support/client';
import { startServerProcess, stopServerProcess, type ServerProcess } from './support/process';
import { DEMO_TOTP_SECRET } from '../server/seed/seed';
import { totpCode } from './support/secondFactor';

const MB = 1024 * 1024;
const SIZE = LIMITS.attachmentBytes;
/** What each upload keeps back until all of them are in flight. */
const TAIL = 64 * 1024;
const PEOPLE = ['dev-admin@demo.example', 'dev@demo.example', 'dev2@demo.example', 'support@demo.example'];
const PER_PERSON = 4;
const ZEROS = Buffer.alloc(MB);

const dataDir = mkdtempSync(path.join(tmpdir(), 'council-upload-memory-'));
let running: ServerProcess | null = null;
afterAll(async () => {
  if (running) await stopServerProcess(running.child);
  rmSync(dataDir, { recursive: true, force: true });
});

/** A field of /proc/<pid>/status in MB (VmRSS: resident now; VmHWM: the peak since the last reset). */
const statusMb = (pid: number, field: 'VmRSS' | 'VmHWM') =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
/** Bytes the process has read with read(2), sockets included. */
const bytesRead = (pid: number) => Number(/rchar: (\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))![1]);

/** Zeros, `bytes` of them, in pieces of at most 1 MB. */
function* zeros(bytes: number): Generator<Buffer> {
  for (let left = bytes; left > 0; left -= MB) yield ZEROS.subarray(0, Math.min(left, MB));
}

interface HeldUpload {
  sha256: string;
  /** Send the rest and resolve with the answer. */
  finish(): Promise<{ status: number; body: { sha256?: string; error?: { message: string } } }>;
}

/** Start an upload and send all of it but the last TAIL bytes (resolves once they are written). */
async function startUpload(baseUrl: string, client: ApiClient, tag: string): Promise<HeldUpload> {
  const req = http.request(`${baseUrl}/api/attachments?name=${tag}.pdf`, {
    method: 'POST',
    headers: { cookie: client.cookieHeader, 'content-type': 'application/octet-stream', 'content-length': String(SIZE) },
  });
  const answer = new Promise<{ status: number; body: { sha256?: string } }>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString() || '{}') as { sha256?: string } }),
      );
    });
  });
  answer.catch(() => undefined); // awaited in finish()
  // A PDF of exactly SIZE bytes, different per tag: the header, then zeros.
  const head = Buffer.from(`%PDF-1.4\n% ${tag}\n`);
  const hash = createHash('sha256').update(head);
  for (const piece of zeros(SIZE - head.length)) hash.update(piece);
  const write = (piece: Buffer) => new Promise<void>((resolve, reject) => req.write(piece, (err) => (err ? reject(err) : resolve())));
  await write(head);
  for (const piece of zeros(SIZE - head.length - TAIL)) await write(piece);
  return {
    sha256: hash.digest('hex'),
    async finish() {
      await write(ZEROS.subarray(0, TAIL));
      req.end();
      return answer;
    },
  };
}

/** Resolve once the process has read `bytes` more than `from` (its uploads have reached it, not a socket buffer). */
async function untilRead(pid: number, from: number, bytes: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (bytesRead(pid) - from < bytes) {
    if (Date.now() > deadline)
      throw new Error(`the server read ${((bytesRead(pid) - from) / MB).toFixed(0)} MB of ${(bytes / MB).toFixed(0)} MB`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it(`16 uploads of 20 MB in flight at once, from four people, do not take 20 MB of memory each`, async () => {
  running = await startServerProcess(dataDir);
  const { baseUrl, child } = running;
  const pid = child.pid!;
  const people = await Promise.all(
    PEOPLE.map(async (email) => {
      const client = new ApiClient(baseUrl);
      const login = await client.post<{ mfa?: string }>('/api/auth/login', { email, password: 'council-demo' });
      expect(login.status).toBe(200);
      // The org admin's second factor: the demo's authenticator secret (one sign-in, so no code is reused).
      if (login.body.mfa === 'required')
        expect((await client.post('/api/auth/login/second-factor', { code: await totpCode(DEMO_TOTP_SECRET) })).status).toBe(200);
      return client;
    }),
  );
  // Warm up the upload path once (code loaded, pools allocated), so the baseline is the steady state.
  const warm = await startUpload(baseUrl, people[0]!, 'warm-up');
  expect((await warm.finish()).status).toBe(201);

  const before = statusMb(pid, 'VmRSS');
  writeFileSync(`/proc/${pid}/clear_refs`, '5'); // VmHWM from here on
  const readBefore = bytesRead(pid);
  const held = await Promise.all(
    people.flatMap((client, p) => Array.from({ length: PER_PERSON }, (_, i) => startUpload(baseUrl, client, `u${p}-${i}`))),
  );
  await untilRead(pid, readBefore, held.length * (SIZE - TAIL));
  const inFlight = statusMb(pid, 'VmRSS');
  const answers = await Promise.all(held.map((h) => h.finish()));
  const peak = statusMb(pid, 'VmHWM');

  expect(answers.map((a) => a.status)).toEqual(held.map(() => 201));
  expect(answers.map((a) => a.body.sha256)).toEqual(held.map((h) => h.sha256));
  const measured = `RSS before ${before.toFixed(0)} MB, with ${held.length} uploads in flight ${inFlight.toFixed(0)} MB, peak ${peak.toFixed(0)} MB`;
  // Holding each upload whole would add 16 × 20 MB = 320 MB; streaming needs a small, fixed amount.
  expect(peak - before, measured).toBeLessThan(64);
}, 180_000);
