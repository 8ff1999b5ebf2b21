/** Search in Japanese and English over stored grams, within what the searcher may read. */
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moveMessageGrams } from '../server/threads/backfill';
import type { SearchResults } from '../shared/schemas/threads';
import { findMatches, gramsOf, queryGrams } from '../shared/search/grams';
import type { ApiClient } from './support/client';
import { newClientId, startThread } from './support/forum';
import { startTestServer, type TestServer } from './support/server';

describe('grams', () => {
  it('fold full-width and half-width forms and case, and find a phrase inside a sentence', () => {
    const grams = gramsOf('ｶﾞﾊﾞﾒﾝﾄｸﾗｳﾄﾞへの移行はＡＰＩ連携が鍵');
    for (const g of queryGrams('ガバメントクラウド')) expect(grams).toContain(g);
    for (const g of queryGrams('api連携')) expect(grams).toContain(g);
    expect(queryGrams('移')).toEqual(['移']);
    expect(queryGrams('   ')).toEqual([]);
    expect(findMatches('標準仕様書のＡＰＩ連携について', 'api連携')).toEqual([[6, 11]]);
  });
});

describe('GET /api/search', () => {
  let server: TestServer;
  let dev: ApiClient;
  let ministry: ApiClient;
  beforeAll(async () => {
    server = await startTestServer();
    [dev, ministry] = await server.signInAll('dev@demo.example', 'mhlw@demo.example');
  });
  afterAll(() => server.close());
  const search = (client: ApiClient, q: string) => client.get<SearchResults>(`/api/search?q=${encodeURIComponent(q)}`);

  it('finds a Japanese phrase inside a longer sentence, highlighted, and never an unreadable thread', async () => {
    const open = await startThread(dev, {
      title: '住民基本台帳の文字コード',
      body: '外字の同定作業について、文字情報基盤への移行手順を共有します。',
    });
    const closed = await startThread(dev, {
      visibility: 'vendors',
      title: '事業者限定：文字情報基盤の費用',
      body: '文字情報基盤の移行費用の見積もりです。',
    });

    const hits = (await search(dev, '文字情報基盤')).body;
    expect(hits.messages.map((h) => h.message!.id).sort()).toEqual([open.message.id, closed.message.id].sort());
    expect(hits.threads.map((h) => h.thread.id)).toEqual([closed.thread.id]);
    const hit = hits.messages.find((h) => h.message!.id === open.message.id)!;
    const [start, end] = hit.highlights[0]!;
    expect(hit.snippet.slice(start, end)).toBe('文字情報基盤');

    const observerHits = (await search(ministry, '文字情報基盤')).body;
    expect(observerHits.messages.map((h) => h.message!.id)).toEqual([open.message.id]);
    expect(observerHits.threads).toEqual([]);
    expect(JSON.stringify(observerHits)).not.toContain('事業者限定');
  });

  it('matches words in any order and case, but not grams scattered apart', async () => {
    const { message } = await startThread(dev, { title: 'English', body: 'The Government Cloud migration plan for FY2026' });
    expect((await search(dev, 'cloud GOVERNMENT')).body.messages.map((h) => h.message!.id)).toContain(message.id);
    // "gr" "ra" ... all occur somewhere in the text, but "cloudmig" does not.
    expect((await search(dev, 'cloudmig')).body.messages.map((h) => h.message!.id)).not.toContain(message.id);
  });

  it('forgets deleted and hidden messages', async () => {
    const { thread } = await startThread(dev);
    const posted = await dev.post<{ message: { id: string } }>(`/api/threads/${thread.id}/messages`, {
      clientId: newClientId(),
      body: '削除予定の固有語ポムポム',
    });
    expect((await search(dev, 'ポムポム')).body.messages).toHaveLength(1);
    await dev.delete(`/api/messages/${posted.body.message.id}`);
    expect((await search(dev, 'ポムポム')).body.messages).toHaveLength(0);
  });

  it('follows a message through hiding, restoring and editing', async () => {
    const secretariat = await server.signIn('secretariat@demo.example');
    const { thread } = await startThread(dev);
    const posted = await dev.post<{ message: { id: string } }>(`/api/threads/${thread.id}/messages`, {
      clientId: newClientId(),
      body: '固有語ミルフィユの件',
    });
    const id = posted.body.message.id;
    const found = async (q: string) => (await search(dev, q)).body.messages.map((h) => h.message!.id);
    expect(await found('ミルフィユ')).toEqual([id]);
    expect((await secretariat.post(`/api/messages/${id}/hide`, { reason: '確認中' })).status).toBe(200);
    expect(await found('ミルフィユ')).toEqual([]);
    expect((await secretariat.post(`/api/messages/${id}/restore`)).status).toBe(200);
    expect(await found('ミルフィユ')).toEqual([id]);
    expect((await dev.patch(`/api/messages/${id}`, { body: '固有語タルトタタンの件' })).status).toBe(200);
    expect(await found('ミルフィユ')).toEqual([]);
    expect(await found('タルトタタン')).toEqual([id]);
  });

  it('finds messages stored with their grams inside, once moved beside them at start-up', async () => {
    const { thread } = await startThread(dev);
    const posted = await dev.post<{ message: { id: string } }>(`/api/threads/${thread.id}/messages`, {
      clientId: newClientId(),
      body: '旧形式の固有語ガトーショコラ',
    });
    const _id = new mongoose.Types.ObjectId(posted.body.message.id);
    const db = mongoose.connection.db!;
    // As an earlier version stored it: the grams inside the message, nothing beside it.
    await db.collection('messages').updateOne({ _id }, { $set: { grams: gramsOf('旧形式の固有語ガトーショコラ') } });
    await db.collection('message_grams').deleteOne({ _id });
    expect((await search(dev, 'ガトーショコラ')).body.messages).toEqual([]);

    expect(await moveMessageGrams(2)).toBeGreaterThanOrEqual(1);
    expect((await search(dev, 'ガトーショコラ')).body.messages.map((h) => h.message!.id)).toEqual([posted.body.message.id]);
    expect(await db.collection('messages').countDocuments({ grams: { $exists: true } })).toBe(0);
    expect(await moveMessageGrams(2)).toBe(0);
    expect((await search(dev, 'ガトーショコラ')).body.messages).toHaveLength(1);
  });

  it('refuses an empty or overlong query', async () => {
    expect((await dev.get('/api/search?q=')).status).toBe(400);
    expect((await dev.get(`/api/search?q=${'あ'.repeat(101)}`)).status).toBe(400);
    expect((await dev.get('/api/search?q[$gt]=')).status).toBe(400);
  });
});
