/**
 * One look at the views' change log serves every view a request reads (server/db/viewFeed.ts):
 * what a request may be served, and what it must never miss.
 */
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CollectionView } from '../server/db/collectionView';
import { recordViewChange, sinceArrival, viewFeed } from '../server/db/viewFeed';
import { ThreadModel, THREADS_LOG } from '../server/threads/model';
import { threadView } from '../server/threads/threadView';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const db = () => mongoose.connection.db!;

async function aThread(): Promise<mongoose.Types.ObjectId> {
  const dev = await server.signIn('dev@demo.example');
  const made = await dev.post<{ thread: { id: string } }>('/api/threads', {
    clientId: crypto.randomUUID(),
    title: '一度の確認',
    body: '最初の発言',
    visibility: 'council',
  });
  expect(made.status).toBe(201);
  return new mongoose.Types.ObjectId(made.body.thread.id);
}

describe('the views as of a request’s arrival', () => {
  it('serve every change recorded before it arrived, by any process', async () => {
    const id = await aThread();
    await threadView.current();
    // Another process's write: stored around this one's models, then recorded.
    await ThreadModel.collection.updateOne({ _id: id }, { $set: { title: '別プロセスの変更' } });
    await recordViewChange(db(), THREADS_LOG, String(id));
    const title = await sinceArrival(async () => (await threadView.current()).get(String(id))?.title);
    expect(title).toBe('別プロセスの変更');
  });

  it('serve a request what its own process wrote after it arrived', async () => {
    const id = await aThread();
    await sinceArrival(async () => {
      expect((await threadView.current()).get(String(id))?.title).toBe('一度の確認');
      // Written through the model (recorded) after this request's look: the next read looks again.
      await ThreadModel.updateOne({ _id: id }, { $set: { title: '自分の変更' } });
      expect((await threadView.current()).get(String(id))?.title).toBe('自分の変更');
    });
  });

  /**
   * A loaded view of one document, and `changeElsewhere()`, which changes it and records the change
   * through a second copy of the feed's module, as another process would (its own record of its writes).
   */
  async function viewChangedElsewhere(prefix: string) {
    const name = `${prefix}-${new mongoose.Types.ObjectId().toHexString()}`;
    const id = new mongoose.Types.ObjectId();
    let stored = 'before';
    const view = new CollectionView<{ _id: mongoose.Types.ObjectId; value: string }>(name, async () => [{ _id: id, value: stored }]);
    await view.current();
    vi.resetModules();
    const other = await import('../server/db/viewFeed');
    const valueNow = async () => (await view.current()).get(String(id))?.value;
    const changeElsewhere = async () => {
      stored = 'after';
      await other.recordViewChange(db(), name, String(id));
    };
    return { valueNow, changeElsewhere };
  }

  it('need no new look for a change another process records after the request arrived', async () => {
    const { valueNow, changeElsewhere } = await viewChangedElsewhere('arrival');
    await sinceArrival(async () => {
      await valueNow();
      await changeElsewhere();
      // Still the view as of the arrival (the look it made serves it)…
      expect(await valueNow()).toBe('before');
    });
    // …and the next request sees it.
    expect(await sinceArrival(valueNow)).toBe('after');
  });

  it('look again for a request that has run longer than 2 s', async () => {
    const { valueNow, changeElsewhere } = await viewChangedElsewhere('long');
    await sinceArrival(async () => {
      await valueNow();
      await changeElsewhere();
      expect(await valueNow()).toBe('before');
      // What is tested is the time bound itself, so the test lets that time pass (a fake clock
      // would leave the feed's last look in the future once the real one is back).
      await new Promise((resolve) => setTimeout(resolve, 2_001));
      expect(await valueNow()).toBe('after');
    });
  });
});

describe('a view that is loading', () => {
  it('reads again a document changed while it loaded (its load may have read it before the change)', async () => {
    const name = `loading-${new mongoose.Types.ObjectId().toHexString()}`;
    const id = new mongoose.Types.ObjectId();
    let stored = { _id: id, value: 'before' };
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let began: () => void = () => undefined;
    const loadBegan = new Promise<void>((resolve) => (began = resolve));
    const view = new CollectionView<{ _id: mongoose.Types.ObjectId; value: string }>(name, async (ids) => {
      if (ids) return ids.some((i) => i.equals(id)) ? [stored] : [];
      const read = stored; // read as the load began…
      began();
      await gate; // …and answered late
      return [read];
    });
    const first = view.current();
    // Once the load has begun: change the document, record it, and let the feed apply it.
    await loadBegan;
    stored = { _id: id, value: 'after' };
    await recordViewChange(db(), name, String(id));
    const applied = viewFeed.since();
    release();
    await applied;
    expect((await first).get(String(id))?.value).toBe('after');
    expect((await view.current()).get(String(id))?.value).toBe('after');
  });

  it('reloads on `*` for the view, and only that view', async () => {
    const loads: string[] = [];
    const a = new CollectionView(`star-a-${new mongoose.Types.ObjectId().toHexString()}`, async (ids) => {
      loads.push(ids ? 'a:ids' : 'a:all');
      return [];
    });
    const b = new CollectionView(`star-b-${new mongoose.Types.ObjectId().toHexString()}`, async (ids) => {
      loads.push(ids ? 'b:ids' : 'b:all');
      return [];
    });
    await Promise.all([a.current(), b.current()]);
    expect(loads.sort()).toEqual(['a:all', 'b:all']);
    await recordViewChange(db(), a.name, '*');
    await b.current();
    expect(loads.sort()).toEqual(['a:all', 'a:all', 'b:all']);
  });
});
