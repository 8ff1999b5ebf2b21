/**
 * Bench data written straight through the MongoDB driver, in the shapes the app's models store:
 * people (and their signed-in sessions, minted the way express-session + connect-mongo store
 * them, so thousands of sockets need no argon2 sign-in), a live plenary, threads with their
 * messages, and register issues. The app then reads all of it through its real code paths: the
 * socket handshake still loads the session, the user and the organisation, and every event still
 * checks permissions.
 */
import { bucketOf } from '../../shared/threads/rules';
import { createHmac, randomBytes } from 'node:crypto';
import { ObjectId, type Db } from 'mongodb';
import { BUSINESS_AREA_KEYS, MINISTRY_KEYS } from '@shared/reference/council';
import { ISSUE_CATEGORIES, ISSUE_STATUSES, PRIORITIES } from '@shared/register/rules';
import type { SignInFactor } from '@shared/signIn';
import { gramsOf, normalizeForSearch } from '@shared/search/grams';
import { recordViewChange } from '@server/db/viewFeed';
import { REGISTER_LOG } from '@server/issues/model';
import { MEETINGS_LOG } from '@server/meetings/model';
import { THREADS_LOG } from '@server/threads/model';

export const SESSION_COOKIE = 'council.sid';

export interface BenchPerson {
  id: ObjectId;
  displayName: string;
  organization: { id: ObjectId; nameJa: string; nameEn: string };
}

const now = () => new Date();

/** A pseudo-random sequence that is the same on every run (same data, same queries). */
export function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x1_0000_0000;
  };
}

/**
 * `count` bench members spread over the seeded vendors; created once per database, reused after.
 * `observers`: spread over the observers too (every organisation an announcement to everyone reaches),
 * as other people (`prefix`, so the vendors-only people of the other scenarios keep theirs).
 */
export async function benchPeople(
  db: Db,
  count: number,
  { prefix = 'bench-', observers = false }: { prefix?: string; observers?: boolean } = {},
): Promise<BenchPerson[]> {
  const kinds = observers ? ['vendor', 'observer'] : ['vendor'];
  const vendors = await db
    .collection('organizations')
    .find({ kind: { $in: kinds } })
    .sort({ key: 1 })
    .toArray();
  if (!vendors.length) throw new Error('no vendors in the database: start the app once so it seeds the council');
  const users = db.collection('users');
  const existing = await users
    .find({ email: { $regex: '^bench-' } }, { projection: { email: 1, displayName: 1, organization: 1 } })
    .toArray();
  const byEmail = new Map(existing.map((u) => [u.email as string, u]));
  const people: BenchPerson[] = [];
  const missing: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const email = `${prefix}${i}@bench.example`;
    const org = vendors[i % vendors.length]!;
    const found = byEmail.get(email);
    const id = (found?._id as ObjectId | undefined) ?? new ObjectId();
    const displayName = `ベンチ 利用者${i}`;
    if (!found) {
      const at = now();
      missing.push({
        _id: id,
        email,
        displayName,
        organization: org._id,
        role: 'member',
        active: true,
        passwordHash: 'bench-no-password',
        lastLoginAt: null,
        passwordChangedAt: null,
        createdAt: at,
        updatedAt: at,
        __v: 0,
      });
    }
    const orgOf = vendors.find((v) => String(v._id) === String(found?.organization ?? org._id)) ?? org;
    people.push({ id, displayName, organization: { id: orgOf._id, nameJa: orgOf.nameJa as string, nameEn: orgOf.nameEn as string } });
  }
  for (let i = 0; i < missing.length; i += 1000) await users.insertMany(missing.slice(i, i + 1000), { ordered: false });
  return people;
}

/** The cookie value express-session expects: `s:<sid>.<HMAC-SHA256 base64, unpadded>`, URL-encoded. */
export function signedCookie(sid: string, secret: string): string {
  const signature = createHmac('sha256', secret).update(sid).digest('base64').replace(/=+$/, '');
  return `${SESSION_COOKIE}=${encodeURIComponent(`s:${sid}.${signature}`)}`;
}

/**
 * One stored signed-in session per person, as connect-mongo (stringify: false) stores it; returns the cookies.
 * `factors`: how the session was proved (shared/signIn.ts), as a sign-in records them: the secretariat's
 * must hold a second factor, or only enrolment is open to it.
 */
export async function mintSessions(
  db: Db,
  people: readonly BenchPerson[],
  secret: string,
  idleMinutes = 120,
  factors?: readonly SignInFactor[],
): Promise<string[]> {
  const idleMs = idleMinutes * 60_000;
  const expires = new Date(Date.now() + idleMs);
  const docs = people.map((p) => ({
    _id: randomBytes(24).toString('base64url') as unknown as ObjectId,
    expires,
    // connect-mongo stamps this when touchAfter is on; without it every handshake would rewrite the session.
    lastModified: new Date(),
    session: {
      cookie: { originalMaxAge: idleMs, expires, secure: false, httpOnly: true, path: '/', sameSite: 'lax' },
      passport: { user: String(p.id) },
      signedInAt: Date.now(),
      ...(factors ? { factors: [...factors] } : {}),
    },
  }));
  const sessions = db.collection('sessions');
  for (let i = 0; i < docs.length; i += 1000) await sessions.insertMany(docs.slice(i, i + 1000), { ordered: false });
  return docs.map((d) => signedCookie(String(d._id), secret));
}

/** A live plenary: every vendor is invited and may speak. */
export async function createLiveMeeting(db: Db, creator: BenchPerson): Promise<string> {
  const at = now();
  const { insertedId } = await db.collection('meetings').insertOne({
    kind: 'plenary',
    title: `ベンチ全体会議 ${at.toISOString()}`,
    startsAt: at,
    endsAt: new Date(at.getTime() + 2 * 3_600_000),
    onlineUrl: null,
    venue: null,
    capacity: null,
    description: '',
    status: 'live',
    agenda: [],
    currentAgendaItemId: null,
    extraInvitees: [],
    floor: [],
    minutes: null,
    createdBy: creator,
    createdAt: at,
    updatedAt: at,
    __v: 0,
  });
  await recordViewChange(db, MEETINGS_LOG, String(insertedId));
  return String(insertedId);
}

function threadDoc(creator: BenchPerson, title: string, lastSeq: number) {
  const at = now();
  return {
    _id: new ObjectId(),
    title,
    visibility: 'council',
    businessAreas: [],
    resolved: false,
    pinned: false,
    locked: false,
    createdBy: creator,
    clientId: `bench-${randomBytes(6).toString('hex')}`,
    lastActivityAt: at,
    lastSeq,
    participants: [creator.id],
    createdAt: at,
    updatedAt: at,
    __v: 0,
  };
}

/** `count` empty council-wide threads. */
export async function createThreads(db: Db, count: number, creator: BenchPerson): Promise<string[]> {
  const docs = Array.from({ length: count }, (_, i) => threadDoc(creator, `ベンチ議論 ${i} ${Date.now()}`, 0));
  await db.collection('threads').insertMany(docs);
  await recordViewChange(db, THREADS_LOG, '*');
  return docs.map((d) => String(d._id));
}

const SENTENCES = [
  '標準仕様書の該当箇所について、移行時のデータ項目の扱いを確認させてください。',
  'ガバメントクラウドへの移行スケジュールについて、当社の状況を共有します。',
  '帳票レイアウトの差異が自治体ごとに残っており、対応方針を相談したいです。',
  '法改正の施行日との関係で、仕様の公開時期が課題になっています。',
  'Thanks — we see the same behaviour in our test environment and will follow up.',
];

function messageDoc(threadId: ObjectId, seq: number, author: BenchPerson, parentId: ObjectId | null, rand: () => number) {
  const body = `${SENTENCES[Math.floor(rand() * SENTENCES.length)]} (#${seq})`;
  const at = new Date(Date.now() - 1000 * (100_000 - seq));
  return {
    _id: new ObjectId(),
    threadId,
    visibility: 'council',
    seq,
    bucket: bucketOf(seq),
    clientId: `bench-${seq}-${randomBytes(4).toString('hex')}`,
    parentId,
    author,
    body,
    version: 1,
    editedAt: null,
    deletedAt: null,
    hidden: null,
    mentions: { users: [], organizations: [] },
    attachments: [],
    replyCount: 0,
    lastReplyAt: null,
    createdAt: at,
    updatedAt: at,
    __v: 0,
  };
}

/**
 * One long thread of `threadMessages` among `totalMessages` in all (the rest spread over other
 * threads), every tenth one a reply, as a busy forum holds them. Returns the long thread.
 */
export async function seedLongThread(
  db: Db,
  people: readonly BenchPerson[],
  threadMessages: number,
  totalMessages: number,
  log: (s: string) => void,
): Promise<{ threadId: string; lastSeq: number }> {
  const rand = seeded(42);
  const others = Math.max(1, Math.ceil((totalMessages - threadMessages) / 2000));
  const long = threadDoc(people[0]!, `ベンチ 長いスレッド ${Date.now()}`, threadMessages);
  const otherThreads = Array.from({ length: others }, (_, i) => threadDoc(people[0]!, `ベンチ 他のスレッド ${i}`, 0));
  const plan: Array<{ thread: ReturnType<typeof threadDoc>; count: number }> = [{ thread: long, count: threadMessages }];
  let left = totalMessages - threadMessages;
  for (const t of otherThreads) {
    const n = Math.min(left, Math.ceil((totalMessages - threadMessages) / others));
    t.lastSeq = n;
    plan.push({ thread: t, count: n });
    left -= n;
  }
  await db.collection('threads').insertMany([long, ...otherThreads]);
  const messages = db.collection('messages');
  let written = 0;
  for (const { thread, count } of plan) {
    let batch: ReturnType<typeof messageDoc>[] = [];
    let lastTop: ObjectId | null = null;
    for (let seq = 1; seq <= count; seq++) {
      const isReply = seq % 10 === 0 && lastTop !== null;
      const doc = messageDoc(thread._id, seq, people[seq % people.length]!, isReply ? lastTop : null, rand);
      if (!isReply) lastTop = doc._id;
      batch.push(doc);
      if (batch.length === 1000 || seq === count) {
        await messages.insertMany(batch, { ordered: false });
        written += batch.length;
        batch = [];
        if (written % 20_000 === 0) log(`  ${written} / ${totalMessages} messages`);
      }
    }
    await db
      .collection('sequence_counters')
      .updateOne({ _id: `thread:${String(thread._id)}` as unknown as ObjectId }, { $set: { seq: count } }, { upsert: true });
  }
  // Written around the app: tell its in-memory thread list to read the threads again.
  await recordViewChange(db, THREADS_LOG, '*');
  return { threadId: String(long._id), lastSeq: threadMessages };
}

/** `count` register issues over five fiscal years, with the spread of statuses, areas and answers a live register has. */
export async function seedIssues(db: Db, people: readonly BenchPerson[], count: number, log: (s: string) => void): Promise<void> {
  const issues = db.collection('issues');
  // Numbered after the issues already there (an earlier scenario's, an earlier growth step's).
  const first = await issues.countDocuments({});
  const rand = seeded(7 + first);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  let batch: Record<string, unknown>[] = [];
  for (let n = 0; n < count; n++) {
    // Numbered across calls: issue `i` is the (i / 5 + 1)th of fiscal year 2021 + i % 5.
    const i = first + n;
    const fiscalYear = 2021 + (i % 5);
    const seq = Math.floor(i / 5) + 1;
    const number = `${fiscalYear}-${String(seq).padStart(4, '0')}`;
    const title = `${pick(SENTENCES).slice(0, 24)} ベンチ課題${i}`;
    const description = `${pick(SENTENCES)}\n${pick(SENTENCES)}`;
    const status = pick(ISSUE_STATUSES);
    const at = new Date(Date.UTC(fiscalYear, 3, 1) + Math.floor(rand() * 360) * 86_400_000);
    const text = `${number}\n${title}\n${description}`;
    batch.push({
      fiscalYear,
      seq,
      number,
      title,
      description,
      businessAreas: [pick(BUSINESS_AREA_KEYS), ...(rand() < 0.3 ? [pick(BUSINESS_AREA_KEYS)] : [])].filter(
        (a, j, all) => all.indexOf(a) === j,
      ),
      category: pick(ISSUE_CATEGORIES),
      specialReason: null,
      raisedBy: people[i % people.length],
      priority: rand() < 0.5 ? pick(PRIORITIES) : null,
      ministry: pick(MINISTRY_KEYS),
      ministryOverridden: false,
      dueDate: rand() < 0.5 ? new Date(at.getTime() + 60 * 86_400_000) : null,
      lawEnforcementDate: null,
      specPublishedDate: null,
      specDeadline: null,
      publishedLate: false,
      status,
      rejectionReason: null,
      duplicateOf: null,
      supportCount: 1 + Math.floor(rand() * 30),
      answerCount: status === 'answered' || status === 'closed' ? 1 : 0,
      commentCount: Math.floor(rand() * 8),
      answeredAt: null,
      grams: gramsOf(text),
      searchText: normalizeForSearch(text),
      createdAt: at,
      updatedAt: new Date(at.getTime() + Math.floor(rand() * 30) * 86_400_000),
      __v: 0,
    });
    if (batch.length === 1000 || n === count - 1) {
      await issues.insertMany(batch, { ordered: false });
      batch = [];
      if ((n + 1) % 5000 === 0) log(`  ${n + 1} / ${count} issues`);
    }
  }
  // Written around the app: tell its in-memory register to read the issues again.
  await recordViewChange(db, REGISTER_LOG, '*');
}
