/**
 * Issue 16, the attachment problems suspected from reading the code: an upload left unclaimed by a
 * send that died between storing the message and claiming it, and the orphan sweeper removing
 * content at the moment a new upload of the same bytes reuses it.
 */
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttachmentModel } from '../server/attachments/model';
import { sweepOrphanAttachments } from '../server/attachments/sweep';
import { idempotentId } from '../server/db/keys';
import type { Attachment, Message } from '../shared/schemas/threads';
import type { ApiClient } from './support/client';
import { newClientId, startThread } from './support/forum';
import type { Me } from './support/json';
import { startTestServer, type TestServer } from './support/server';

const pdf = (tag: string) => Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${tag}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
const DAY_MS = 24 * 3600_000;

let server: TestServer;
let dev: ApiClient;
let dev2: ApiClient;
let devId: string;
beforeAll(async () => {
  server = await startTestServer();
  [dev, dev2] = await server.signInAll('dev@demo.example', 'dev2@demo.example');
  devId = (await dev.get<Me>('/api/me')).body.id;
});
afterAll(() => server.close());

const upload = async (client: ApiClient, name: string, data: Buffer) => {
  const res = await client.upload<Attachment>(`/api/attachments?name=${encodeURIComponent(name)}`, data);
  expect(res.status).toBe(201);
  return res.body;
};
/** Age an upload past the sweeper's day (the driver directly: mongoose keeps `createdAt` immutable). */
const ageUpload = (id: string) =>
  AttachmentModel.collection.updateOne({ _id: new Types.ObjectId(id) }, { $set: { createdAt: new Date(Date.now() - 2 * DAY_MS) } });

describe('a send that dies between storing its message and claiming its attachments', () => {
  it('is completed by its retry: the attachment is claimed, readable by the thread and never swept', async () => {
    const { thread } = await startThread(dev, { visibility: 'vendors' });
    const file = await upload(dev, '議事メモ.pdf', pdf(`crash ${newClientId()}`));
    const clientId = newClientId();
    const send = () =>
      dev.post<{ message: Message; duplicate?: boolean }>(`/api/threads/${thread.id}/messages`, {
        clientId,
        body: '資料です',
        attachmentIds: [file.id],
      });
    expect((await send()).status).toBe(201);
    // The state a process killed between the two writes leaves: the message stored, naming the
    // file, and the file still its uploader's alone (the claim never written).
    await AttachmentModel.updateOne({ _id: file.id }, { $set: { messageId: null, threadId: null } });

    const retry = await send();
    expect(retry.status).toBe(200);
    expect(retry.body.message.attachments.map((a) => a.id)).toEqual([file.id]);
    const read = await dev2.download(`/api/attachments/${file.id}`);
    expect(read.status).toBe(200);
    await sweepOrphanAttachments(server.council.blobs, new Date(Date.now() + 2 * DAY_MS));
    expect((await dev2.download(`/api/attachments/${file.id}`)).status).toBe(200);
  });

  it('is completed by its retry when it died after claiming and before storing the message', async () => {
    const { thread } = await startThread(dev, { visibility: 'vendors' });
    const file = await upload(dev, '図.pdf', pdf(`claimed ${newClientId()}`));
    const clientId = newClientId();
    // The state the first attempt leaves when it dies between claiming (keyed by the message id
    // the send will have) and storing the message.
    const messageId = idempotentId('message', devId, clientId);
    await AttachmentModel.updateOne({ _id: file.id }, { $set: { messageId, threadId: thread.id } });

    const retry = await dev.post<{ message: Message }>(`/api/threads/${thread.id}/messages`, {
      clientId,
      body: '資料です',
      attachmentIds: [file.id],
    });
    expect(retry.status).toBe(201);
    expect(retry.body.message.id).toBe(String(messageId));
    expect((await dev2.download(`/api/attachments/${file.id}`)).status).toBe(200);
    // Another send still cannot take it.
    expect(
      (await dev.post(`/api/threads/${thread.id}/messages`, { clientId: newClientId(), body: 'x', attachmentIds: [file.id] })).status,
    ).toBe(400);
  });
});

describe('the orphan sweeper and a new upload of the same content', () => {
  it('never removes the content a new upload stored, whichever goes first (40 rounds)', async () => {
    const lost: string[] = [];
    for (let round = 0; round < 40; round++) {
      const content = pdf(`race ${round} ${newClientId()}`);
      const orphan = await upload(dev, 'orphan.pdf', content);
      await ageUpload(orphan.id);
      // Several uploads of the same bytes spread over the sweep, so some land inside it.
      const [, ...uploads] = await Promise.all([
        sweepOrphanAttachments(server.council.blobs),
        ...Array.from({ length: 6 }, (_, i) => upload(i % 2 ? dev : dev2, `copy${i}.pdf`, content)),
      ]);
      for (const [i, copy] of uploads.entries()) {
        // A file gone from the disk breaks the download off after its headers (the fetch fails).
        const got = await (i % 2 ? dev : dev2)
          .download(`/api/attachments/${copy.id}`)
          .catch((err: Error) => ({ status: String(err.cause ?? err), data: Buffer.alloc(0) }));
        if (got.status !== 200 || !got.data.equals(content)) lost.push(`round ${round} copy ${i}: ${got.status}`);
      }
    }
    expect(lost).toEqual([]);
  }, 120_000);

  it('keeps content that a record from before uploads had names of their own holds by its hash alone', async () => {
    const content = pdf(`legacy ${newClientId()}`);
    const orphan = await upload(dev, 'orphan.pdf', content);
    // Such a record names only the hash (as security-input.test.ts makes one); it shares the content
    // the orphan's upload stored.
    const legacy = await AttachmentModel.create({
      sha256: orphan.sha256,
      name: 'old.pdf',
      type: 'application/pdf',
      size: content.length,
      uploadedBy: devId,
    });
    await ageUpload(orphan.id);
    await sweepOrphanAttachments(server.council.blobs);
    expect((await dev.download(`/api/attachments/${orphan.id}`)).status).toBe(404);
    const got = await dev.download(`/api/attachments/${String(legacy._id)}`);
    expect(got.status).toBe(200);
    expect(got.data.equals(content)).toBe(true);
  });

  it('removes what a process that died mid-upload left in the temporary folder, once a day old', async () => {
    const folder = path.join(server.config.DATA_DIR, 'blobs', 'tmp');
    mkdirSync(folder, { recursive: true });
    const [stale, fresh] = ['stale.part', 'fresh.part'].map((name) => path.join(folder, name)) as [string, string];
    writeFileSync(stale, 'half an upload');
    writeFileSync(fresh, 'an upload arriving now');
    const twoDaysAgo = new Date(Date.now() - 2 * DAY_MS);
    utimesSync(stale, twoDaysAgo, twoDaysAgo);
    await sweepOrphanAttachments(server.council.blobs);
    expect([existsSync(stale), existsSync(fresh)]).toEqual([false, true]);
  });
});
