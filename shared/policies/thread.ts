/**
 * What a person may do with one thread and with one of its messages. The services enforce these
 * verdicts; the thread page reads them as `abilities` from the server.
 */
import type { Actor } from '../domain';
import type { ErrorReason } from '../schemas/common';
import { can, decide } from '../permissions';
import { READ_ACTION, type Visibility } from '../threads/rules';
import { abilitiesOf, allowed, clash, firstOf, forbid, fromDecision, type Verdict } from './verdict';

/** The facts of a thread the rules depend on. */
export interface ThreadFacts {
  visibility: Visibility;
  locked: boolean;
  createdById: string;
}

export const THREAD_ABILITIES = ['post', 'edit', 'pin', 'lock'] as const;
export type ThreadAbility = (typeof THREAD_ABILITIES)[number];

/** Why a visibility leaves a reader out, as the not-permitted page says it (a council thread leaves out only the deactivated). */
const LEFT_OUT: Record<Visibility, ErrorReason | undefined> = { council: undefined, vendors: 'threadForVendors', development: 'threadForDevelopment' };

export function readVerdict(actor: Actor, thread: Pick<ThreadFacts, 'visibility'>): Verdict {
  const verdict = fromDecision(decide(actor, READ_ACTION[thread.visibility]), ` (this thread is ${thread.visibility}-only)`);
  const explain = actor.active ? LEFT_OUT[thread.visibility] : undefined;
  return verdict.allowed || !explain ? verdict : { ...verdict, explain };
}

/** Posting (and reacting, editing): the post right, read access, and an unlocked thread unless one moderates. */
export function postVerdict(actor: Actor, thread: Pick<ThreadFacts, 'visibility' | 'locked'>): Verdict {
  return firstOf(
    () => readVerdict(actor, thread),
    () => fromDecision(decide(actor, 'message.post')),
    () => (thread.locked && !can(actor, 'moderate') ? forbid('this thread is locked by the secretariat') : allowed),
  );
}

export function threadVerdicts(actor: Actor, thread: ThreadFacts): Record<ThreadAbility, Verdict> {
  const moderator = can(actor, 'moderate');
  const creator = thread.createdById === actor.id && can(actor, 'thread.create');
  const moderation = moderator ? allowed : forbid('only the secretariat may pin or lock threads');
  return {
    post: postVerdict(actor, thread),
    /** Title, business areas and the resolved mark: the creator or the secretariat. */
    edit: creator || moderator ? allowed : forbid("only the thread's creator or the secretariat may change it"),
    pin: moderation,
    lock: moderation,
  };
}

export type ThreadAbilities = Record<ThreadAbility, boolean>;
export const threadAbilities = (actor: Actor, thread: ThreadFacts): ThreadAbilities => abilitiesOf(threadVerdicts(actor, thread));

/** The facts of a message the rules depend on. */
export interface MessageFacts {
  authorId: string;
  state: 'visible' | 'deleted' | 'hidden';
  parentId: string | null;
}

export const MESSAGE_ABILITIES = ['edit', 'delete', 'hide', 'restore', 'versions', 'react', 'reply'] as const;
export type MessageAbility = (typeof MESSAGE_ABILITIES)[number];

export function messageVerdicts(actor: Actor, message: MessageFacts, thread: ThreadFacts): Record<MessageAbility, Verdict> {
  const mine = message.authorId === actor.id;
  const moderator = can(actor, 'moderate');
  const post = () => postVerdict(actor, thread);
  const shown = () => (message.state === 'visible' ? allowed : clash('this message is no longer shown'));
  const moderate = (what: string) => () => (moderator ? allowed : forbid(`only the secretariat may ${what} messages`));
  return {
    edit: firstOf(
      () => (mine ? allowed : forbid('only the author may edit a message')),
      () => fromDecision(decide(actor, 'message.editOwn')),
      post,
      () => (message.state === 'visible' ? allowed : clash('this message is no longer shown and cannot be edited')),
    ),
    delete: firstOf(
      () => (mine ? allowed : forbid('only the author may delete a message; the secretariat hides instead')),
      () => fromDecision(decide(actor, 'message.editOwn')),
      // The same rules as editing: a locked thread is frozen, and a hidden message keeps its reason.
      post,
      () => (message.state === 'hidden' ? clash('this message was hidden by the secretariat and cannot be deleted') : allowed),
      () => (message.state === 'deleted' ? clash('this message is already deleted') : allowed),
    ),
    hide: firstOf(
      moderate('hide'),
      () => readVerdict(actor, thread),
      () => (message.state === 'deleted' ? clash('this message was deleted by its author') : allowed),
      () => (message.state === 'hidden' ? clash('this message is already hidden') : allowed),
    ),
    restore: firstOf(moderate('restore'), () => readVerdict(actor, thread), () => (message.state === 'hidden' ? allowed : clash('this message is not hidden'))),
    /** Earlier versions: for the author and the secretariat, while the message is not deleted. */
    versions: firstOf(
      () => readVerdict(actor, thread),
      () => (mine || moderator ? allowed : forbid('earlier versions are visible to the author and the secretariat only')),
      () => (message.state === 'deleted' ? clash('this message was deleted by its author') : allowed),
    ),
    react: firstOf(post, shown),
    reply: firstOf(
      post,
      () => (message.parentId === null ? allowed : clash('replies are one level deep; reply to the parent message')),
      shown,
    ),
  };
}

export type MessageAbilities = Record<MessageAbility, boolean>;
export const messageAbilities = (actor: Actor, message: MessageFacts, thread: ThreadFacts): MessageAbilities =>
  abilitiesOf(messageVerdicts(actor, message, thread));
