/**
 * `npm run bench -- notifications`: the two moments of the notifications issue (docs/PERFORMANCE.md,
 * "Notifications").
 *
 * 1. **An announcement to everyone.** `notifyPeople` people spread over every vendor and observer (an
 *    audience of `everyone` reaches every active member of each), `notifyClients` of them online. The
 *    secretariat publishes a draft (`POST /api/announcements/:id/publish`, timed here); the generator
 *    times each socket's `notification.new` from the instant the publish began; this process polls
 *    the people's `inbox_state` by `_id` until every one's `lastSeq` moved, then reads each new number
 *    by `_id` to check it is this announcement. Baseline: the bare Socket.IO server broadcasting one
 *    event to as many sockets (the plenary's `meeting.chat`), timed the same way.
 * 2. **The inbox page as inboxes grow.** Notifications written straight into `notifications` and
 *    `inbox_state` in the shapes the app stores (server/notifications/model.ts), heavy-tailed over the
 *    same people, the measured person holding a fifth of the small size and `inboxTop` of the large;
 *    `GET /api/notifications` (all, mentions, unread and older pages of all) paced by the REST
 *    driver (`inboxRate`) at the small and the large size in one run: the growth is the ratio; the
 *    driver runs the page's lookup alone beside it. Then each tab one request at a time.
 */
import { performance } from 'node:perf_hooks';
import { BSON, ObjectId, type Db } from 'mongodb';
import { io, type Socket } from 'socket.io-client';
import { streamOf, type NotificationKind, type NotificationStream } from '@shared/notifications/kinds';
import type { SignInFactor } from '@shared/signIn';
import { recordViewChange } from '@server/db/viewFeed';
import { PEOPLE_LOG } from '@server/users/model';
import { benchPeople, mintSessions, seeded, type BenchPerson } from './data';
import type { RestRequest, Task } from './generator';
import type { Sizes } from './scenarios';
import { median, summarize, type LatencySummary } from './stats';
import { untilQuiet, type ScenarioRow } from './quiet';

/** What the bench (main.ts) hands the scenario. */
export interface NotificationsInput {
  mongo: Db;
  mongoUri: string;
  appUrl: string;
  bareUrl: string;
  secret: string;
  sizes: Sizes;
  rounds: number;
  say: (s: string) => void;
  runGenerator: <R>(task: Task, onPhase?: (phase: Record<string, unknown>) => Promise<void | string>) => Promise<R>;
  /** A REST run's CPU meter (main.ts `pacedCpuMeter`), for the app or the driver. */
  pacedMeter: (side: 'app' | 'driver') => {
    onPhase: (phase: Record<string, unknown>) => Promise<void>;
    perRequest(requests: number): unknown;
  };
  /** CPU ms used so far by the app and by the database (null where unknown). */
  cpuMs: () => { app: number | null; database: number | null };
  /** With BENCH_PROFILE_DIR: start, or stop and write, a CPU profile of the app. */
  toggleProfile: () => Promise<void>;
}

export type NotificationsRow = ScenarioRow;

// Issue targets.
const PUBLISH_MS = 200;
const BELL_MS = 2_000;
const STORED_MS = 10_000;
const INBOX_P50_MS = 30;

const PAGE = 30;
/** The numbers one look of a page reads (server/notifications/inbox.ts: 1.5× the page, plus 2). */
const LOOK = Math.ceil(PAGE * 1.5) + 2;
/** How often the inboxes are polled after a publish (pollInboxes). */
const POLL_MS = 200;
const POLL_SAMPLE = 50;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const epochNow = () => performance.timeOrigin + performance.now();
const round1 = (n: number) => Math.round(n * 10) / 10;
const ratioOf = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? Math.round((a / b) * 100) / 100 : null);
const chunks = <T>(xs: readonly T[], n: number): T[][] =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_v, i) => xs.slice(i * n, i * n + n));

type BellResult = {
  clients: number;
  connected: number;
  connectFailed: number;
  connectFailures: string[];
  connectMs: number;
  held: number;
  received: number;
  missing: number;
  duplicates: number;
  within2s: number;
  latency: LatencySummary;
  first: number | null;
  unread: { min: number; max: number } | null;
};

type RestResult = {
  requests: number;
  statuses: Record<string, number>;
  latency: { p50: number; p99: number };
  alone: { p50: number };
  saturated: boolean;
  cpu?: unknown;
};

// ---- people ---------------------------------------------------------------------------------------

const SECRETARIAT_ID = new ObjectId('6b0000000000000000000002');

/** The secretariat member who publishes, signed in with a second factor (the secretariat must have one: shared/signIn.ts). */
export async function secretariat(mongo: Db, secret: string): Promise<string> {
  const org = await mongo.collection('organizations').findOne({ kind: 'secretariat' });
  if (!org) throw new Error('no secretariat in the database');
  const at = new Date();
  await mongo.collection('users').updateOne(
    { _id: SECRETARIAT_ID },
    {
      $setOnInsert: {
        email: 'bench-secretariat@bench.example',
        displayName: 'ベンチ 事務局',
        organization: org._id,
        role: 'secretariat',
        active: true,
        passwordHash: 'bench-no-password',
        lastLoginAt: null,
        passwordChangedAt: null,
        createdAt: at,
        updatedAt: at,
        __v: 0,
      },
    },
    { upsert: true },
  );
  const person: BenchPerson = {
    id: SECRETARIAT_ID,
    displayName: 'ベンチ 事務局',
    organization: { id: org._id, nameJa: org.nameJa as string, nameEn: org.nameEn as string },
  };
  const factors: SignInFactor[] = ['password', 'totp'];
  const [cookie] = await mintSessions(mongo, [person], secret, 120, factors);
  return cookie!;
}

/**
 * Every other active member of a vendor or an observer is made inactive for the scenario (the other
 * scenarios' bench people), so that an announcement to everyone reaches exactly the scenario's people;
 * the returned function makes them active again.
 */
async function onlyThese(mongo: Db, people: readonly BenchPerson[], say: (s: string) => void): Promise<() => Promise<void>> {
  const audienceOrgs = await mongo
    .collection('organizations')
    .find({ kind: { $in: ['vendor', 'observer'] } }, { projection: { _id: 1 } })
    .toArray();
  const mine = new Set(people.map((p) => String(p.id)));
  const others = (
    await mongo
      .collection('users')
      .find({ active: true, organization: { $in: audienceOrgs.map((o) => o._id) } }, { projection: { _id: 1 } })
      .toArray()
  )
    .map((u) => u._id as ObjectId)
    .filter((id) => !mine.has(String(id)));
  const users = mongo.collection('users');
  const set = async (active: boolean) => {
    for (const batch of chunks(others, 1000)) await users.updateMany({ _id: { $in: batch } }, { $set: { active } });
    // Written around the app: its people view (and the announcements' directory) reads everyone again.
    await recordViewChange(mongo, PEOPLE_LOG, '*');
  };
  if (others.length) say(`  ${others.length} other members made inactive for the scenario`);
  await set(false);
  return () => (others.length ? set(true) : recordViewChange(mongo, PEOPLE_LOG, '*').then(() => undefined));
}

// ---- the inbox, seeded ------------------------------------------------------------------------------

/** `total` split by `weights` in whole numbers that add up exactly (largest remainders). */
function spread(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w * total) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - out[i]!, i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0; k++, left--) out[order[k % order.length]![1]]!++;
  return out;
}

/** The kinds of a busy inbox, by share; every target is the person's own account (readable by them alone, from memory). */
const KIND_SHARES: Array<[NotificationKind, number]> = [
  ['thread.mention', 0.25],
  ['thread.reply', 0.15],
  ['issue.status', 0.2],
  ['issue.comment', 0.05],
  ['meeting.invited', 0.15],
  ['action.assigned', 0.1],
  ['account.newSignIn', 0.1],
];
const EXCERPTS = [
  '標準仕様書の該当箇所について、移行時のデータ項目の扱いを確認させてください。',
  'ガバメントクラウドへの移行スケジュールについて、当社の状況を共有します。',
  'Thanks — we see the same behaviour in our test environment and will follow up.',
];

interface InboxState {
  _id: string;
  lastSeq: number;
  unread: number;
  readThrough: number;
  streams: Partial<Record<NotificationStream, number>>;
  batches: Record<string, number>;
  reopened: number[];
}

async function statesOf(mongo: Db, ids: readonly string[]): Promise<Map<string, InboxState>> {
  const out = new Map<string, InboxState>();
  for (const batch of chunks(ids, 500))
    for (const row of await mongo
      .collection<InboxState>('inbox_state')
      .find({ _id: { $in: batch } })
      .toArray())
      out.set(row._id, row);
  return out;
}

const personOf = (p: BenchPerson) => ({
  id: String(p.id),
  displayName: p.displayName,
  organization: { id: String(p.organization.id), nameJa: p.organization.nameJa, nameEn: p.organization.nameEn },
});

/**
 * Add `counts[i]` notifications to person i's inbox, numbered on from their state, interleaved over
 * time as many people's inboxes fill together; a quarter of them read one by one. Returns the states after.
 */
async function seedInbox(
  mongo: Db,
  people: readonly BenchPerson[],
  counts: readonly number[],
  rand: () => number,
  say: (s: string) => void,
): Promise<Map<string, InboxState>> {
  const ids = people.map((p) => String(p.id));
  const before = await statesOf(mongo, ids);
  const states = new Map<string, InboxState>();
  for (const id of ids) {
    const s = before.get(id);
    states.set(id, { _id: id, lastSeq: 0, unread: 0, readThrough: 0, batches: {}, reopened: [], ...s, streams: { ...(s?.streams ?? {}) } });
  }
  const total = counts.reduce((a, b) => a + b, 0);
  const order = new Int32Array(total);
  let k = 0;
  counts.forEach((n, i) => order.fill(i, k, (k += n)));
  for (let i = total - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const notifications = mongo.collection('notifications');
  const start = Date.now() - total * 1000;
  let batch: Record<string, unknown>[] = [];
  for (let n = 0; n < total; n++) {
    const i = order[n]!;
    const person = people[i]!;
    const userId = ids[i]!;
    const state = states.get(userId)!;
    let pick = rand();
    const kind = KIND_SHARES.find(([, share]) => (pick -= share) < 0)?.[0] ?? 'thread.reply';
    const stream = streamOf(kind);
    const seq = ++state.lastSeq;
    const streamSeq = (state.streams[stream] = (state.streams[stream] ?? 0) + 1);
    const read = rand() < 0.25;
    if (!read) state.unread++;
    const at = new Date(start + n * 1000);
    const actor = kind.startsWith('account.') ? null : personOf(people[(i + 1 + Math.floor(rand() * 50)) % people.length]!);
    batch.push({
      _id: `${userId}:${seq}`,
      userId: person.id,
      seq,
      streamKey: `${userId}:${stream}`,
      streamSeq,
      stream,
      kind,
      at,
      readAt: read ? at : null,
      unreadAgain: false,
      actor,
      target: { type: 'account', id: userId, title: person.displayName, number: null, seq: null },
      detail: kind.startsWith('thread.')
        ? { excerpt: EXCERPTS[n % EXCERPTS.length]! }
        : kind.startsWith('issue.')
          ? { from: 'reviewing', to: 'answered' }
          : kind.startsWith('account.')
            ? { browser: 'Chrome on Windows' }
            : { when: new Date(at.getTime() + 7 * 86_400_000).toISOString() },
      count: 1,
    });
    if (batch.length === 1000 || n === total - 1) {
      await notifications.insertMany(batch, { ordered: false });
      batch = [];
      if ((n + 1) % 20_000 === 0) say(`  ${n + 1} / ${total} notifications`);
    }
  }
  // The states after: new ones inserted whole, existing ones moved on by `_id`, 50 to a command: the
  // embedded engine holds one of its 100 SQLite connections for every matched statement of an update
  // command until the command ends, so a command of 100 matched updates waits forever for a 101st
  // (docs/PERFORMANCE.md, "Notifications").
  const stateCollection = mongo.collection<InboxState>('inbox_state');
  const fresh = ids.filter((id, i) => counts[i]! > 0 && !before.has(id)).map((id) => states.get(id)!);
  for (const b of chunks(fresh, 1000)) await stateCollection.insertMany(b, { ordered: false });
  const moved = ids.filter((id, i) => counts[i]! > 0 && before.has(id));
  for (const b of chunks(moved, 50))
    await stateCollection.bulkWrite(
      b.map((id) => {
        const s = states.get(id)!;
        return { updateOne: { filter: { _id: id }, update: { $set: { lastSeq: s.lastSeq, unread: s.unread, streams: s.streams } } } };
      }),
      { ordered: false },
    );
  return states;
}

/** The requests of the inbox run: the first page of each tab, and older pages of all, with the lookup each makes. */
function inboxRequests(userId: string, state: InboxState, rand: () => number): RestRequest[] {
  const page = (tab: 'all' | 'mentions' | 'unread', before?: number): RestRequest => {
    const stream = tab === 'mentions' ? 'mentions' : undefined;
    const last = stream ? (state.streams[stream] ?? 0) : state.lastSeq;
    const top = Math.min(last, (before ?? last + 1) - 1);
    const numbers = Array.from({ length: Math.max(0, top - Math.max(1, top - LOOK + 1) + 1) }, (_v, i) => Math.max(1, top - LOOK + 1) + i);
    // The page's lookup of notifications (server/notifications/inbox.ts readNumbers), for the driver.
    const filter = stream
      ? { streamKey: `${userId}:${stream}`, streamSeq: { $in: numbers } }
      : { _id: { $in: numbers.map((n) => `${userId}:${n}`) } };
    return {
      path: `/api/notifications?tab=${tab}&limit=${PAGE}${before ? `&before=${before}` : ''}`,
      query: BSON.EJSON.stringify({ collection: 'notifications', filter, sort: {}, limit: 0 }, { relaxed: false }),
    };
  };
  const older = () => page('all', PAGE + 1 + Math.floor(rand() * Math.max(1, state.lastSeq - PAGE)));
  const requests: RestRequest[] = [];
  for (let i = 0; i < 4; i++) requests.push(page('all'), page('mentions'), page('unread'), older());
  return requests;
}

/** One request at a time, from here: each tab's p50 and p99 (two warm-ups, then `samples`). */
async function tabsAlone(appUrl: string, cookie: string, requests: RestRequest[], samples: number) {
  const out: Record<string, { p50: number; p99: number; errors: number }> = {};
  const shapes = new Map<string, RestRequest>();
  for (const r of requests.slice(0, 4)) shapes.set(r.path.includes('before=') ? 'older' : /tab=(\w+)/.exec(r.path)![1]!, r);
  for (const [tab, r] of shapes) {
    const times: number[] = [];
    let errors = 0;
    for (let i = -2; i < samples; i++) {
      const t = performance.now();
      const res = await fetch(`${appUrl}${r.path}`, { headers: { cookie } });
      const body = (await res.json()) as { notifications?: unknown[] };
      if (i < 0) continue;
      times.push(performance.now() - t);
      if (res.status !== 200 || !body.notifications?.length) errors++;
    }
    const { p50, p99 } = summarize(times);
    out[tab] = { p50, p99, errors };
  }
  return out;
}

// ---- quiet ----------------------------------------------------------------------------------------

/**
 * Wait until the app and its database are idle (< 10% of a core for a second), at most `maxSeconds`:
 * after an announcement the app renders, stores and sends its e-mail (to the local mail catcher, in
 * the same process, in development) for a good while. Resolves with the seconds waited, null when
 * still busy at the end.
 */
async function quiet(input: NotificationsInput, maxSeconds = 300): Promise<number | null> {
  const waited = await untilQuiet(input.cpuMs, { windowMs: 1_000, percent: 10, maxMs: maxSeconds * 1_000 });
  return waited === null ? null : Math.round(waited / 1000);
}

// ---- the announcement ---------------------------------------------------------------------------

interface PollResult {
  /** ms after the publish began when a poll first found every inbox moved (null: not within the wait). */
  allStoredMs: number | null;
  stored: number;
  /** [ms after the publish, inboxes known moved so far], at each change. */
  progress: Array<[number, number]>;
  /** The polls: how many, how many of them read everyone still waiting, and the longest (what polling cost). */
  polls: { count: number; full: number; longestMs: number };
  /** Each person's number after. */
  lastSeq: Map<string, number>;
}

/**
 * Poll the people's states by `_id` until every one's `lastSeq` moved. A poll reads a sample of those
 * still waiting (an `_id` lookup each, cheap beside the app's work) and reads all of them only once
 * the whole sample has moved: reading 2,000 states every 200 ms would cost the database core more than
 * the delivery being measured.
 */
async function pollInboxes(
  mongo: Db,
  ids: readonly string[],
  before: Map<string, InboxState>,
  t0: number,
  waitMs: number,
): Promise<PollResult> {
  let pending = [...ids];
  const progress: Array<[number, number]> = [];
  const lastSeq = new Map<string, number>();
  let allStoredMs: number | null = null;
  const polls = { count: 0, full: 0, longestMs: 0 };
  const states = mongo.collection<InboxState>('inbox_state');
  const rand = seeded(7);
  const check = async (some: readonly string[]) => {
    let moved = 0;
    for (const batch of chunks(some, 500)) {
      // A database that stops answering (docs/PERFORMANCE.md, "Notifications": a stall of the embedded engine) fails the run.
      const rows = await Promise.race([
        states.find({ _id: { $in: batch } }, { projection: { lastSeq: 1 } }).toArray(),
        new Promise<never>((_resolve, reject) =>
          setTimeout(() => reject(new Error('inbox poll: the database did not answer within 60 s')), 60_000).unref(),
        ),
      ]);
      for (const r of rows)
        if (r.lastSeq > (before.get(r._id)?.lastSeq ?? 0)) {
          lastSeq.set(r._id, r.lastSeq);
          moved++;
        }
    }
    return moved;
  };
  while (pending.length && epochNow() < t0 + waitMs) {
    await sleep(POLL_MS);
    const started = performance.now();
    polls.count++;
    const sample =
      pending.length <= POLL_SAMPLE ? pending : Array.from({ length: POLL_SAMPLE }, () => pending[Math.floor(rand() * pending.length)]!);
    if ((await check(sample)) >= sample.length && sample !== pending) {
      polls.full++;
      await check(pending);
    }
    polls.longestMs = Math.max(polls.longestMs, round1(performance.now() - started));
    const at = round1(epochNow() - t0);
    pending = pending.filter((id) => !lastSeq.has(id));
    if (progress.at(-1)?.[1] !== ids.length - pending.length) progress.push([at, ids.length - pending.length]);
    if (!pending.length) allStoredMs = at;
  }
  return { allStoredMs, stored: ids.length - pending.length, progress, polls, lastSeq };
}

/** How many of the people's new numbers hold this announcement's notification (read by `_id`). */
async function verify(mongo: Db, lastSeq: Map<string, number>, announcementId: string): Promise<number> {
  let found = 0;
  for (const batch of chunks(
    [...lastSeq].map(([id, seq]) => `${id}:${seq}`),
    500,
  )) {
    const rows = await mongo
      .collection<{ _id: string; kind: string; target: { id: string } }>('notifications')
      .find({ _id: { $in: batch } }, { projection: { kind: 1, 'target.id': 1 } })
      .toArray();
    found += rows.filter((r) => r.kind === 'announcement.published' && r.target?.id === announcementId).length;
  }
  return found;
}

async function api(appUrl: string, cookie: string, method: string, path: string, body?: object) {
  const res = await fetch(`${appUrl}${path}`, {
    method,
    headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(60_000),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function connect(url: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

interface AppRound {
  bell: BellResult;
  publishMs: number;
  publishStatus: number;
  stored: Omit<PollResult, 'lastSeq'>;
  verified: number;
  /** CPU the app and the database used from the publish until every bell rang and every inbox moved. */
  cpuMs: { app: number | null; database: number | null };
  quietSeconds: number | null;
  /** How long after the publish the app and its database were busy (its e-mail rendered, stored and sent); null: longer than the wait. */
  busySeconds: number | null;
}
interface BareRound {
  bell: BellResult;
  /** The broadcast's acknowledgement to its sender. */
  ackMs: number;
  quietSeconds: number | null;
}

async function announcementRounds(input: NotificationsInput, people: readonly BenchPerson[], cookies: string[], secretariatCookie: string) {
  const { sizes, say, mongo } = input;
  const ids = people.map((p) => String(p.id));
  const rounds: Array<{ app: AppRound; bare: BareRound }> = [];
  for (let r = 0; r < input.rounds; r++) {
    // The bare server: one broadcast to the same number of sockets in one room, timed the same way.
    say(' bare Socket.IO:');
    let quietSeconds = await quiet(input);
    const meetingId = new ObjectId().toHexString();
    const clientId = `bell-${r}-${Date.now()}`;
    const trigger = await connect(input.bareUrl);
    let ackMs = Number.NaN;
    const bareBell = await input.runGenerator<BellResult>(
      {
        kind: 'bell',
        url: input.bareUrl,
        clients: sizes.notifyClients,
        event: 'meeting.chat',
        expect: clientId,
        meetingId,
        waitMs: sizes.notifyWaitMs,
      },
      async () => {
        const t0 = epochNow();
        await trigger.timeout(30_000).emitWithAck('meeting.chat', { meetingId, clientId, body: 'ベンチお知らせ' });
        ackMs = round1(epochNow() - t0);
        return String(t0);
      },
    );
    trigger.close();
    say(
      `  ${bareBell.received}/${bareBell.connected} received, p50 ${bareBell.latency.p50} ms, p99 ${bareBell.latency.p99} ms, max ${bareBell.latency.max} ms (ack ${ackMs} ms)`,
    );
    const bare: BareRound = { bell: bareBell, ackMs, quietSeconds };

    // The app: a draft to everyone, published by the secretariat while every person's socket waits.
    say(' app:');
    const draft = await api(input.appUrl, secretariatCookie, 'POST', '/api/announcements', {
      title: `ベンチ お知らせ ${r + 1} ${new Date().toISOString()}`,
      body: '全会員へのお知らせです。\n\n次回全体会議の資料を掲載しました。',
      audience: { kind: 'everyone' },
    });
    if (draft.status !== 201) throw new Error(`announcement draft: ${draft.status} ${JSON.stringify(draft.body)}`);
    const announcementId = String(draft.body.id);
    const before = await statesOf(mongo, ids);
    quietSeconds = await quiet(input);
    let publishMs = Number.NaN;
    let publishStatus = 0;
    let cpuBefore = input.cpuMs();
    let polled: Promise<PollResult> | undefined;
    let t0 = 0;
    const bell = await input.runGenerator<BellResult>(
      {
        kind: 'bell',
        url: input.appUrl,
        cookies,
        clients: sizes.notifyClients,
        event: 'notification.new',
        expect: announcementId,
        waitMs: sizes.notifyWaitMs,
      },
      async () => {
        await input.toggleProfile();
        // Starting a profile costs the app some 150 ms of the inspector's own work: not inside the publish.
        if (process.env.BENCH_PROFILE_DIR) await sleep(1000);
        cpuBefore = input.cpuMs();
        t0 = epochNow();
        const publishing = api(input.appUrl, secretariatCookie, 'POST', `/api/announcements/${announcementId}/publish`);
        polled = pollInboxes(mongo, ids, before, t0, sizes.notifyWaitMs);
        const published = await publishing;
        publishMs = round1(epochNow() - t0);
        publishStatus = published.status;
        if (published.status !== 200) say(`  publish: ${published.status} ${JSON.stringify(published.body)}`);
        return String(t0);
      },
    );
    const poll = await (polled ?? Promise.reject(new Error('the generator never reached the publish')));
    const cpuAfter = input.cpuMs();
    await input.toggleProfile();
    const verified = await verify(mongo, poll.lastSeq, announcementId);
    const settled = await quiet(input);
    const busySeconds = settled === null || t0 === 0 ? null : Math.round((epochNow() - t0) / 1000 - 1);
    const { lastSeq: _seqs, ...stored } = poll;
    const cpu = (k: 'app' | 'database') => (cpuAfter[k] == null || cpuBefore[k] == null ? null : Math.round(cpuAfter[k]! - cpuBefore[k]!));
    const app: AppRound = {
      bell,
      publishMs,
      publishStatus,
      stored,
      verified,
      cpuMs: { app: cpu('app'), database: cpu('database') },
      quietSeconds,
      busySeconds,
    };
    say(
      `  publish ${publishMs} ms (${publishStatus}); bell ${bell.received}/${bell.connected} (${bell.within2s} within 2 s), p50 ${bell.latency.p50} ms, p99 ${bell.latency.p99} ms, max ${bell.latency.max} ms; ` +
        `inboxes ${stored.stored}/${ids.length} moved${stored.allStoredMs === null ? '' : ` by ${stored.allStoredMs} ms`} (${stored.polls.count} polls, ${stored.polls.full} of everyone, the longest ${stored.polls.longestMs} ms), ${verified} hold it; ` +
        `CPU app ${app.cpuMs.app} ms, database ${app.cpuMs.database} ms; the core busy ${busySeconds ?? '> 300'} s after the publish (e-mail)`,
    );
    rounds.push({ app, bare });
  }
  return rounds;
}

// ---- the inbox ------------------------------------------------------------------------------------

interface InboxStep {
  stored: number;
  mine: number;
  /** The measured person's numbers after seeding. */
  state: { lastSeq: number; mentions: number; unread: number };
  seedSeconds: number;
  rounds: Array<{ app: RestResult; driver: RestResult }>;
  tabs: Record<string, { p50: number; p99: number; errors: number }>;
}

async function inboxStep(
  input: NotificationsInput,
  people: readonly BenchPerson[],
  cookie: string,
  counts: number[],
  stored: number,
  rand: () => number,
): Promise<InboxStep> {
  const { sizes, say, mongo } = input;
  say(` the inbox at ${stored.toLocaleString('en')} stored notifications (the measured person: ${counts[0]} more)…`);
  const started = Date.now();
  const states = await seedInbox(mongo, people, counts, rand, say);
  const seedSeconds = Math.round((Date.now() - started) / 1000);
  const userId = String(people[0]!.id);
  const state = states.get(userId)!;
  say(
    `  seeded in ${seedSeconds} s; the measured person holds ${state.lastSeq} (${state.streams.mentions ?? 0} mentions, ${state.unread} unread)`,
  );
  const requests = inboxRequests(userId, state, rand);
  const rounds: InboxStep['rounds'] = [];
  for (let r = 0; r < input.rounds; r++) {
    await quiet(input);
    const common = { requests, rate: sizes.inboxRate, durationMs: sizes.restMs, timeoutMs: sizes.restTimeoutMs };
    say(' driver:');
    const driverMeter = input.pacedMeter('driver');
    const driver = await input.runGenerator<RestResult>({ kind: 'driver', mongoUri: input.mongoUri, ...common }, driverMeter.onPhase);
    driver.cpu = driverMeter.perRequest(driver.requests);
    say(
      `  alone p50 ${driver.alone.p50} ms; paced: p50 ${driver.latency.p50} ms, p99 ${driver.latency.p99} ms ${JSON.stringify(driver.statuses)}`,
    );
    say(' app:');
    const appMeter = input.pacedMeter('app');
    const app = await input.runGenerator<RestResult>({ kind: 'rest', url: input.appUrl, cookie, ...common }, appMeter.onPhase);
    app.cpu = appMeter.perRequest(app.requests);
    say(
      `  alone p50 ${app.alone.p50} ms; paced: p50 ${app.latency.p50} ms, p99 ${app.latency.p99} ms ${JSON.stringify(app.statuses)}; CPU per request ${JSON.stringify(app.cpu)}`,
    );
    rounds.push({ app, driver });
  }
  // Profiled too (BENCH_PROFILE_DIR): when the paced run is skipped (saturated), this is the profile of a page.
  await input.toggleProfile();
  if (process.env.BENCH_PROFILE_DIR) await sleep(1000);
  const tabs = await tabsAlone(input.appUrl, cookie, requests, Math.max(5, Math.min(30, sizes.growthSamples)));
  await input.toggleProfile();
  say(
    `  one at a time: ${Object.entries(tabs)
      .map(([tab, f]) => `${tab} p50 ${f.p50} ms, p99 ${f.p99} ms`)
      .join('; ')}`,
  );
  return {
    stored,
    mine: state.lastSeq,
    state: { lastSeq: state.lastSeq, mentions: state.streams.mentions ?? 0, unread: state.unread },
    seedSeconds,
    rounds,
    tabs,
  };
}

/**
 * A step's figure: the paced p50 — or, when either size saturated the server at the pace (the paced run
 * skipped), the p50 of `all` one request at a time at both sizes, so that the growth compares like with like.
 */
function inboxFigure(step: InboxStep, alone: boolean) {
  const p50 = alone ? step.tabs.all!.p50 : median(step.rounds.map((x) => x.app.latency.p50));
  const p99 = alone ? step.tabs.all!.p99 : median(step.rounds.map((x) => x.app.latency.p99));
  const ok =
    step.rounds.every((x) => x.app.saturated || x.app.statuses['200'] === x.app.requests) &&
    Object.values(step.tabs).every((t) => t.errors === 0);
  const driver = median(step.rounds.map((x) => (x.driver.saturated ? x.driver.alone.p50 : x.driver.latency.p50)));
  return { p50, p99, ok, driver };
}

// ---- the scenario -------------------------------------------------------------------------------

export async function runNotifications(input: NotificationsInput): Promise<NotificationsRow> {
  const { sizes, say, mongo } = input;
  if (sizes.notifyClients > sizes.notifyPeople) throw new Error('BENCH_NOTIFY_CLIENTS: at most BENCH_NOTIFY_PEOPLE');
  const topSmall = Math.round(sizes.inboxSmall / 5);
  if (
    sizes.inboxLarge <= sizes.inboxSmall ||
    sizes.inboxTop <= topSmall ||
    sizes.inboxTop > sizes.inboxLarge - (sizes.inboxSmall - topSmall)
  )
    throw new Error('BENCH_INBOX_*: the large size must exceed the small one, and the measured person’s share must fit both');
  const people = await benchPeople(mongo, sizes.notifyPeople, { prefix: 'bench-notify-', observers: true });
  const organizations = new Set(people.map((p) => String(p.organization.id))).size;
  say(` ${people.length} people in ${organizations} organisations, ${sizes.notifyClients} of them online`);
  const restore = await onlyThese(mongo, people, say);
  try {
    const cookies = await mintSessions(mongo, people.slice(0, sizes.notifyClients), input.secret);
    const secretariatCookie = await secretariat(mongo, input.secret);

    // The inbox, at the small size, then grown to the large one (the same people, numbered on).
    const rand = seeded(2026);
    const weights = people.slice(1).map((_p, k) => 1 / Math.sqrt(k + 1));
    const small = await inboxStep(
      input,
      people,
      cookies[0]!,
      [topSmall, ...spread(sizes.inboxSmall - topSmall, weights)],
      sizes.inboxSmall,
      rand,
    );
    const grown = sizes.inboxLarge - sizes.inboxSmall;
    const topGrown = sizes.inboxTop - topSmall;
    const large = await inboxStep(input, people, cookies[0]!, [topGrown, ...spread(grown - topGrown, weights)], sizes.inboxLarge, rand);

    // The announcement to everyone, with the large inboxes in place.
    say(` an announcement to everyone (${people.length} people, ${sizes.notifyClients} sockets)…`);
    const rounds = await announcementRounds(input, people, cookies, secretariatCookie);

    const pick = (f: (x: (typeof rounds)[number]) => number) => median(rounds.map(f));
    const publishMs = pick((x) => x.app.publishMs);
    const bellP99 = pick((x) => x.app.bell.latency.p99);
    const bellMax = pick((x) => x.app.bell.latency.max);
    const bareP99 = pick((x) => x.bare.bell.latency.p99);
    const bareMax = pick((x) => x.bare.bell.latency.max);
    const storedMs = pick((x) => x.app.stored.allStoredMs ?? Number.POSITIVE_INFINITY);
    const last = rounds.at(-1)!.app;
    const everyBell = rounds.every((x) => x.app.bell.connected === sizes.notifyClients && x.app.bell.within2s === x.app.bell.connected);
    const everyInbox = rounds.every(
      (x) =>
        x.app.stored.stored === people.length && x.app.verified === people.length && (x.app.stored.allStoredMs ?? Infinity) <= STORED_MS,
    );
    const published = rounds.every((x) => x.app.publishStatus === 200 && x.app.publishMs <= PUBLISH_MS);
    const saturated = [small, large].some((step) => step.rounds.some((x) => x.app.saturated));
    const s = inboxFigure(small, saturated);
    const l = inboxFigure(large, saturated);
    const growth = ratioOf(l.p50, s.p50);
    const inboxMet = !saturated && l.ok && s.ok && l.p50 <= INBOX_P50_MS;
    const how = saturated ? `one at a time (saturated at ${sizes.inboxRate}/s)` : `at ${sizes.inboxRate}/s`;
    const n = (v: number) => v.toLocaleString('en');
    return {
      figure:
        `publish ${publishMs} ms; bell p99 ${bellP99} ms, max ${bellMax} ms, ${last.bell.within2s}/${last.bell.connected} within 2 s; ` +
        `every inbox (${last.stored.stored}/${people.length}, ${last.verified} checked) by ${storedMs === Infinity ? '—' : `${n(storedMs)} ms`}; ` +
        `inbox page p50 ${l.p50} ms, p99 ${l.p99} ms ${how} with ${n(sizes.inboxLarge)} stored${l.ok ? '' : ' (errors)'} (growth ${growth ?? '—'}×; its lookup alone, driver: p50 ${l.driver} ms)`,
      baseline: `bare Socket.IO broadcast p99 ${bareP99} ms, max ${bareMax} ms; inbox page p50 ${s.p50} ms ${saturated ? 'one at a time' : `at ${sizes.inboxRate}/s`} with ${n(sizes.inboxSmall)} stored`,
      ratio: ratioOf(bellP99, bareP99),
      target: `publish ≤ ${PUBLISH_MS} ms, every bell ≤ 2 s, every inbox ≤ 10 s; inbox page p50 ≤ ${INBOX_P50_MS} ms at ${n(sizes.inboxLarge)}`,
      met: published && everyBell && everyInbox && bellMax <= BELL_MS && inboxMet,
      details: {
        sizes: {
          people: people.length,
          organizations,
          clients: sizes.notifyClients,
          inboxSmall: sizes.inboxSmall,
          inboxLarge: sizes.inboxLarge,
          inboxTop: sizes.inboxTop,
          rate: sizes.inboxRate,
          ms: sizes.restMs,
        },
        ratios: { bellP99VsBare: ratioOf(bellP99, bareP99), inboxGrowth: growth },
        met: { publish: published, bell: everyBell && bellMax <= BELL_MS, inboxes: everyInbox, inboxPage: inboxMet },
        rounds,
        inbox: [small, large],
      },
    };
  } finally {
    await restore();
  }
}
