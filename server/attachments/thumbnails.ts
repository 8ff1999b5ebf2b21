/**
 * Thumbnails of image attachments, so a message or a meeting shows its pictures without the
 * original ever being served to the page: the original is what someone uploaded (any size, any
 * metadata, whatever a decoder bug could be fed); the thumbnail is a small WebP the server drew
 * itself, with nothing of the original but its pixels.
 *
 * Made by sharp (libvips) at the first request and kept (`attachment_thumbnails`, keyed by the
 * attachment's id), so a thread page viewed by everyone decodes each image once.
 */
import type { Readable } from 'node:stream';
import sharp from 'sharp';
import { HttpError, notFound, unavailable } from '../http/errors';
import type { BlobStore } from './blobStore';
import { AttachmentThumbnailModel, type AttachmentDocument, type ThumbnailRecord } from './model';

/** The box a thumbnail fits in: twice the 160 × 120 px the pages show it at, for high-density screens. */
export const THUMBNAIL_BOX = 320;
export const THUMBNAIL_TYPE = 'image/webp';

/**
 * The largest image the decoder opens: 8192 × 8192 px, what a 48-megapixel phone photo fits in. The
 * limit is checked against the dimensions in the header before any pixel is decoded, so a small file
 * claiming to be enormous (a "decompression bomb") is refused without the memory it asks for.
 */
export const MAX_INPUT_PIXELS = 8192 * 8192;
/** A decode that runs longer than this is abandoned (libvips checks as it goes). */
const DECODE_SECONDS = 10;
/** Thumbnails made at once; more wait their turn, so a page of new images cannot take every core. */
const AT_ONCE = 2;

/** What an image attachment may be (server/attachments/fileTypes.ts), each with the one loader allowed to read it. */
export const IMAGE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

// libvips can read dozens of formats (SVG, TIFF, HEIF, PDF, FITS…), each a parser exposed to what
// people upload. Uploads are checked by content, so only these four reach it; blocking every other
// loader for the whole process makes sure a mislabelled file can never reach one of the others.
// sharp is used nowhere else on the server.
sharp.block({ operation: ['VipsForeignLoad'] });
sharp.unblock({
  operation: ['VipsForeignLoadPngBuffer', 'VipsForeignLoadJpegBuffer', 'VipsForeignLoadNsgifBuffer', 'VipsForeignLoadWebpBuffer'],
});
// Each image is read once: libvips' cache of recent operations would only hold their memory.
sharp.cache(false);

type Refusal = NonNullable<ThumbnailRecord['refused']>;

/** An image we cannot read: a 422 the client answers with a placeholder (the file still downloads). */
const refusal = (reason: Refusal) =>
  new HttpError(
    422,
    'bad_request',
    reason === 'tooLarge'
      ? `this image is larger than ${Math.sqrt(MAX_INPUT_PIXELS)} × ${Math.sqrt(MAX_INPUT_PIXELS)} pixels, so it has no thumbnail; download it instead`
      : 'this image cannot be read (damaged, or not what it claims to be), so it has no thumbnail; download it instead',
  );

export interface Thumbnail {
  type: string;
  data: Buffer;
  width: number;
  height: number;
}

/**
 * The thumbnail of `attachment` (which the caller has checked the reader may see): the stored one,
 * or made now and stored. 404 for a file that is no image, 422 for an image that cannot be read.
 */
export async function thumbnailOf(attachment: AttachmentDocument, blobs: BlobStore): Promise<Thumbnail> {
  if (!IMAGE_TYPES.has(attachment.type)) throw notFound('thumbnail (only images have one)');
  const stored = (await AttachmentThumbnailModel.findById(attachment._id).lean()) ?? (await makeOnce(attachment, blobs));
  if (stored.refused || !stored.data || !stored.type) throw refusal(stored.refused ?? 'unreadable');
  // Read back (lean) the bytes are BSON Binary; made just now, a Buffer.
  const data = Buffer.isBuffer(stored.data) ? stored.data : Buffer.from(stored.data.value());
  return { type: stored.type, data, width: stored.width ?? 0, height: stored.height ?? 0 };
}

/** Thumbnails being made in this process, by attachment id: a second request waits for the first. */
const making = new Map<string, Promise<ThumbnailRecord>>();

function makeOnce(attachment: AttachmentDocument, blobs: BlobStore): Promise<ThumbnailRecord> {
  const id = String(attachment._id);
  let promise = making.get(id);
  if (!promise) {
    promise = inTurn(() => make(attachment, blobs)).finally(() => making.delete(id));
    making.set(id, promise);
  }
  return promise;
}

async function make(attachment: AttachmentDocument, blobs: BlobStore): Promise<ThumbnailRecord> {
  const input = await readAll(await blobs.open(String(attachment._id), attachment.sha256), attachment.size);
  let record: Omit<ThumbnailRecord, 'createdAt'>;
  try {
    const { data, info } = await sharp(input, {
      limitInputPixels: MAX_INPUT_PIXELS,
      // The first frame of an animation; sharp's strictest setting for untrusted input.
      pages: 1,
      failOn: 'warning',
    })
      .timeout({ seconds: DECODE_SECONDS })
      .rotate() // as the camera held it (EXIF orientation), before the orientation is dropped with the rest
      .resize({ width: THUMBNAIL_BOX, height: THUMBNAIL_BOX, fit: 'inside', withoutEnlargement: true })
      // No metadata is copied (sharp keeps none unless told): no EXIF position, camera or ICC profile.
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    record = { _id: attachment._id, type: THUMBNAIL_TYPE, data, width: info.width, height: info.height, refused: null };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // Too slow now (a busy server) is not a property of the image: nothing is stored, the next view tries again.
    if (/timeout/i.test(message)) throw unavailable('the thumbnail took too long to make; try again shortly');
    record = {
      _id: attachment._id,
      type: null,
      data: null,
      width: null,
      height: null,
      refused: /pixel limit/i.test(message) ? 'tooLarge' : 'unreadable',
    };
  }
  try {
    await AttachmentThumbnailModel.create(record);
  } catch (err) {
    // Another app node made it at the same moment: theirs is the same picture.
    if ((err as { code?: number }).code !== 11000) throw err;
  }
  return { ...record, createdAt: new Date() };
}

/** The stream's bytes, at most `size` of them (the attachment's recorded size). */
async function readAll(content: Readable, size: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of content as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > size) {
      content.destroy();
      break;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

let running = 0;
const waiting: Array<() => void> = [];

/** Run `task` when fewer than AT_ONCE are running. */
async function inTurn<T>(task: () => Promise<T>): Promise<T> {
  // A finishing task hands its turn straight to the next in line, so none can slip in between.
  if (running < AT_ONCE) running++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await task();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}
