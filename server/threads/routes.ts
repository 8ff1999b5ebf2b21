import { z } from 'zod';
import { ErrorBody, IdParams } from '@shared/schemas/common';
import {
  HideBody,
  MentionCandidates,
  MentionQuery,
  Message,
  MessageCreateBody,
  MessageEditBody,
  MessagePage,
  MessagePageQuery,
  MessageVersions,
  ModerationLog,
  Reaction,
  ReactionParams,
  ReadBody,
  ReadState,
  Subscription,
  SubscriptionBody,
  Thread,
  ThreadCreateBody,
  ThreadCreated,
  ThreadDetail,
  ThreadList,
  ThreadListQuery,
  ThreadUpdateBody,
  UnreadState,
} from '@shared/schemas/threads';
import type { AppContext } from '../context';
import { defineRoute } from '../http/route';
import { conflictResponse, errorResponses } from '../http/responses';
import { mentionCandidates } from './mentions';
import { deleteMessage, editMessage, hideMessage, messagePage, messageVersions, postMessage, repliesOf, restoreMessage } from './messages';
import { moderationLog } from './moderation';
import { setReaction } from './reactions';
import { markRead } from './readCursors';
import { setSubscription } from './subscriptions';
import { listThreads, unreadState } from './threadList';
import { createThread, threadDetail, updateThread } from './threads';

const errors = errorResponses;
const ReactionResult = z.object({ messageId: z.string(), reactions: z.array(Reaction) });
const PostResult = z.object({ message: Message, duplicate: z.boolean() });

export function threadRoutes({ forum, postLimit }: AppContext) {
  return [
    defineRoute(
      {
        method: 'get',
        path: '/threads',
        tag: 'threads',
        summary: 'Threads the reader may see, pinned first, then by last activity',
        access: 'user',
        query: ThreadListQuery,
        responses: { 200: { description: 'a page of threads', schema: ThreadList }, ...errors },
      },
      ({ actor, query }) => listThreads(actor, query),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/threads',
        tag: 'threads',
        summary: 'Start a thread with its opening post (idempotent on clientId)',
        access: 'user',
        limit: postLimit.perPerson,
        body: ThreadCreateBody,
        status: 201,
        responses: {
          201: { description: 'created', schema: ThreadCreated },
          200: { description: 'already created with this clientId', schema: ThreadCreated },
          ...errors,
        },
      },
      async ({ user, body, res }) => {
        const { duplicate, ...created } = await createThread({ user, body, broadcast: forum });
        if (!duplicate) return created;
        res.status(200).json(created);
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/threads/unread',
        tag: 'threads',
        summary: 'The reader’s position in every thread they may read (for the unread badge)',
        access: 'user',
        responses: { 200: { description: 'last and read numbers per thread', schema: UnreadState }, ...errors },
      },
      ({ actor }) => unreadState(actor),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/threads/:id',
        tag: 'threads',
        summary: 'A thread, the reader’s read position and its participants',
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'the thread', schema: ThreadDetail }, ...errors },
      },
      ({ actor, params }) => threadDetail(actor, params.id),
    ),
    defineRoute(
      {
        method: 'patch',
        path: '/threads/:id',
        tag: 'threads',
        summary: 'Change title, tags or the resolved mark (creator, secretariat); pin or lock (secretariat)',
        access: 'user',
        params: IdParams,
        body: ThreadUpdateBody,
        responses: { 200: { description: 'updated', schema: Thread }, ...errors },
      },
      ({ user, params, body }) => updateThread({ user, threadId: params.id, change: body, broadcast: forum }),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/threads/:id/messages',
        tag: 'threads',
        summary: 'A page of messages: the latest, before a number (top-level), or everything after a number (catch-up)',
        access: 'user',
        params: IdParams,
        query: MessagePageQuery,
        responses: { 200: { description: 'messages in order', schema: MessagePage }, ...errors },
      },
      ({ actor, params, query }) => messagePage(actor, params.id, query),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/threads/:id/messages',
        tag: 'threads',
        summary: 'Post a message or a reply (idempotent on clientId)',
        access: 'user',
        limit: postLimit.perPerson,
        params: IdParams,
        body: MessageCreateBody,
        status: 201,
        responses: {
          201: { description: 'posted', schema: PostResult },
          200: { description: 'already posted with this clientId', schema: PostResult },
          ...errors,
          ...conflictResponse,
          429: { description: 'posting too fast', schema: ErrorBody },
        },
      },
      async ({ user, params, body, res }) => {
        const result = await postMessage({ user, threadId: params.id, ...body, broadcast: forum });
        if (result.duplicate) res.status(200).json(result);
        else return result;
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/threads/:id/moderation',
        tag: 'threads',
        summary: "The thread's moderation record (secretariat)",
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'newest first', schema: ModerationLog }, ...errors },
      },
      async ({ actor, params }) => ({ actions: await moderationLog(actor, params.id) }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/threads/:id/read',
        tag: 'threads',
        summary: 'Move the reader’s read position forward',
        access: 'user',
        params: IdParams,
        body: ReadBody,
        responses: { 200: { description: 'the read position', schema: ReadState }, ...errors },
      },
      ({ actor, params, body }) => markRead({ actor, threadId: params.id, seq: body.seq, broadcast: forum }),
    ),
    defineRoute(
      {
        method: 'put',
        path: '/threads/:id/subscription',
        tag: 'threads',
        summary: 'Follow, leave to normal or mute a thread (one’s own choice; whoever may read it)',
        access: 'user',
        params: IdParams,
        body: SubscriptionBody,
        responses: { 200: { description: 'how the reader now follows it', schema: Subscription }, ...errors },
      },
      ({ actor, params, body }) => setSubscription({ actor, threadId: params.id, state: body.state, broadcast: forum }),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/messages/:id/replies',
        tag: 'threads',
        summary: 'Replies to a message, in order',
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'replies', schema: MessagePage }, ...errors },
      },
      ({ actor, params }) => repliesOf(actor, params.id),
    ),
    defineRoute(
      {
        method: 'patch',
        path: '/messages/:id',
        tag: 'threads',
        summary: 'Edit one’s own message (earlier text kept as a version)',
        access: 'user',
        params: IdParams,
        body: MessageEditBody,
        responses: { 200: { description: 'edited', schema: Message }, ...errors, ...conflictResponse },
      },
      ({ actor, params, body }) => editMessage({ actor, messageId: params.id, body: body.body, version: body.version, broadcast: forum }),
    ),
    defineRoute(
      {
        method: 'delete',
        path: '/messages/:id',
        tag: 'threads',
        summary: 'Delete one’s own message (a tombstone stays)',
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'the tombstone', schema: Message }, ...errors },
      },
      ({ actor, params }) => deleteMessage({ actor, messageId: params.id, broadcast: forum }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/messages/:id/hide',
        tag: 'threads',
        summary: 'Hide a message with a reason (secretariat; recorded)',
        access: 'user',
        params: IdParams,
        body: HideBody,
        responses: { 200: { description: 'hidden', schema: Message }, ...errors, ...conflictResponse },
      },
      ({ user, params, body }) => hideMessage({ user, messageId: params.id, reason: body.reason, broadcast: forum }),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/messages/:id/restore',
        tag: 'threads',
        summary: 'Restore a hidden message (secretariat; recorded)',
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'restored', schema: Message }, ...errors, ...conflictResponse },
      },
      ({ user, params }) => restoreMessage({ user, messageId: params.id, broadcast: forum }),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/messages/:id/versions',
        tag: 'threads',
        summary: 'Earlier versions of an edited message (author, secretariat)',
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'oldest first', schema: MessageVersions }, ...errors },
      },
      ({ actor, params }) => messageVersions(actor, params.id),
    ),
    defineRoute(
      {
        method: 'put',
        path: '/messages/:id/reactions/:key',
        tag: 'threads',
        summary: 'Add one’s reaction (idempotent)',
        access: 'user',
        params: ReactionParams,
        responses: { 200: { description: "the message's reactions", schema: ReactionResult }, ...errors, ...conflictResponse },
      },
      ({ actor, params }) => setReaction({ actor, messageId: params.id, key: params.key, on: true, broadcast: forum }),
    ),
    defineRoute(
      {
        method: 'delete',
        path: '/messages/:id/reactions/:key',
        tag: 'threads',
        summary: 'Remove one’s reaction (idempotent)',
        access: 'user',
        params: ReactionParams,
        responses: { 200: { description: "the message's reactions", schema: ReactionResult }, ...errors, ...conflictResponse },
      },
      ({ actor, params }) => setReaction({ actor, messageId: params.id, key: params.key, on: false, broadcast: forum }),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/mentions',
        tag: 'threads',
        summary: 'People and organisations matching a name, for @-mentions',
        access: 'user',
        query: MentionQuery,
        responses: { 200: { description: 'candidates', schema: MentionCandidates }, ...errors },
      },
      ({ query }) => mentionCandidates(query.q),
    ),
  ];
}
