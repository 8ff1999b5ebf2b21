/** What route and socket modules need from the running app, passed explicitly (no globals). */
import type { Config } from './config';
import type { LoginThrottle } from './auth/throttle';
import type { Realtime } from './realtime/io';
import type { BlobStore } from './attachments/blobStore';
import type { ForumBroadcast } from './threads/broadcast';
import type { Presence } from './threads/socketEvents';
import type { PostLimit } from './http/postLimit';
import type { RegisterBroadcast } from './issues/broadcast';
import type { MeetingBroadcast } from './meetings/broadcast';
import type { RoomPresenceTracker } from './meetings/room';
import type { Notifier } from './notifications/types';
import type { MailOutbox } from './mail/outbox';
import type { SharedRedis } from './cluster/redis';

export interface AppContext {
  config: Config;
  throttle: LoginThrottle;
  realtime: Realtime;
  /** Where attachment contents are kept. */
  blobs: BlobStore;
  forum: ForumBroadcast;
  presence: Presence;
  postLimit: PostLimit;
  register: RegisterBroadcast;
  meetings: MeetingBroadcast;
  roomPresence: RoomPresenceTracker;
  /** Tells people of what concerns them: inbox, bell, e-mail (server/notifications/). */
  notifier: Notifier;
  /** Where e-mail for notifications is handed over (server/mail/outbox.ts). */
  mail: MailOutbox;
  /** The shared mode's Redis (several nodes, docs/DEPLOY.md); null when this node runs alone. */
  redis: SharedRedis | null;
}
