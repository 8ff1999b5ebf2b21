/** What leaves the server of an attachment: its id, name, type, size and content hash, never the stored record. */
import type { Attachment } from '@shared/schemas/threads';
import type { AttachmentDocument } from './model';

/** A stored attachment, hydrated or lean: what its presentation reads. */
export type StoredAttachment = Pick<AttachmentDocument, '_id' | 'name' | 'type' | 'size' | 'sha256'>;

export const presentAttachment = (a: StoredAttachment): Attachment => ({
  id: String(a._id),
  name: a.name,
  type: a.type,
  size: a.size,
  sha256: a.sha256,
});
