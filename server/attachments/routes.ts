import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { ErrorBody, IdParams } from '@shared/schemas/common';
import { Attachment } from '@shared/schemas/threads';
import type { AppContext } from '../context';
import { defineRoute } from '../http/route';
import { errorResponses } from '../http/responses';
import { downloadFileName } from './fileNames';
import { presentAttachment } from './presenter';
import { attachmentForDownload, uploadAttachment } from './service';
import { THUMBNAIL_BOX, thumbnailOf } from './thumbnails';

const UploadQuery = z.strictObject({ name: z.string().min(1, 'required').max(255) });
const errors = errorResponses;
/**
 * How long a browser keeps a thumbnail: a thread page shown again, or scrolled back to, does not ask
 * again; after that it asks (and the reader's access is checked again). Only the reader's own browser
 * keeps it (`private`), and not long: unlike a download, a thumbnail is fetched without being asked
 * for, so it is the one kept, briefly, after a message is hidden.
 */
const THUMBNAIL_CACHE = 'private, max-age=600';

export function attachmentRoutes({ blobs, postLimit }: AppContext) {
  return [
    defineRoute(
      {
        method: 'post',
        path: '/attachments',
        tag: 'threads',
        summary: 'Upload a file (the raw bytes as the body, ≤ 20 MB; office, PDF and image types, checked by content)',
        access: 'user',
        // Uploads share the posting pace, so nobody fills the disk 20 MB at a time.
        limit: postLimit.perPerson,
        query: UploadQuery,
        rawBody: true,
        status: 201,
        responses: { 201: { description: 'stored', schema: Attachment }, ...errors, 413: { description: 'too large', schema: ErrorBody } },
      },
      async ({ req, actor, query }) => presentAttachment(await uploadAttachment({ actor, name: query.name, req, store: blobs })),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/attachments/:id',
        tag: 'threads',
        summary: 'Download a file (only for those who may read the message, meeting or announcement it is on; before that, its uploader)',
        access: 'user',
        params: IdParams,
        responses: { 200: { description: 'the file', contentType: 'application/octet-stream' }, ...errors },
      },
      async ({ actor, params, res }) => {
        const a = await attachmentForDownload(actor, params.id);
        // Opened before anything is sent, so a missing file is an error answer, not a download cut short.
        const content = await blobs.open(String(a._id), a.sha256);
        res.set({
          'Content-Type': a.type,
          'Content-Length': String(a.size),
          'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(downloadFileName(a.name, a.type))}`,
          'X-Content-Type-Options': 'nosniff',
          'Content-Security-Policy': "sandbox; default-src 'none'",
          // Files are saved through links, never shown in the page, so a cached copy saves nothing and
          // would outlive the reader's access (a hidden message, a sign-out on a shared computer).
          'Cache-Control': 'private, no-store',
        });
        await pipeline(content, res);
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: '/attachments/:id/thumbnail',
        tag: 'threads',
        summary: `An image's thumbnail: a WebP within ${THUMBNAIL_BOX} × ${THUMBNAIL_BOX} px, drawn by the server (the original is never shown in the page), for those who may download the image`,
        access: 'user',
        params: IdParams,
        responses: {
          200: { description: 'the thumbnail', contentType: 'image/webp' },
          ...errors,
          404: { description: 'not found, or not an image (only images have thumbnails)', schema: ErrorBody },
          422: { description: 'an image that cannot be read, or too large to open: download it instead', schema: ErrorBody },
        },
      },
      async ({ actor, params, res }) => {
        // The download's own check: whoever may download the file, and nobody else.
        const a = await attachmentForDownload(actor, params.id);
        const thumbnail = await thumbnailOf(a, blobs);
        res.set({
          'Content-Type': thumbnail.type,
          'X-Content-Type-Options': 'nosniff',
          'Content-Security-Policy': "sandbox; default-src 'none'",
          'Cache-Control': THUMBNAIL_CACHE,
        });
        // With an ETag: after max-age, a browser that has it is answered 304, once its reader is checked again.
        res.send(thumbnail.data);
      },
    ),
  ];
}
