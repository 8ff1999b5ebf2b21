/**
 * `npm run bench -- growth`: the hot paths one request at a time, as the database grows through three
 * sizes (messages, issues and signed-in sessions together). Each step adds data straight into the
 * database, the way the app stores it, then asks the running app for each path `samples` times.
 * The target is flat growth: each path's p50 at the largest size ≤ 1.5× its p50 at the smallest
 * (docs/PERFORMANCE.md, "Growth").
 */
import { performance } from 'node:perf_hooks';
import { ObjectId, type Db } from 'mongodb';
import { io, type Socket } from 'socket.io-client';
import { hashPassword, verifyPassword } from '@server/auth/password';
import { recordViewChange } from '@server/db/viewFeed';
import { ALL_MESSAGES } from '@server/threads/changeKeys';
import { THREADS_LOG } from '@server/threads/model';
import { benchPeople, createLiveMeeting, mintSessions, seeded, seedIssues, seedLongThread } from './data';
import { summarize } from './stats';

export const GROWTH_PATHS = [
  'me',
  'signin',
  'orgs',
  'threads',
  'threadpage',
  'threadlatest',
  'threadup',
  'send',
  'issue',
  'register',
  'meeting',
] as const;
export type GrowthPath = (typeof GROWTH_PATHS)[number];

export const GROWTH_PATH_TITLES: Record<GrowthPath, string> = {
  me: '`/api/me` (session, user, organisation)',
  signin: 'sign-in (argon2 included)',
  orgs: 'organisation directory',
  threads: 'thread list with unread counts',
  threadpage: 'a page of the long thread, anywhere in its history (a first read: not cached)',
  threadlatest: 'the long thread’s latest page (read again and again: the bucket cache)',
  threadup: 'the next page up, scrolling through the history (read ahead while the reader read the page below)',
  send: 'message send → ack (socket)',
  issue: 'an issue page',
  register: 'register page, filtered and sorted, with total',
  meeting: 'a meeting page',
};

/** The aims at the largest size, one request alone (issue 15); `signin` is judged without its argon2 time. */
export const GROWTH_AIMS: Partial<Record<GrowthPath, number>> = {
  me: 15,
  signin: 40,
  threadpage: 30,
  threadlatest: 30,
  threadup: 30,
  send: 30,
  issue: 30,
  register: 100,
};

export interface GrowthSize {
  messages: number;
  issues: number;
  sessions: number;
}
export interface PathFigures {
  p50: number;
  p99: number;
  samples: number;
  errors: number;
}
export interface GrowthStep {
  size: GrowthSize;
  /** How long adding this step's data took. */
  seedSeconds: number;
  /** The long thread being paged (a fifth of the step's new messages). */
  longThreadMessages: number;
  paths: Record<GrowthPath, PathFigures>;
}
export interface GrowthResult {
  steps: GrowthStep[];
  /** argon2 verification alone in this process, to read sign-in against. */
  argon2Ms: number;
  /** Per path: p50 at the largest size ÷ p50 at the smallest. */
  growth: Record<GrowthPath, number>;
}

interface GrowthInput {
  mongo: Db;
  appUrl: string;
  secret: string;
  sizes: GrowthSize[];
  samples: number;
  say: (s: string) => void;
  /** Called after each bulk load (the PostgreSQL indexes). */
  afterLoad: () => Promise<void>;
}

const PASSWORD = 'growth-bench-password';
/**
 * How long a reader looks at a page before scrolling to the next (a person reads 50 messages in far
 * longer): think time, part of what `threadup` models. Between first-read samples it is only a gap, so
 * a sample seldom shares the core with the previous one's read ahead; no answer depends on it (a read
 * ahead begun before `m:*` is not kept, and a request meeting one in flight shares it).
 */
const READER_PAUSE_MS = 300;
const pause = () => new Promise((resolve) => setTimeout(resolve, READER_PAUSE_MS));
/**
 * The register's filters and sorts, each matching 40% or more of the issues of the smallest size, so
 * two pages of a fifth of that size (20 of 100; at most 20) are full at every size: the ratio compares the
 * same work (narrower shapes, such as one business area, matched 6 of 100 issues, so the smallest size
 * presented a fifth as many).
 */
const REGISTER_SHAPES = [
  'hasAnswer=false&sort=-support',
  'overdue=false&sort=-number',
  'leadTimeShort=false&sort=due',
  'status=new,accepted,reviewing,answered&sort=-updated',
  'sort=-updated',
];

async function timed(samples: number, once: (i: number) => Promise<boolean>, before?: () => Promise<unknown>): Promise<PathFigures> {
  const times: number[] = [];
  let errors = 0;
  for (let i = -2; i < samples; i++) {
    await before?.();
    const started = performance.now();
    const ok = await once(i).catch(() => false);
    const ms = performance.now() - started;
    if (i < 0) continue; // two warm-up requests
    times.push(ms);
    if (!ok) errors++;
  }
  const { p50, p99 } = summarize(times);
  return { p50, p99, samples: times.length, errors };
}

async function signInPerson(mongo: Db): Promise<string> {
  const email = 'growth-signin@bench.example';
  const org = await mongo.collection('organizations').findOne({ kind: 'vendor' });
  const at = new Date();
  await mongo.collection('users').updateOne(
    { _id: new ObjectId('6b0000000000000000000001') },
    {
      $setOnInsert: {
        email,
        displayName: 'ベンチ サインイン',
        organization: org!._id,
        role: 'member',
        active: true,
        passwordHash: await hashPassword(PASSWORD),
        lastLoginAt: null,
        passwordChangedAt: null,
        createdAt: at,
        updatedAt: at,
        __v: 0,
      },
    },
    { upsert: true },
  );
  return email;
}

function connect(url: string, cookie: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie } });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

export async function runGrowth(input: GrowthInput): Promise<GrowthResult> {
  const { mongo, appUrl, sizes, samples, say } = input;
  const get = async (cookie: string, path: string) => (await fetch(`${appUrl}${path}`, { headers: { cookie } })).status === 200;
  const email = await signInPerson(mongo);
  const argon2Started = performance.now();
  const hash = await hashPassword('x');
  for (let i = 0; i < 5; i++) await verifyPassword(hash, 'x');
  const argon2Ms = Math.round(((performance.now() - argon2Started) / 6) * 10) / 10;

  const registerPageSize = Math.max(1, Math.min(20, Math.floor(sizes[0]!.issues / 5)));
  const steps: GrowthStep[] = [];
  let had: GrowthSize = { messages: 0, issues: 0, sessions: 0 };
  let meetingId = '';
  const rand = seeded(11);
  for (const size of sizes) {
    say(` growing to ${size.messages} messages, ${size.issues} issues, ${size.sessions} sessions…`);
    const started = Date.now();
    const people = await benchPeople(mongo, Math.max(size.sessions, 200));
    const cookies = await mintSessions(mongo, people.slice(had.sessions, size.sessions), input.secret);
    const added = size.messages - had.messages;
    const { threadId, lastSeq } = await seedLongThread(mongo, people.slice(0, 50), Math.floor(added / 5), added, say);
    await seedIssues(mongo, people.slice(0, 200), size.issues - had.issues, say);
    if (!meetingId) meetingId = await createLiveMeeting(mongo, people[0]!);
    await input.afterLoad();
    const seedSeconds = Math.round((Date.now() - started) / 1000);
    say(`  added in ${seedSeconds} s`);
    had = size;

    const cookie = cookies[0]!;
    const issueIds = (
      await mongo
        .collection('issues')
        .find({}, { projection: { _id: 1 } })
        .limit(500)
        .toArray()
    ).map((d) => String(d._id));
    const socket = await connect(appUrl, cookie);
    let sent = 0;
    const paths = {} as Record<GrowthPath, PathFigures>;
    paths.me = await timed(samples, () => get(cookie, '/api/me'));
    paths.signin = await timed(Math.min(samples, 20), async () => {
      const res = await fetch(`${appUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: appUrl },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      return res.status === 200;
    });
    paths.orgs = await timed(samples, () => get(cookie, '/api/organizations'));
    paths.threads = await timed(samples, () => get(cookie, '/api/threads'));
    // A first read every time, at every size: the app's cached pages are dropped before each request
    // (`m:*` in the threads' change log, as a write around the app would record), else at the smallest
    // size the few pages of the thread would soon all be cached and the ratio would compare warm with cold.
    paths.threadpage = await timed(
      samples,
      () => get(cookie, `/api/threads/${threadId}/messages?before=${51 + Math.floor(rand() * Math.max(1, lastSeq - 50))}&limit=50`),
      async () => {
        await pause();
        await recordViewChange(mongo, THREADS_LOG, ALL_MESSAGES);
      },
    );
    // Scrolling up: a first read of a page (untimed), the reader's pause, then the page above it (timed),
    // which the app read ahead meanwhile (or is still reading: the request then shares that read).
    let above = 0;
    paths.threadup = await timed(
      samples,
      () => get(cookie, `/api/threads/${threadId}/messages?before=${above}&limit=50`),
      async () => {
        await pause();
        await recordViewChange(mongo, THREADS_LOG, ALL_MESSAGES);
        const before = 101 + Math.floor(rand() * Math.max(1, lastSeq - 100));
        const res = await fetch(`${appUrl}/api/threads/${threadId}/messages?before=${before}&limit=50`, { headers: { cookie } });
        const body = (await res.json()) as { messages: Array<{ seq: number }> };
        above = body.messages[0]?.seq ?? before - 50;
        await pause();
      },
    );
    paths.threadlatest = await timed(samples, () => get(cookie, `/api/threads/${threadId}/messages?limit=50`));
    paths.send = await timed(samples, async () => {
      const ack = (await socket.timeout(30_000).emitWithAck('message.send', {
        threadId,
        clientId: `growth-${size.messages}-${sent++}`,
        body: '成長ベンチの発言です。',
        attachmentIds: [],
      })) as { ok: boolean };
      return ack.ok;
    });
    paths.issue = await timed(samples, () => get(cookie, `/api/issues/${issueIds[Math.floor(rand() * issueIds.length)]}`));
    // A page that is not full counts as an error: the ratio would compare less work with more.
    paths.register = await timed(samples, async (i) => {
      const shape = REGISTER_SHAPES[Math.abs(i) % REGISTER_SHAPES.length];
      const res = await fetch(`${appUrl}/api/issues?${shape}&page=${1 + (Math.abs(i) % 2)}&pageSize=${registerPageSize}`, {
        headers: { cookie },
      });
      return res.status === 200 && ((await res.json()) as { issues: unknown[] }).issues.length === registerPageSize;
    });
    paths.meeting = await timed(samples, () => get(cookie, `/api/meetings/${meetingId}`));
    socket.close();
    for (const p of GROWTH_PATHS)
      say(`  ${p.padEnd(10)} p50 ${paths[p].p50} ms, p99 ${paths[p].p99} ms${paths[p].errors ? `, ${paths[p].errors} errors` : ''}`);
    steps.push({ size, seedSeconds, longThreadMessages: lastSeq, paths });
  }
  const first = steps[0]!.paths;
  const last = steps[steps.length - 1]!.paths;
  const growth = Object.fromEntries(
    GROWTH_PATHS.map((p) => [p, Math.round((last[p].p50 / Math.max(first[p].p50, 0.1)) * 100) / 100]),
  ) as Record<GrowthPath, number>;
  return { steps, argon2Ms, growth };
}

/** The growth table in Markdown: one row per path, p50 / p99 per size, and the growth ratio. */
export function growthTable(result: GrowthResult): string {
  const head = [
    'path',
    ...result.steps.map(
      (s) =>
        `${s.size.messages.toLocaleString('en')} msgs / ${s.size.issues.toLocaleString('en')} issues / ${s.size.sessions.toLocaleString('en')} sessions`,
    ),
    'growth (p50)',
  ];
  const rows = GROWTH_PATHS.map((p) => [
    GROWTH_PATH_TITLES[p],
    ...result.steps.map((s) => `${s.paths[p].p50} / ${s.paths[p].p99} ms${s.paths[p].errors ? ` (${s.paths[p].errors} errors)` : ''}`),
    `${result.growth[p]}×`,
  ]);
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}
