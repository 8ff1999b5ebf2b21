/** Attachments: checked by content, stored by hash, downloaded only by those who may read the thread. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment, Message } from '../shared/schemas/threads';
import type { ApiClient } from './support/client';
import { newClientId, startThread } from './support/forum';
import { startTestServer, type TestServer } from './support/server';

/** A valid 1×1 PNG. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f2f0c60000000049454e44ae426082',
  'hex',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let server: TestServer;
let dev: ApiClient;
let dev2: ApiClient;
let ministry: ApiClient;
beforeAll(async () => {
  server = await startTestServer();
  [dev, dev2, ministry] = await server.signInAll('dev@demo.example', 'dev2@demo.example', 'mhlw@demo.example');
});
afterAll(() => server.close());

const upload = (client: ApiClient, name: string, data: Buffer) =>
  client.upload<Attachment & { error?: { code: string; field?: string } }>(`/api/attachments?name=${encodeURIComponent(name)}`, data);

describe('upload', () => {
  it('accepts office, PDF and image types by content and stores each content once', async () => {
    const png = await upload(dev, '図1.png', PNG);
    expect(png.status).toBe(201);
    expect(png.body).toMatchObject({
      name: '図1.png',
      type: 'image/png',
      size: PNG.length,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const again = await upload(dev2, 'copy.png', PNG);
    expect(again.body.sha256).toBe(png.body.sha256);
    const blobs = path.join(server.config.DATA_DIR, 'blobs', png.body.sha256.slice(0, 2), png.body.sha256.slice(2, 4));
    expect(readdirSync(blobs)).toEqual([png.body.sha256]);
    expect((await upload(dev, '資料.pdf', PDF)).body.type).toBe('application/pdf');
  });

  it('refuses wrong content whatever the name says, empty files, oversize files and bad names', async () => {
    const html = await upload(dev, 'innocent.png', Buffer.from('<html><script>alert(1)</script></html>'));
    expect(html.status).toBe(400);
    expect(html.body.error).toMatchObject({ code: 'bad_request', field: 'body' });
    expect((await upload(dev, 'program.pdf', Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00'.padEnd(512, '\x00'), 'binary'))).status).toBe(
      400,
    );
    expect((await upload(dev, 'empty.pdf', Buffer.alloc(0))).status).toBe(400);
    const big = Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024)]);
    expect((await upload(dev, 'big.pdf', big)).status).toBe(413);
    const traversal = await upload(dev, '../../etc/passwd.pdf', PDF);
    expect(traversal.status).toBe(201);
    expect(traversal.body.name).toBe('passwd.pdf');
    expect((await upload(dev, '../..', PDF)).status).toBe(400);
    expect((await dev.upload('/api/attachments', PDF)).status).toBe(400); // no name
    expect((await ministry.upload(`/api/attachments?name=a.pdf`, PDF)).status).toBe(403); // observers do not post
    expect((await server.client().upload(`/api/attachments?name=a.pdf`, PDF)).status).toBe(401);
  });
});

describe('attach and download', () => {
  it('only the uploader sees an unattached file; once posted, whoever may read the thread', async () => {
    const file = (await upload(dev, '議事メモ.pdf', PDF)).body;
    expect((await dev.download(`/api/attachments/${file.id}`)).status).toBe(200);
    expect((await dev2.download(`/api/attachments/${file.id}`)).status).toBe(404);

    const { thread } = await startThread(dev, { visibility: 'vendors' });
    // Someone else cannot claim my upload.
    const stolen = await dev2.post(`/api/threads/${thread.id}/messages`, { clientId: newClientId(), body: 'x', attachmentIds: [file.id] });
    expect(stolen.status).toBe(400);
    const posted = await dev.post<{ message: Message }>(`/api/threads/${thread.id}/messages`, {
      clientId: newClientId(),
      body: '資料です',
      attachmentIds: [file.id],
    });
    expect(posted.status).toBe(201);
    expect(posted.body.message.attachments).toEqual([
      { id: file.id, name: '議事メモ.pdf', type: 'application/pdf', size: PDF.length, sha256: file.sha256 },
    ]);
    // Used once only.
    expect(
      (await dev.post(`/api/threads/${thread.id}/messages`, { clientId: newClientId(), body: 'again', attachmentIds: [file.id] })).status,
    ).toBe(400);

    const got = await dev2.download(`/api/attachments/${file.id}`);
    expect(got.status).toBe(200);
    expect(got.data.equals(PDF)).toBe(true);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('議事メモ.pdf')}`);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await ministry.download(`/api/attachments/${file.id}`)).status).toBe(403);
    expect((await dev.download('/api/attachments/0123456789abcdef01234567')).status).toBe(404);
  });
});

describe('orphan uploads', () => {
  it('are removed after a day, content and all, unless something else holds the same content', async () => {
    const { sweepOrphanAttachments } = await import('../server/attachments/sweep');
    const unique = Buffer.concat([PDF, Buffer.from(`% orphan ${Date.now()}\n`)]);
    const orphan = (await upload(dev, 'orphan.pdf', unique)).body;
    const shared = (await upload(dev, 'shared.png', PNG)).body; // same content as the posted copy below
    const { thread } = await startThread(dev);
    const keep = (await upload(dev2, 'kept.png', PNG)).body;
    await dev2.post(`/api/threads/${thread.id}/messages`, { clientId: newClientId(), body: '画像', attachmentIds: [keep.id] });
    const blob = (sha: string) => path.join(server.config.DATA_DIR, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha);
    expect(await sweepOrphanAttachments(server.council.blobs)).toBe(0); // not a day old yet
    const removed = await sweepOrphanAttachments(server.council.blobs, new Date(Date.now() + 25 * 3600_000));
    expect(removed).toBeGreaterThanOrEqual(2);
    expect((await dev.download(`/api/attachments/${orphan.id}`)).status).toBe(404);
    expect((await dev.download(`/api/attachments/${shared.id}`)).status).toBe(404);
    expect(existsSync(blob(orphan.sha256))).toBe(false);
    expect(existsSync(blob(keep.sha256))).toBe(true); // still posted in a message
    expect((await dev2.download(`/api/attachments/${keep.id}`)).status).toBe(200);
  });
});
