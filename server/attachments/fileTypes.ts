/**
 * Which files the council may exchange, judged by their content (magic numbers, and the parts
 * inside an Office zip), never by the name or the type the browser claims.
 */
import { fileTypeFromBuffer } from 'file-type';

/** Detected MIME type → the type stored and served. */
const ALLOWED = new Map<string, string>([
  ['application/pdf', 'application/pdf'],
  ['image/png', 'image/png'],
  ['image/jpeg', 'image/jpeg'],
  ['image/gif', 'image/gif'],
  ['image/webp', 'image/webp'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['application/vnd.openxmlformats-officedocument.presentationml.presentation', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  // Legacy .doc/.xls/.ppt share the OLE compound-file container.
  ['application/x-cfb', 'application/x-cfb'],
]);

export const ALLOWED_DESCRIPTION = 'PDF, PNG, JPEG, GIF, WebP, Word, Excel or PowerPoint';

/** The allowed MIME type of `data`, or null when its content is not one we accept. */
export async function allowedTypeOf(data: Buffer): Promise<string | null> {
  const detected = await fileTypeFromBuffer(data);
  return detected ? (ALLOWED.get(detected.mime) ?? null) : null;
}
