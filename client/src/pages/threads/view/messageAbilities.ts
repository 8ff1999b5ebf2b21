import type { Message, Thread } from '@shared/schemas/threads';
import type { Me } from '@shared/schemas/users';

export interface MessageAbilities {
  edit: boolean;
  delete: boolean;
  hide: boolean;
  restore: boolean;
  versions: boolean;
  react: boolean;
  reply: boolean;
}

/**
 * What the reader may do with one message. Messages carry no abilities of their own, so this
 * combines the person's abilities from /api/me with authorship and the thread's lock, only to
 * hide what the server would refuse anyway.
 */
export function messageAbilities(message: Message, thread: Thread, me: Me): MessageAbilities {
  const mine = message.author.id === me.id;
  const moderator = me.abilities.moderate;
  const open = !thread.locked || moderator; // A locked thread takes no posts except the secretariat's.
  const visible = message.state === 'visible';
  const ownEditable = mine && me.abilities['message.editOwn'] && visible && open;
  const canPost = me.abilities['message.post'] && open;
  return {
    edit: ownEditable,
    delete: ownEditable,
    hide: moderator && visible,
    restore: moderator && message.state === 'hidden',
    versions: (mine || moderator) && message.editedAt !== null && message.state !== 'deleted',
    react: canPost && visible,
    reply: canPost && visible && message.parentId === null,
  };
}
