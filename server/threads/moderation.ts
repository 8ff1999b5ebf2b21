/** The secretariat's moderation record: every hide, restore, pin, lock and edit, with who, when and why. */
import type { Types } from 'mongoose';
import type { Actor } from '@shared/domain';
import type { ModerationAction } from '@shared/schemas/threads';
import type { ModerationActionKind } from '@shared/threads/rules';
import { authorize } from '../http/authorize';
import { readableThread } from './access';
import type { PersonRecord } from '../users/person';
import { recordAudit } from '../audit/log';
import type { ActingUser } from '../users/model';
import { ModerationActionModel } from './model';
import { presentModeration } from './presenter';

export async function recordModeration(entry: {
  action: ModerationActionKind;
  threadId: Types.ObjectId | string;
  messageId?: Types.ObjectId | string | null;
  by: PersonRecord;
  /** Who acted, for the audit log. */
  user: ActingUser;
  reason?: string | null;
}): Promise<void> {
  const { user, ...stored } = entry;
  await ModerationActionModel.create({ ...stored, messageId: entry.messageId ?? null, reason: entry.reason ?? null, at: new Date() });
  await recordAudit({
    actor: user,
    action: `moderation.${entry.action}`,
    target: entry.messageId ? { kind: 'message', id: String(entry.messageId) } : { kind: 'thread', id: String(entry.threadId) },
    detail: { threadId: String(entry.threadId), ...(entry.reason ? { reason: entry.reason } : {}) },
  });
}

export async function moderationLog(actor: Actor, threadId: string): Promise<ModerationAction[]> {
  authorize(actor, 'moderate');
  await readableThread(actor, threadId);
  const rows = await ModerationActionModel.find({ threadId }).sort({ at: -1 }).limit(500).lean();
  return rows.map(presentModeration);
}
