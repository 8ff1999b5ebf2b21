/**
 * Thumbnails of image attachments (issue 21, item 6): drawn by the server from real images, within
 * the box, never the original's bytes or metadata, made once and kept, refused for what is no image
 * or cannot be read (and the server goes on serving), and shown to exactly those who may download.
 */
import http from 'node:http';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment, Message } from '../shared/schemas/threads';
import { AttachmentThumbnailModel } from '../server/attachments/model';
import { MAX_INPUT_PIXELS, THUMBNAIL_BOX } from '../server/attachments/thumbnails';
import type { ApiClient } from './support/client';
import { newClientId, startThread } from './support/forum';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
let dev: ApiClient;
let dev2: ApiClient;
let ministry: ApiClient;
beforeAll(async () => {
  server = await startTestServer();
  [dev, dev2, ministry] = await server.signInAll('dev@demo.example', 'dev2@demo.example', 'mhlw@demo.example');
});
afterAll(() => server.close());

type Uploaded = Attachment & { error?: { code: string } };
const upload = async (client: ApiClient, name: string, data: Buffer) => {
  const res = await client.upload<Uploaded>(`/api/attachments?name=${encodeURIComponent(name)}`, data);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};
const thumbnail = (client: ApiClient, id: string) => client.download(`/api/attachments/${id}/thumbnail`);

/** A photo-like JPEG: a gradient, so it is not one flat colour, with EXIF that must not survive. */
async function photo(width: number, height: number, orientation?: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels.set([(x * 255) / width, (y * 255) / height, 128], (y * width + x) * 3);
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .withExif({ IFD0: { Copyright: 'secret-exif-marker', Artist: 'Camera Owner' } })
    .withMetadata(orientation ? { orientation } : {})
    .jpeg({ quality: 90 })
    .toBuffer();
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('an image thumbnail', () => {
  it('is a WebP the server drew, inside the box, upright, without the original bytes or metadata', async () => {
    const original = await photo(1200, 800, 6); // stored sideways, to be shown upright: 800 × 1200
    const file = await upload(dev, '現場写真.jpg', original);
    const res = await thumbnail(dev, file.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('private, max-age=600');
    expect(res.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(res.headers.get('content-disposition')).toBeNull();
    expect(res.data.equals(original)).toBe(false);
    expect(res.data.length).toBeLessThan(original.length);

    const meta = await sharp(res.data).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.width).toBeLessThanOrEqual(THUMBNAIL_BOX);
    expect(meta.height).toBeLessThanOrEqual(THUMBNAIL_BOX);
    // Turned as the camera said, then fitted: 800 × 1200 → 213 × 320.
    expect([meta.width, meta.height]).toEqual([213, 320]);
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(res.data.includes('secret-exif-marker')).toBe(false);
  });

  it('is never enlarged, and works for PNG, GIF and WebP too', async () => {
    const small = await sharp({ create: { width: 40, height: 30, channels: 4, background: '#0017c1' } })
      .png()
      .toBuffer();
    for (const [name, data] of [
      ['small.png', small],
      ['small.gif', await sharp(small).gif().toBuffer()],
      ['small.webp', await sharp(small).webp().toBuffer()],
    ] as const) {
      const file = await upload(dev, name, data);
      const res = await thumbnail(dev, file.id);
      expect(res.status, name).toBe(200);
      const meta = await sharp(res.data).metadata();
      expect([meta.format, meta.width, meta.height], name).toEqual(['webp', 40, 30]);
    }
  });

  it('is made once, stored under the attachment id, and served from there afterwards', async () => {
    const file = await upload(dev, 'once.jpg', await photo(640, 480));
    expect(await AttachmentThumbnailModel.findById(file.id)).toBeNull();
    const [first, concurrent] = await Promise.all([thumbnail(dev, file.id), thumbnail(dev, file.id)]);
    expect(first.status).toBe(200);
    expect(concurrent.data.equals(first.data)).toBe(true);
    const stored = await AttachmentThumbnailModel.findById(file.id);
    expect(stored).not.toBeNull();
    expect(Buffer.from(stored!.data!).equals(first.data)).toBe(true);
    expect(await AttachmentThumbnailModel.countDocuments({ _id: file.id })).toBe(1);

    // What is served now is what is stored, not drawn again: swap the stored picture and see it come back.
    const marker = await sharp({ create: { width: 7, height: 5, channels: 3, background: '#ff0000' } })
      .webp()
      .toBuffer();
    await AttachmentThumbnailModel.updateOne({ _id: file.id }, { $set: { data: marker } });
    const second = await thumbnail(dev, file.id);
    expect(second.status).toBe(200);
    expect(second.data.equals(marker)).toBe(true);

    // A browser that has it is answered 304 after the reader is checked again.
    const etag = second.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(await revalidate(dev, file.id, etag!)).toBe(304);
    expect(await revalidate(dev2, file.id, etag!)).toBe(404);
  });
});

describe('no thumbnail', () => {
  it('for a file that is no image', async () => {
    const pdf = await upload(dev, '資料.pdf', PDF);
    const res = await thumbnail(dev, pdf.id);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.data.toString())).toMatchObject({ error: { code: 'not_found' } });
    expect(await AttachmentThumbnailModel.findById(pdf.id)).toBeNull();
  });

  it('for a damaged image or one too large to open: a 422, remembered, and the server goes on serving', async () => {
    const good = await photo(300, 200);
    // The type is judged by the first bytes, so a cut-off JPEG is accepted as a JPEG.
    const cut = await upload(dev, 'cut.jpg', good.subarray(0, Math.floor(good.length / 3)));
    expect(cut.type).toBe('image/jpeg');
    // A whole PNG whose compressed pixels were overwritten on the way.
    const png = await sharp(good).png().toBuffer();
    const garbled = await upload(
      dev,
      'garbled.png',
      Buffer.concat([png.subarray(0, 100), Buffer.alloc(png.length - 200, 0xa5), png.subarray(-100)]),
    );
    expect(garbled.type).toBe('image/png');
    // A "decompression bomb": a valid 1×1 PNG whose header claims 100,000 × 100,000 pixels.
    const bomb = await upload(dev, 'bomb.png', await pngClaiming(100_000, 100_000));
    expect(100_000 * 100_000).toBeGreaterThan(MAX_INPUT_PIXELS);

    for (const [file, message] of [
      [cut, /cannot be read/],
      [garbled, /cannot be read/],
      [bomb, /larger than 8192 × 8192/],
    ] as const) {
      const res = await thumbnail(dev, file.id);
      expect(res.status, file.name).toBe(422);
      expect(JSON.parse(res.data.toString()).error.message, file.name).toMatch(message);
      expect((await AttachmentThumbnailModel.findById(file.id))?.refused, file.name).toBe(file === bomb ? 'tooLarge' : 'unreadable');
      // Asked again: the same answer, from what was stored.
      expect((await thumbnail(dev, file.id)).status, file.name).toBe(422);
      // The file itself still downloads.
      expect((await dev.download(`/api/attachments/${file.id}`)).status, file.name).toBe(200);
    }
    expect((await server.client().get('/api/health')).status).toBe(200);
    const after = await upload(dev, 'after.jpg', good);
    expect((await thumbnail(dev, after.id)).status).toBe(200);
  });
});

describe('who sees a thumbnail', () => {
  it('exactly those who may download the image, refused in the same words as the download', async () => {
    const image = await photo(200, 150);
    const unposted = await upload(dev, 'draft.jpg', image);
    const posted = await upload(dev, 'posted.jpg', image);
    const { thread } = await startThread(dev, { visibility: 'vendors' });
    const sent = await dev.post<{ message: Message }>(`/api/threads/${thread.id}/messages`, {
      clientId: newClientId(),
      body: '写真です',
      attachmentIds: [posted.id],
    });
    expect(sent.status).toBe(201);

    const cases: Array<[string, ApiClient, string, number]> = [
      ['the uploader, before posting', dev, unposted.id, 200],
      ['another vendor, before posting', dev2, unposted.id, 404],
      ['another vendor, once posted in a thread for vendors', dev2, posted.id, 200],
      ['an observer, for a thread for vendors', ministry, posted.id, 403],
      ['anyone, for an id that does not exist', dev, '0123456789abcdef01234567', 404],
    ];
    for (const [who, client, id, status] of cases) {
      const download = await client.download(`/api/attachments/${id}`);
      const thumb = await thumbnail(client, id);
      expect(download.status, who).toBe(status);
      expect(thumb.status, who).toBe(status);
      if (status !== 200) expect(thumb.data.toString(), who).toBe(download.data.toString());
    }
    expect((await server.client().download(`/api/attachments/${posted.id}/thumbnail`)).status).toBe(401);
    expect((await dev.download('/api/attachments/not-an-id/thumbnail')).status).toBe(400);
  });
});

/** The status of a conditional GET (node:http: fetch would add `Cache-Control: no-cache` to it). */
function revalidate(client: ApiClient, id: string, etag: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(
        `${server.baseUrl}/api/attachments/${id}/thumbnail`,
        { headers: { cookie: client.cookieHeader, 'if-none-match': etag } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode!));
        },
      )
      .on('error', reject);
  });
}

/** A PNG of one pixel whose header says `width` × `height`: the header is all a decoder reads before refusing it. */
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
    .png()
    .toBuffer();
  // IHDR: length (4) "IHDR" (4) width (4) height (4) …, right after the signature; its CRC covers type and data.
  const ihdr = 8;
  png.writeUInt32BE(width, ihdr + 8);
  png.writeUInt32BE(height, ihdr + 12);
  const dataLength = png.readUInt32BE(ihdr);
  png.writeUInt32BE(crc32(png.subarray(ihdr + 4, ihdr + 8 + dataLength)), ihdr + 8 + dataLength);
  return png;
}
