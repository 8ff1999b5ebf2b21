/**
 * お知らせ with attachments, on the real server: the secretariat attaches its own uploads when it
 * writes or edits an announcement; a file on an announcement downloads for whoever may read that
 * announcement and is not found for anyone else (a draft's for nobody but the secretariat); one taken
 * off in an edit is its uploader's again; the orphan sweep leaves an announcement's files alone.
 */
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Announcement } from '../shared/schemas/announcements';
import type { AuditPage } from '../shared/schemas/audit';
import type { Attachment } from '../shared/schemas/threads';
import { AttachmentModel } from '../server/attachments/model';
import { sweepOrphanAttachments } from '../server/attachments/sweep';
import { PNG } from './support/authz';
import type { ApiClient } from './support/client';
import type { ErrorBody } from './support/json';
import { startTestServer, type TestServer } from './support/server';

/** A PDF with its own bytes, so each upload is a content of its own. */
const pdf = (tag: string) => Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${tag}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
const DAY_MS = 24 * 3600_000;

let server: TestServer;
let secretariat: ApiClient, dev: ApiClient, dev2: ApiClient, support: ApiClient, mhlw: ApiClient;
beforeAll(async () => {
  server = await startTestServer();
  [secretariat, dev, dev2, support, mhlw] = await server.signInAll(
    'secretariat@demo.example',
    'dev@demo.example',
    'dev2@demo.example',
    'support@demo.example',
    'mhlw@demo.example',
  );
}, 60_000);
afterAll(() => server?.close());

const upload = async (client: ApiClient, name: string, data: Buffer = pdf(randomUUID())) => {
  const res = await client.upload<Attachment>(`/api/attachments?name=${encodeURIComponent(name)}`, data);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};
const write = (body: Record<string, unknown>) =>
  secretariat.post<Announcement & ErrorBody>('/api/announcements', {
    title: `資料付きのお知らせ ${randomUUID().slice(0, 8)}`,
    body: '別添の資料をご確認ください。',
    mustConfirm: true,
    audience: { kind: 'developmentVendors' },
    ...body,
  });
async function draft(body: Record<string, unknown>): Promise<Announcement> {
  const res = await write(body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
async function publish(a: Announcement): Promise<Announcement> {
  const res = await secretariat.post<Announcement>(`/api/announcements/${a.id}/publish`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
const edit = (id: string, body: Record<string, unknown>) => secretariat.patch<Announcement & ErrorBody>(`/api/announcements/${id}`, body);
const downloadStatus = async (c: ApiClient, id: string) => (await c.download(`/api/attachments/${id}`)).status;
/** Age an upload past the sweeper's day (the driver directly: mongoose keeps `createdAt` immutable). */
const ageUpload = (id: string) =>
  AttachmentModel.collection.updateOne({ _id: new Types.ObjectId(id) }, { $set: { createdAt: new Date(Date.now() - 2 * DAY_MS) } });

describe('attaching', () => {
  it('a PDF on a development-vendors-only announcement: development vendors download it, a support vendor and a ministry are told it is not found', async () => {
    const file = await upload(secretariat, '標準仕様書（第5.0版）.pdf');
    const figure = await upload(secretariat, '構成図.png', PNG);
    const a = await draft({ attachmentIds: [file.id, figure.id] });
    expect(a.attachments).toEqual([
      { id: file.id, name: '標準仕様書（第5.0版）.pdf', type: 'application/pdf', size: file.size, sha256: file.sha256 },
      { id: figure.id, name: '構成図.png', type: 'image/png', size: PNG.length, sha256: figure.sha256 },
    ]);
    const published = await publish(a);
    expect(published.attachments.map((f) => f.id)).toEqual([file.id, figure.id]);

    for (const c of [dev, dev2]) {
      expect((await c.get<Announcement>(`/api/announcements/${a.id}`)).body.attachments.map((f) => f.id)).toEqual([file.id, figure.id]);
      const got = await c.download(`/api/attachments/${file.id}`);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('application/pdf');
      expect(got.headers.get('content-disposition')).toBe(
        `attachment; filename*=UTF-8''${encodeURIComponent('標準仕様書（第5.0版）.pdf')}`,
      );
      expect((await c.download(`/api/attachments/${figure.id}/thumbnail`)).status).toBe(200);
    }
    for (const c of [support, mhlw]) {
      expect((await c.get(`/api/announcements/${a.id}`)).status).toBe(404);
      expect(await downloadStatus(c, file.id)).toBe(404);
      expect((await c.download(`/api/attachments/${figure.id}/thumbnail`)).status).toBe(404);
    }
    expect(await downloadStatus(secretariat, file.id)).toBe(200);

    // Withdrawn, it stays readable by its audience, and so do its files.
    expect((await secretariat.post(`/api/announcements/${a.id}/withdraw`)).status).toBe(200);
    expect(await downloadStatus(dev, file.id)).toBe(200);
    expect(await downloadStatus(support, file.id)).toBe(404);
  });

  it('a draft’s files are downloaded by the secretariat only, whatever the audience', async () => {
    const file = await upload(secretariat, '下書きの資料.pdf');
    const a = await draft({ audience: { kind: 'everyone' }, attachmentIds: [file.id] });
    expect(await downloadStatus(secretariat, file.id)).toBe(200);
    for (const c of [dev, support, mhlw]) expect(await downloadStatus(c, file.id)).toBe(404);
    await publish(a);
    for (const c of [dev, support, mhlw]) expect(await downloadStatus(c, file.id)).toBe(200);
  });

  it('refuses a file that is not the secretariat’s own unclaimed upload, naming the field, and stores nothing', async () => {
    const vendors = await upload(dev, 'ベンダーの資料.pdf');
    const own = await upload(secretariat, '事務局の資料.pdf');
    const used = await upload(secretariat, '使用済み.pdf');
    await draft({ attachmentIds: [used.id] });
    const title = `拒否されるお知らせ ${randomUUID().slice(0, 8)}`;
    for (const ids of [[vendors.id], [own.id, vendors.id], [used.id], ['f'.repeat(24)]]) {
      const res = await write({ title, attachmentIds: ids });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'bad_request', field: 'attachmentIds' });
    }
    const malformed = await write({ attachmentIds: ['nope'] });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.field).toBe('body.attachmentIds.0');
    const tooMany = await write({ attachmentIds: Array.from({ length: 11 }, () => new Types.ObjectId().toHexString()) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.field).toBe('body.attachmentIds');
    // Nothing was stored: no draft of that title, and the refused claim of the secretariat's own upload undone.
    const drafts = await secretariat.get<{ announcements: Announcement[] }>('/api/announcements?status=draft');
    expect(drafts.body.announcements.map((x) => x.title)).not.toContain(title);
    expect(await downloadStatus(dev, vendors.id)).toBe(200); // still the vendor's own, unclaimed
    const later = await draft({ attachmentIds: [own.id] });
    expect(later.attachments.map((f) => f.id)).toEqual([own.id]);

    // The same in an edit: nothing changes.
    const res = await edit(later.id, { title: '変更されない件名', attachmentIds: [own.id, vendors.id] });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('attachmentIds');
    const unchanged = (await secretariat.get<Announcement>(`/api/announcements/${later.id}`)).body;
    expect(unchanged.title).toBe(later.title);
    expect(unchanged.attachments.map((f) => f.id)).toEqual([own.id]);

    // Only the secretariat writes announcements, files or not.
    expect(
      (await dev.post('/api/announcements', { title: 't', body: 'b', audience: { kind: 'everyone' }, attachmentIds: [vendors.id] })).status,
    ).toBe(403);
  });

  it('an edit adds and takes off files: one taken off is its uploader’s again; after publication it is a correction', async () => {
    const first = await upload(secretariat, '第1版.pdf');
    const second = await upload(secretariat, '第2版.pdf');
    const a = await publish(await draft({ attachmentIds: [first.id] }));
    // The editor sends every field back: the same files are no change.
    const same = await edit(a.id, { title: a.title, attachmentIds: [first.id] });
    expect(same.status).toBe(200);
    expect(same.body.correctedAt).toBeNull();

    const swapped = await edit(a.id, { attachmentIds: [second.id] });
    expect(swapped.status, JSON.stringify(swapped.body)).toBe(200);
    expect(swapped.body.attachments.map((f) => f.id)).toEqual([second.id]);
    expect(swapped.body.correctedAt).not.toBeNull();
    expect(await downloadStatus(dev, second.id)).toBe(200);
    expect(await downloadStatus(dev, first.id)).toBe(404);
    expect(await downloadStatus(secretariat, first.id)).toBe(200); // the uploader's, unclaimed again
    const audit = await secretariat.get<AuditPage>('/api/audit?category=announcement');
    const corrections = audit.body.entries.filter((e) => e.target?.id === a.id && e.action === 'announcement.corrected');
    expect(corrections.map((e) => e.detail)).toContainEqual({ fields: ['attachments'] });

    // Taken off, it can go on another announcement.
    const other = await draft({ attachmentIds: [first.id] });
    expect(other.attachments.map((f) => f.id)).toEqual([first.id]);
    const none = await edit(other.id, { attachmentIds: [] });
    expect(none.body.attachments).toEqual([]);
  });
});

describe('the orphan sweep', () => {
  it('leaves an announcement’s files, a draft’s included, and removes one taken off a day after its upload', async () => {
    const onDraft = await upload(secretariat, '下書きに添付.pdf');
    const onPublished = await upload(secretariat, '公開に添付.pdf');
    const takenOff = await upload(secretariat, '取り外し.pdf');
    const abandoned = await upload(secretariat, '放置.pdf');
    await draft({ attachmentIds: [onDraft.id] });
    const a = await publish(await draft({ attachmentIds: [onPublished.id, takenOff.id] }));
    expect((await edit(a.id, { attachmentIds: [onPublished.id] })).status).toBe(200);
    // One stored before attachments had an `announcementId` at all is still an orphan.
    await AttachmentModel.collection.updateOne({ _id: new Types.ObjectId(abandoned.id) }, { $unset: { announcementId: '' } });
    for (const f of [onDraft, onPublished, takenOff, abandoned]) await ageUpload(f.id);

    await sweepOrphanAttachments(server.council.blobs, new Date(Date.now() + 2 * DAY_MS));
    expect(await downloadStatus(secretariat, onDraft.id)).toBe(200);
    expect(await downloadStatus(dev, onPublished.id)).toBe(200);
    expect(await downloadStatus(secretariat, takenOff.id)).toBe(404);
    expect(await downloadStatus(secretariat, abandoned.id)).toBe(404);
    expect((await secretariat.get<Announcement>(`/api/announcements/${a.id}`)).body.attachments.map((f) => f.id)).toEqual([onPublished.id]);
  });
});
