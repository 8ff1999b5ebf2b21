/**
 * "Search everywhere" over the forum (issue 20): threads by title, messages by their text as shown, and attachment
 * file names — found through GET /api/search as they now read, by those who may read them now and nobody else.
 */
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Me } from '../shared/schemas/users';
import type { Announcement } from '../shared/schemas/announcements';
import type { Meeting } from '../shared/schemas/meetings';
import type { EverythingPage, SearchResult } from '../shared/schemas/search';
import type { Attachment, Message } from '../shared/schemas/threads';
import { attachmentSearch } from '../server/search/kinds/attachments';
import { messageSearch } from '../server/search/kinds/messages';
import { threadSearch } from '../server/search/kinds/threads';
import { dropSearchGrams } from '../server/threads/backfill';
import { findUserWithOrganization } from '../server/users/peopleView';
import { toActor } from '../server/users/presenter';
import type { ApiClient } from './support/client';
import { postMessage, startThread } from './support/forum';
import { startTestServer, type TestServer } from './support/server';
import { DAY_MS, dateOnly, todayInJapan } from '../shared/japanDates';

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

async function search(client: ApiClient, q: string, kinds?: string): Promise<SearchResult[]> {
  const res = await client.get<EverythingPage>(`/api/search?q=${encodeURIComponent(q)}${kinds ? `&kinds=${kinds}` : ''}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.results;
}
/** What `client` finds for `q`, as `<kind>:<id>` in the answer's order. */
const found = async (client: ApiClient, q: string, kinds?: string) => (await search(client, q, kinds)).map((r) => `${r.kind}:${r.id}`);
const key = (kind: string, item: { id: string }) => `${kind}:${item.id}`;

/** A PDF with bytes of its own. */
const pdf = () => Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${randomUUID()}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
async function upload(client: ApiClient, name: string): Promise<Attachment> {
  const res = await client.upload<Attachment>(`/api/attachments?name=${encodeURIComponent(name)}`, pdf());
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('threads and messages', () => {
  it('finds a Japanese phrase inside a sentence, title hits first, highlighted, and never in a thread the reader may not read', async () => {
    const open = await startThread(dev, {
      title: '住民記録の外字対応',
      body: '外字の同定作業について、異体字照合表への移行手順を共有します。',
    });
    const closed = await startThread(dev, {
      visibility: 'vendors',
      title: '事業者限定：異体字照合表の費用',
      body: '異体字照合表の移行費用の見積もりです。',
    });

    const results = await search(dev, '異体字照合表');
    // The title hit first, then the body hits newest first.
    expect(results.map((r) => `${r.kind}:${r.id}`)).toEqual([
      key('thread', closed.thread),
      key('message', closed.message),
      key('message', open.message),
    ]);
    const [thread, , message] = results as [SearchResult, SearchResult, SearchResult];
    expect(thread).toMatchObject({ title: '事業者限定：異体字照合表の費用', href: `/threads/${closed.thread.id}`, status: 'open' });
    expect(thread.title.slice(...thread.titleHighlights[0]!)).toBe('異体字照合表');
    expect(message).toMatchObject({
      where: '住民記録の外字対応',
      who: open.message.author.displayName,
      href: `/threads/${open.thread.id}?seq=1`,
      snippet: '外字の同定作業について、異体字照合表への移行手順を共有します。',
    });
    expect(message.snippet.slice(...message.highlights[0]!)).toBe('異体字照合表');

    // A ministry reads council threads only.
    const observer = await search(mhlw, '異体字照合表');
    expect(observer.map((r) => `${r.kind}:${r.id}`)).toEqual([key('message', open.message)]);
    expect(JSON.stringify(observer)).not.toContain('事業者限定');
  });

  it('matches words in any order, case and width, kana as katakana or hiragana, but a phrase only as written', async () => {
    const { thread, message } = await postEnglish();
    const hits = [key('message', message)];
    expect(await found(dev, 'cloud GOVERNMENT', 'message')).toEqual(hits);
    expect(await found(dev, 'ｃｌｏｕｄ ｇｏｖｅｒｎｍｅｎｔ', 'message')).toEqual(hits);
    expect(await found(dev, 'ぎょうせいしすてむ', 'message')).toEqual(hits);
    expect(await found(dev, '"government cloud"', 'message')).toEqual(hits);
    expect(await found(dev, '"cloud government"', 'message')).toEqual([]);
    expect(await found(dev, 'cloudmig', 'message')).toEqual([]);
    expect(await found(dev, 'cloud -migration', 'message')).toEqual([]);
    expect(await found(dev, 'ｷﾞｮｳｾｲｼｽﾃﾑ 移行計画', 'thread')).toEqual([key('thread', thread)]);

    async function postEnglish() {
      const started = await startThread(dev, { title: 'ギョウセイシステムの移行計画' });
      return {
        thread: started.thread,
        message: await postMessage(dev, started.thread.id, 'The Government Cloud migration plan for ギョウセイシステム'),
      };
    }
  });

  it('finds each thread and message by the personas who may read its thread, and nobody else', async () => {
    const threads = {
      council: await startThread(dev, { visibility: 'council', title: '閲覧範囲確認・全体ナガレボシ', body: '全体ナガレボシの本文' }),
      vendors: await startThread(dev, { visibility: 'vendors', title: '閲覧範囲確認・事業者ナガレボシ', body: '事業者ナガレボシの本文' }),
      development: await startThread(dev, {
        visibility: 'development',
        title: '閲覧範囲確認・開発ナガレボシ',
        body: '開発ナガレボシの本文',
      }),
    };
    const everything = (v: keyof typeof threads) => [key('thread', threads[v].thread), key('message', threads[v].message)];
    const expected: Array<[ApiClient, string, Array<keyof typeof threads>]> = [
      [secretariat, 'secretariat', ['council', 'vendors', 'development']],
      [dev, 'development vendor', ['council', 'vendors', 'development']],
      [support, 'support vendor', ['council', 'vendors']],
      [mhlw, 'ministry', ['council']],
    ];
    for (const [client, persona, readable] of expected) {
      const results = await found(client, 'ナガレボシ');
      expect(results.sort(), persona).toEqual(readable.flatMap(everything).sort());
    }
  });

  it('filters by the Japan days an item was written on', async () => {
    const { message } = await startThread(dev, { title: '日付絞り込み', body: 'ヒヅケトオリの件' });
    const today = dateOnly(todayInJapan())!;
    const yesterday = dateOnly(new Date(todayInJapan().getTime() - DAY_MS))!;
    const within = async (range: string) => {
      const res = await dev.get<EverythingPage>(`/api/search?q=${encodeURIComponent('ヒヅケトオリ')}&${range}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.results.some((r) => r.kind === 'message' && r.id === message.id);
    };
    expect(await within(`from=${today}&to=${today}`)).toBe(true);
    expect(await within(`to=${yesterday}`)).toBe(false);
    expect(await within(`from=${yesterday}`)).toBe(true);
  });

  it('follows a thread title and a message through edits and deletion', async () => {
    const { thread, message } = await startThread(dev, { title: '旧題ホシノスナ', body: '本文カザハナの件' });
    expect(await found(dev, 'ホシノスナ')).toEqual([key('thread', thread)]);
    expect(await found(dev, 'カザハナ')).toEqual([key('message', message)]);

    expect((await dev.patch(`/api/threads/${thread.id}`, { title: '新題ツキノシズク' })).status).toBe(200);
    expect(await found(dev, 'ホシノスナ')).toEqual([]);
    expect(await found(dev, 'ツキノシズク')).toEqual([key('thread', thread)]);

    expect((await dev.patch(`/api/messages/${message.id}`, { body: '本文ユキアカリの件' })).status).toBe(200);
    expect(await found(dev, 'カザハナ')).toEqual([]);
    expect(await found(dev, 'ユキアカリ')).toEqual([key('message', message)]);

    expect((await dev.delete(`/api/messages/${message.id}`)).status).toBe(200);
    expect(await found(dev, 'ユキアカリ')).toEqual([]);
    expect(await found(secretariat, 'ユキアカリ')).toEqual([]);
  });

  it('finds the hidden text of a hidden message for the secretariat only, and for everyone again once restored', async () => {
    const { thread } = await startThread(dev, { title: '非表示の確認' });
    const message = await postMessage(dev, thread.id, '固有語ミルフィユの件');
    const hit = [key('message', message)];
    expect(await found(dev, 'ミルフィユ')).toEqual(hit);

    expect((await secretariat.post(`/api/messages/${message.id}/hide`, { reason: '確認中' })).status).toBe(200);
    for (const client of [dev, dev2, support, mhlw]) expect(await found(client, 'ミルフィユ')).toEqual([]);
    expect(await found(secretariat, 'ミルフィユ')).toEqual(hit);

    expect((await secretariat.post(`/api/messages/${message.id}/restore`)).status).toBe(200);
    expect(await found(dev, 'ミルフィユ')).toEqual(hit);
    expect(await found(mhlw, 'ミルフィユ')).toEqual(hit);
  });

  it('finds a message by the names of those it mentions, as the thread shows them', async () => {
    const me = (await dev2.get<Me>('/api/me')).body;
    const { thread } = await startThread(dev, { title: 'メンションの確認' });
    const message = await postMessage(dev, thread.id, `@{user:${me.id}} さん、ソラマメの件をお願いします`);
    expect(await found(dev, `ソラマメ ${me.displayName}`)).toEqual([key('message', message)]);
    // The token itself is not text anyone sees.
    expect(await found(dev, `ソラマメ user`)).toEqual([]);
  });

  it('gives nothing to a deactivated reader, nor for ids that are not stored ObjectIds', async () => {
    const { thread, message } = await startThread(dev, { title: '無効化の確認ハナミズキ' });
    const actor = toActor((await findUserWithOrganization(message.author.id))!);
    expect((await threadSearch.readable(actor, 'thread', [thread.id, 'nonsense', '{"$gt":""}'])).map((t) => t.id)).toEqual([thread.id]);
    expect((await messageSearch.readable(actor, 'message', [message.id, 'x'])).map((m) => m.id)).toEqual([message.id]);
    const inactive = { ...actor, active: false };
    expect(await threadSearch.readable(inactive, 'thread', [thread.id])).toEqual([]);
    expect(await messageSearch.readable(inactive, 'message', [message.id])).toEqual([]);
    expect(await attachmentSearch.readable(inactive, 'file', [thread.id])).toEqual([]);
  });
});

describe('attachment file names', () => {
  it('finds a posted file by its name where its thread may be read, and not before it is posted nor after its message is deleted', async () => {
    const file = await upload(dev, '見積比較表_コモレビ.pdf');
    expect(await found(dev, 'コモレビ')).toEqual([]);

    const { thread } = await startThread(dev, { visibility: 'vendors', title: '見積の共有' });
    const res = await dev.post<{ message: Message }>(`/api/threads/${thread.id}/messages`, {
      clientId: randomUUID(),
      body: '資料を添付します',
      attachmentIds: [file.id],
    });
    expect(res.status).toBe(201);
    const results = await search(support, 'コモレビ');
    expect(results.map((r) => `${r.kind}:${r.id}`)).toEqual([key('file', file)]);
    expect(results[0]).toMatchObject({
      title: '見積比較表_コモレビ.pdf',
      where: '見積の共有',
      href: `/threads/${thread.id}?seq=${res.body.message.seq}`,
      who: res.body.message.author.displayName,
    });
    expect(await found(dev, '見積比較表 pdf', 'file')).toEqual([key('file', file)]);
    expect(await found(mhlw, 'コモレビ')).toEqual([]);

    expect((await dev.delete(`/api/messages/${res.body.message.id}`)).status).toBe(200);
    expect(await found(dev, 'コモレビ')).toEqual([]);
    expect(await found(secretariat, 'コモレビ')).toEqual([]);
  });

  it("finds an announcement's file where the announcement may be read: a draft's by the secretariat only", async () => {
    const file = await upload(secretariat, '標準仕様_ウミネコ.pdf');
    const draft = await secretariat.post<Announcement>('/api/announcements', {
      title: '資料のお知らせ',
      body: '別添の資料をご確認ください。',
      mustConfirm: false,
      audience: { kind: 'developmentVendors' },
      attachmentIds: [file.id],
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const hit = [key('file', file)];
    expect(await found(secretariat, 'ウミネコ')).toEqual(hit);
    expect(await found(dev, 'ウミネコ')).toEqual([]);

    expect((await secretariat.post(`/api/announcements/${draft.body.id}/publish`)).status).toBe(200);
    const [result] = await search(dev, 'ウミネコ');
    expect(result).toMatchObject({ kind: 'file', id: file.id, where: '資料のお知らせ', href: `/announcements/${draft.body.id}` });
    expect(await found(dev2, 'ウミネコ')).toEqual(hit);
    expect(await found(support, 'ウミネコ')).toEqual([]);
    expect(await found(mhlw, 'ウミネコ')).toEqual([]);
  });

  it("finds a meeting's material where the meeting may be read: a draft's by the secretariat only", async () => {
    const created = await secretariat.post<Meeting>('/api/meetings', {
      kind: 'plenary',
      title: '第9回 全体会議',
      startsAt: '2026-12-10T14:00:00+09:00',
      endsAt: '2026-12-10T16:00:00+09:00',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const meeting = created.body;
    const file = await upload(secretariat, '配布資料_アオバズク.pdf');
    expect((await secretariat.post(`/api/meetings/${meeting.id}/materials`, { attachmentId: file.id })).status).toBe(200);
    const hit = [key('file', file)];
    expect(await found(secretariat, 'アオバズク')).toEqual(hit);
    expect(await found(dev, 'アオバズク')).toEqual([]);

    expect((await secretariat.post(`/api/meetings/${meeting.id}/status`, { to: 'scheduled' })).status).toBe(200);
    const [result] = await search(mhlw, 'アオバズク');
    expect(result).toMatchObject({ kind: 'file', id: file.id, where: '第9回 全体会議', href: `/meetings/${meeting.id}` });
    expect(await found(dev, 'アオバズク')).toEqual(hit);

    expect((await secretariat.delete(`/api/meetings/${meeting.id}/materials/${file.id}`)).status).toBe(200);
    expect(await found(secretariat, 'アオバズク')).toEqual([]);
  });
});

describe('the forum search grams the index replaced', () => {
  it('are dropped from messages and threads, with the message_grams collection and the threads index, once or again', async () => {
    const { thread, message } = await startThread(dev, { title: '旧形式の固有語ガトーショコラ' });
    const db = mongoose.connection.db!;
    // As an earlier version stored them: grams in the thread (indexed), in a message, and beside the messages.
    await db.collection('threads').createIndex({ grams: 1 });
    await db.collection('threads').updateOne({ _id: new mongoose.Types.ObjectId(thread.id) }, { $set: { grams: ['ガト', 'トー'] } });
    await db.collection('messages').updateOne({ _id: new mongoose.Types.ObjectId(message.id) }, { $set: { grams: ['最初', '初の'] } });
    await db.collection('message_grams').insertOne({ _id: new mongoose.Types.ObjectId(), grams: ['最初'] });

    expect(await dropSearchGrams()).toBe(2);
    expect(await db.collection('threads').countDocuments({ grams: { $exists: true } })).toBe(0);
    expect(await db.collection('messages').countDocuments({ grams: { $exists: true } })).toBe(0);
    expect((await db.collection('threads').indexes()).map((i) => i.name)).not.toContain('grams_1');
    expect((await db.listCollections({ name: 'message_grams' }).toArray()).length).toBe(0);
    expect(await dropSearchGrams()).toBe(0);
    // What was stored is found as before.
    expect(await found(dev, 'ガトーショコラ')).toEqual([key('thread', thread)]);
  });
});
