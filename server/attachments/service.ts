/** Upload and download of message attachments: type checked by content, named to match it, stored by hash, read by permission. */
import type { Request } from 'express';
import { trusted } from 'mongoose';
import type { Actor } from '@shared/domain';
import { can } from '@shared/permissions';
import { canReadVisibility, LIMITS } from '@shared/threads/rules';
import { badRequest, forbidden, notFound, payloadTooLarge } from '../http/errors';
import { readableMeeting } from '../meetings/access';
import { MessageModel, ThreadModel } from '../threads/model';
import type { BlobStore } from './blobStore';
import { cleanFileName, honestFileName } from './fileNames';
import { ALLOWED_DESCRIPTION, allowedKindOf } from './fileTypes';
import { AttachmentModel, type AttachmentDocument } from './model';

/** Read the raw request body, refusing it as soon as it passes `max` bytes. */
export async function readRawBody(req: Request, max: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > max) throw payloadTooLarge(`body: files may be at most ${max / 1024 / 1024} MB`, 'body');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) {
      req.unpipe();
      throw payloadTooLarge(`body: files may be at most ${max / 1024 / 1024} MB`, 'body');
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function uploadAttachment(input: { actor: Actor; name: string; data: Buffer; store: BlobStore }): Promise<AttachmentDocument> {
  const { actor, data, store } = input;
  if (!can(actor, 'message.post')) throw forbidden('only those who may post can upload attachments');
  const cleanName = cleanFileName(input.name);
  if (data.length === 0) throw badRequest('body: the file is empty', 'body');
  if (data.length > LIMITS.attachmentBytes) throw payloadTooLarge('body: files may be at most 20 MB', 'body');
  const kind = await allowedKindOf(data);
  if (!kind) throw badRequest(`body: this kind of file is not accepted (allowed: ${ALLOWED_DESCRIPTION})`, 'body');
  const sha256 = await store.put(data);
  const name = honestFileName(cleanName, kind);
  return AttachmentModel.create({ sha256, name, type: kind.mime, size: data.length, uploadedBy: actor.id });
}

/** Attachments `ids` of `actor`, not yet on a message: all of them, or a 400. */
export async function claimableAttachments(actor: Actor, ids: readonly string[]): Promise<AttachmentDocument[]> {
  if (!ids.length) return [];
  const unique = [...new Set(ids)];
  const found = await AttachmentModel.find({ _id: trusted({ $in: unique }), uploadedBy: actor.id, messageId: null, meetingId: null });
  if (found.length !== unique.length) throw badRequest('attachmentIds: unknown, foreign or already used attachment', 'attachmentIds');
  return unique.map((id) => found.find((a) => String(a._id) === id)!);
}

/** The attachment, if `actor` may download it: the uploader before it is posted, then whoever may read the message. */
export async function attachmentForDownload(actor: Actor, id: string): Promise<AttachmentDocument> {
  const attachment = await AttachmentModel.findById(id);
  if (!attachment) throw notFound('attachment');
  if (attachment.meetingId) {
    await readableMeeting(actor, attachment.meetingId);
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
