/** Threads: creating one with its opening post, listing what a reader may see, and changing its marks. */
import { trusted } from 'mongoose';
import type { Actor } from '@shared/domain';
import { can, decide } from '@shared/permissions';
import { threadAbilities, threadVerdicts } from '@shared/policies/thread';
import type {
  Message,
  Thread,
  ThreadCreateBody,
  ThreadDetail,
  ThreadList,
  ThreadListQuery,
  ThreadUpdateBody,
  UnreadState,
} from '@shared/schemas/threads';
import { gramsOf } from '@shared/search/grams';
import { readableVisibilities } from '@shared/threads/rules';
import { idempotentId, isDuplicateKey } from '../db/keys';
import { enforce } from '../http/authorize';
import { badRequest, forbidden } from '../http/errors';
import { UserModel, type UserWithOrganization } from '../users/model';
import { toActor } from '../users/presenter';
import { readableThread } from './access';
import type { ForumBroadcast } from './broadcast';
import { presentOne, storeMessage } from './messages';
import { MessageModel, ThreadModel, type ThreadDocument, type ThreadRecord, type ThreadRow } from './model';
import { recordModeration } from './moderation';
import { personOf } from '../users/person';
import { presentThread, threadFacts } from './presenter';
import { allReadSeqs, readSeqs } from './readCursors';
import { threadsByActivity, threadView } from './threadView';

export async function createThread(input: {
  user: UserWithOrganization;
  body: ThreadCreateBody;
  broadcast: ForumBroadcast;
}): Promise<{ thread: Thread; message: Message; duplicate: boolean }> {
  const { user, body, broadcast } = input;
  const actor = toActor(user);
  const decision = decide(actor, 'thread.create');
  if (!decision.allowed) throw forbidden(decision.reason);
  if (!readableVisibilities(actor).includes(body.visibility)) {
    throw forbidden(`visibility: you may not read ${body.visibility} threads, so you may not start one`);
  }
  const _id = idempotentId('thread', actor.id, body.clientId);
  const existing = await ThreadModel.findById(_id);
  if (existing) return { ...(await openingOf(existing, actor)), duplicate: true };

  const now = new Date();
  let thread: ThreadDocument;
  try {
    thread = await ThreadModel.create({
      _id,
      title: body.title,
      visibility: body.visibility,
      businessAreas: [...new Set(body.businessAreas)],
      createdBy: personOf(user),
      clientId: body.clientId,
      lastActivityAt: now,
      grams: gramsOf(body.title),
    });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const first = (await ThreadModel.findById(_id))!;
    return { ...(await openingOf(first, actor)), duplicate: true };
  }
  try {
    const { message, thread: stored } = await storeMessage({
      user,
      threadId: String(thread._id),
      clientId: body.clientId,
      body: body.body,
      attachmentIds: body.attachmentIds,
      broadcast,
      thread,
    });
    // The post returns the thread it updated; only an opening post left by an earlier failed attempt does not.
    const created = presentThread(stored ?? (await ThreadModel.findById(thread._id))!);
    broadcast.threadCreated(created);
    return { thread: created, message, duplicate: false };
  } catch (err) {
    // No thread without its opening post.
    await ThreadModel.deleteOne({ _id: thread._id });
    throw err;
  }
}

/** The thread and its opening post (sent with the thread's client id). */
async function openingOf(thread: ThreadDocument, actor: Actor) {
  const first = await MessageModel.findById(idempotentId('message', String(thread.createdBy.id), thread.clientId));
  if (!first) throw badRequest('clientId: this thread was not completed; send with a new clientId', 'clientId');
  return { thread: presentThread(thread), message: await presentOne(first, actor, threadFacts(thread)) };
}

interface ListCursor {
  pinned: boolean;
  at: number;
  id: string;
}
const encodeCursor = (t: ThreadRow) =>
  Buffer.from(JSON.stringify([t.pinned ? 1 : 0, t.lastActivityAt.getTime(), String(t._id)])).toString('base64url');
function decodeCursor(cursor: string): ListCursor {
  try {
    const [pinned, at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [number, number, string];
    if (typeof at !== 'number' || !/^[0-9a-f]{24}$/.test(id)) throw new Error('shape');
    return { pinned: pinned === 1, at, id };
  } catch {
    throw badRequest('query.cursor: malformed cursor', 'query.cursor');
  }
}

/** After the cursor in (pinned desc, lastActivityAt desc, _id desc) order. */
function isAfter(t: ThreadRow, c: ListCursor): boolean {
  if (t.pinned !== c.pinned) return c.pinned;
  const at = t.lastActivityAt.getTime();
  return at !== c.at ? at < c.at : String(t._id) < c.id;
}

/** A page of the thread list, from the in-memory thread view (threadView.ts). */
export async function listThreads(actor: Actor, query: ThreadListQuery): Promise<ThreadList> {
  const readable = readableVisibilities(actor).filter((v) => !query.visibility || v === query.visibility);
  if (!readable.length) return { threads: [], nextCursor: null };
  const { rows, ordered } = await threadsByActivity();
  const fullyRead = query.unread ? new Set(fullyReadThreadIds(rows, await allReadSeqs(actor.id))) : null;
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const found: ThreadRow[] = [];
  for (const t of ordered) {
    if (!readable.includes(t.visibility)) continue;
    if (query.businessArea && !t.businessAreas.includes(query.businessArea)) continue;
    if (query.resolved !== undefined && t.resolved !== query.resolved) continue;
    if (query.mine && !t.participants.some((p) => String(p) === actor.id)) continue;
    if (fullyRead?.has(String(t._id))) continue;
    if (after && !isAfter(t, after)) continue;
    found.push(t);
    if (found.length > query.limit) break;
  }
  const page = found.slice(0, query.limit);
  const seqs = await readSeqs(
    actor.id,
    page.map((t) => String(t._id)),
  );
  return {
    threads: page.map((t) => {
      const readSeq = seqs.get(String(t._id)) ?? 0;
      return {
        ...presentThread(t),
        readSeq,
        unread: Math.max(0, t.lastSeq - readSeq),
        tookPart: t.participants.some((p) => String(p) === actor.id),
      };
    }),
    nextCursor: found.length > query.limit ? encodeCursor(page[page.length - 1]!) : null,
  };
}

/** The reader's position in every thread they may read (the menu's unread badge starts from this). */
export async function unreadState(actor: Actor): Promise<UnreadState> {
  const readable = readableVisibilities(actor);
  const [rows, cursors] = await Promise.all([threadView.current(), allReadSeqs(actor.id)]);
  const threads = [...rows.values()].filter((t) => readable.includes(t.visibility));
  return { threads: threads.map((t) => ({ id: String(t._id), lastSeq: t.lastSeq, readSeq: cursors.get(String(t._id)) ?? 0 })) };
}

/** Threads the reader has read to the end (a thread never opened is unread). */
function fullyReadThreadIds(threads: ReadonlyMap<string, ThreadRow>, cursors: ReadonlyMap<string, number>): string[] {
  return [...cursors]
    .filter(([id, seq]) => {
      const t = threads.get(id);
      return t !== undefined && seq >= t.lastSeq;
    })
    .map(([id]) => id);
}

export async function threadDetail(actor: Actor, threadId: string): Promise<ThreadDetail> {
  const thread = await readableThread(actor, threadId);
  const [seqs, people] = await Promise.all([
    readSeqs(actor.id, [threadId]),
    UserModel.find({ _id: trusted({ $in: thread.participants.slice(0, 200) }) }).populate<Pick<UserWithOrganization, 'organization'>>(
      'organization',
    ),
  ]);
  return {
    thread: presentThread(thread),
    abilities: threadAbilities(actor, threadFacts(thread)),
    readSeq: seqs.get(threadId) ?? 0,
    participants: people.map((u) => {
      const p = personOf(u);
      return {
        id: String(p.id),
        displayName: p.displayName,
        organization: { id: String(p.organization.id), nameJa: p.organization.nameJa, nameEn: p.organization.nameEn },
      };
    }),
  };
}

/**
 * Title, tags and the resolved mark: the thread's creator or the secretariat. Pin and lock: the
 * secretariat. A moderator's change to someone else's thread is recorded with its reason.
 */
export async function updateThread(input: {
  user: UserWithOrganization;
  threadId: string;
  change: ThreadUpdateBody;
  broadcast: ForumBroadcast;
}): Promise<Thread> {
  const { user, threadId, change } = input;
  const actor = toActor(user);
  const thread = await readableThread(actor, threadId);
  const verdicts = threadVerdicts(actor, threadFacts(thread));
  const isCreator = String(thread.createdBy.id) === actor.id && can(actor, 'thread.create');
  const editsContent = change.title !== undefined || change.businessAreas !== undefined || change.resolved !== undefined;
  if (editsContent) enforce(verdicts.edit);
  if (change.pinned !== undefined) enforce(verdicts.pin);
  if (change.locked !== undefined) enforce(verdicts.lock);

  const set: Partial<ThreadRecord> = {};
  if (change.title !== undefined) Object.assign(set, { title: change.title, grams: gramsOf(change.title) });
  if (change.businessAreas !== undefined) set.businessAreas = [...new Set(change.businessAreas)];
  if (change.resolved !== undefined) set.resolved = change.resolved;
  if (change.pinned !== undefined) set.pinned = change.pinned;
  if (change.locked !== undefined) set.locked = change.locked;
  // Not findOneAndUpdate: the hidden `grams` field would add a projection FerretDB refuses there.
  await ThreadModel.updateOne({ _id: thread._id }, { $set: set });
  const updated = (await ThreadModel.findById(thread._id))!;

  const by = personOf(user);
  const reason = change.reason ?? null;
  const record = (action: Parameters<typeof recordModeration>[0]['action']) =>
    recordModeration({ action, threadId: thread._id, by, user, reason });
  if (change.pinned !== undefined && change.pinned !== thread.pinned) await record(change.pinned ? 'pin' : 'unpin');
  if (change.locked !== undefined && change.locked !== thread.locked) await record(change.locked ? 'lock' : 'unlock');
  if (editsContent && !isCreator) await record('edit');

  const presented = presentThread(updated);
  input.broadcast.threadUpdated(presented);
  if (updated.locked !== thread.locked) input.broadcast.threadAbilities(threadId, threadFacts(updated));
  return presented;
}
