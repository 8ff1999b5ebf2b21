/** Upload and download of attachments: streamed to the disk, type checked by content, named to match it, claimed by a message, meeting or announcement, read by permission. */
import type { Request } from 'express';
import { trusted, type Types } from 'mongoose';
import type { Actor } from '@shared/domain';
import { can } from '@shared/permissions';
import { canReadVisibility, LIMITS } from '@shared/threads/rules';
import { readableAnnouncement } from '../announcements/access';
import { badRequest, forbidden, notFound, payloadTooLarge } from '../http/errors';
import { readableMeeting } from '../meetings/access';
import { MessageModel, ThreadModel } from '../threads/model';
import type { BlobStore } from './blobStore';
import { cleanFileName, honestFileName } from './fileNames';
import { ALLOWED_DESCRIPTION, allowedKindOf } from './fileTypes';
import { AttachmentModel, UNCLAIMED, type AttachmentDocument } from './model';

/** The request's bytes, refused with a 413 as soon as they pass `max`. */
async function* bodyOf(req: Request, max: number): AsyncGenerator<Buffer> {
  const tooLarge = () => payloadTooLarge(`body: files may be at most ${max / 1024 / 1024} MB`, 'body');
  if (Number(req.headers['content-length'] ?? NaN) > max) throw tooLarge();
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw tooLarge();
    yield chunk;
  }
}

/**
 * Store the file `req` carries. It goes to a temporary file on the disk as it arrives, never whole
 * into memory: uploads are exempt from admission control (they may take minutes), so memory per
 * upload is what a few people sending at once could make the server take (issue 16).
 */
export async function uploadAttachment(input: { actor: Actor; name: string; req: Request; store: BlobStore }): Promise<AttachmentDocument> {
  const { actor, store } = input;
  if (!can(actor, 'message.post')) throw forbidden('only those who may post can upload attachments');
  const cleanName = cleanFileName(input.name);
  const received = await store.receive(bodyOf(input.req, LIMITS.attachmentBytes));
  try {
    if (received.size === 0) throw badRequest('body: the file is empty', 'body');
    const kind = await allowedKindOf(received.path);
    if (!kind) throw badRequest(`body: this kind of file is not accepted (allowed: ${ALLOWED_DESCRIPTION})`, 'body');
    const { sha256, size } = received;
    const attachment = await AttachmentModel.create({
      sha256,
      name: honestFileName(cleanName, kind),
      type: kind.mime,
      size,
      uploadedBy: actor.id,
    });
    // Recorded, then kept: a process dying in between leaves an unclaimed record (swept after a
    // day), never a file no record names.
    await store.keep(received, String(attachment._id));
    return attachment;
  } finally {
    await received.discard();
  }
}

/** Attachments `ids` of `actor`, not yet on a message, meeting or announcement: all of them, or a 400. */
export async function claimableAttachments(actor: Actor, ids: readonly string[]): Promise<AttachmentDocument[]> {
  if (!ids.length) return [];
  const unique = [...new Set(ids)];
  const found = await AttachmentModel.find({ _id: trusted({ $in: unique }), uploadedBy: actor.id, ...UNCLAIMED });
  if (found.length !== unique.length) throw unusable();
  return unique.map((id) => found.find((a) => String(a._id) === id)!);
}

const unusable = () => badRequest('attachmentIds: unknown, foreign or already used attachment', 'attachmentIds');

interface MessageClaim {
  actor: Actor;
  ids: readonly unknown[];
  messageId: Types.ObjectId;
  threadId: unknown;
}

/** Put `actor`'s attachments `ids` that are on nothing yet on message `messageId`; idempotent. */
export async function attachToMessage({ actor, ids, messageId, threadId }: MessageClaim): Promise<void> {
  if (!ids.length) return;
  await AttachmentModel.updateMany({ _id: trusted({ $in: ids }), uploadedBy: actor.id, ...UNCLAIMED }, { $set: { messageId, threadId } });
}

/**
 * Claim attachments `ids` for message `messageId` before the message is stored, and return them:
 * all of them, or a 400 (and this claim undone). A process dying between the claim and the message
 * leaves them claimed, never swept, and the retry — the same message id — finds them its own; a
 * stored message never names a file the sweeper may take (issue 16).
 */
export async function claimForMessage(claim: MessageClaim & { ids: readonly string[] }): Promise<AttachmentDocument[]> {
  if (!claim.ids.length) return [];
  const unique = [...new Set(claim.ids)];
  await attachToMessage({ ...claim, ids: unique });
  // Read back: one that was foreign, used, or swept meanwhile is not on this message.
  const claimed = await AttachmentModel.find({ _id: trusted({ $in: unique }), messageId: claim.messageId });
  if (claimed.length !== unique.length) {
    await AttachmentModel.updateMany(
      { _id: trusted({ $in: unique }), messageId: claim.messageId },
      { $set: { messageId: null, threadId: null } },
    );
    throw unusable();
  }
  return unique.map((id) => claimed.find((a) => String(a._id) === id)!);
}

/**
 * Claim `actor`'s attachments `ids` that are on nothing yet for announcement `announcementId`, and
 * return them: all of them, or a 400 (and this claim undone). Conditional on each being unclaimed, so
 * an upload claimed at the same moment by a message or another announcement goes to one of them.
 */
export async function claimForAnnouncement(claim: {
  actor: Actor;
  ids: readonly string[];
  announcementId: Types.ObjectId;
}): Promise<AttachmentDocument[]> {
  if (!claim.ids.length) return [];
  const unique = [...new Set(claim.ids)];
  const { announcementId } = claim;
  await AttachmentModel.updateMany(
    { _id: trusted({ $in: unique }), uploadedBy: claim.actor.id, ...UNCLAIMED },
    { $set: { announcementId } },
  );
  // Read back: one that was foreign, used, or swept meanwhile is not on this announcement.
  const claimed = await AttachmentModel.find({ _id: trusted({ $in: unique }), announcementId });
  if (claimed.length !== unique.length) {
    await releaseFromAnnouncement({ announcementId, ids: claimed.map((a) => a._id) });
    throw unusable();
  }
  return unique.map((id) => claimed.find((a) => String(a._id) === id)!);
}

/**
 * Take attachments `ids` off announcement `announcementId`: they are their uploader's again (to attach
 * elsewhere, or swept with the other unclaimed uploads), as a meeting's removed material is.
 */
export async function releaseFromAnnouncement({ announcementId, ids }: { announcementId: Types.ObjectId; ids: readonly unknown[] }) {
  if (!ids.length) return;
  await AttachmentModel.updateMany({ _id: trusted({ $in: ids }), announcementId }, { $set: { announcementId: null } });
}

/**
 * The attachment, if `actor` may download it: the uploader before it is claimed, then whoever may read
 * what claimed it — the message, the meeting or the announcement (404 for an announcement one may not
 * read, as the announcement itself).
 */
export async function attachmentForDownload(actor: Actor, id: string): Promise<AttachmentDocument> {
  const attachment = await AttachmentModel.findById(id);
  if (!attachment) throw notFound('attachment');
  if (attachment.meetingId) {
    await readableMeeting(actor, attachment.meetingId);
    return attachment;
  }
  if (attachment.announcementId) {
    await readableAnnouncement(actor, attachment.announcementId);
    return attachment;
  }
  if (!attachment.messageId) {
    if (String(attachment.uploadedBy) !== actor.id) throw notFound('attachment');
    return attachment;
  }
  const [thread, message] = await Promise.all([ThreadModel.findById(attachment.threadId), MessageModel.findById(attachment.messageId)]);
  if (!thread || !message) throw notFound('attachment');
  if (!canReadVisibility(actor, thread.visibility)) throw forbidden(`this thread is not visible to you`);
  if ((message.deletedAt || message.hidden) && !can(actor, 'moderate')) throw notFound('attachment');
  return attachment;
}
