/** Messages stored before buckets and reply sequences are upgraded once at start-up, and go on counting right. */
import mongoose from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Message } from '../shared/schemas/threads';
import { runOnce } from '../server/db/migrations';
import { keyMeetingFloor } from '../server/meetings/upgrade';
import { upgradeStoredMessages } from '../server/threads/backfill';
import { upgradeStoredData } from '../server/upgrades';
import type { Me } from './support/json';
import type { Meeting } from '../shared/schemas/meetings';
import type { IssueDetail, IssueList } from '../shared/schemas/issues';
import type { ApiClient } from './support/client';
import { ack, newClientId, ok, openSocket, startThread } from './support/forum';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
let dev: ApiClient;
let secretariat: ApiClient;
beforeAll(async () => {
  server = await startTestServer();
  [dev, secretariat] = await server.signInAll('dev@demo.example', 'secretariat@demo.example');
});
afterAll(() => server.close());

it('files old messages in buckets and carries reply counts on, once per database', async () => {
  const { thread, message } = await startThread(dev);
  const messages = mongoose.connection.db!.collection('messages');
  // As an older version stored it: no bucket, and three replies counted before the reply sequence existed.
  await messages.updateOne({ _id: new mongoose.Types.ObjectId(message.id) }, { $unset: { bucket: '' }, $set: { replyCount: 3 } });

  let ran = 0;
  const upgrade = () =>
    runOnce('test upgrade', async () => {
      ran += 1;
      await upgradeStoredMessages();
    });
  expect(await upgrade()).toBe(true);
  expect(await upgrade()).toBe(false);
  expect(ran).toBe(1);

  // Several nodes starting at once: one runs the change, the others wait until it is recorded.
  let together = 0;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const starting = Array.from({ length: 3 }, () =>
    runOnce('test upgrade run by one node', async () => {
      together += 1;
      await held;
    }),
  );
  while (together === 0) await new Promise((resolve) => setImmediate(resolve));
  release();
  expect((await Promise.all(starting)).filter(Boolean)).toHaveLength(1);
  expect(together).toBe(1);
  expect((await messages.findOne({ _id: new mongoose.Types.ObjectId(message.id) }))?.bucket).toBe(0);

  const reply = await dev.post<Message>(`/api/threads/${thread.id}/messages`, {
    clientId: newClientId(),
    body: '4件目の返信',
    parentId: message.id,
  });
  expect(reply.status).toBe(201);
  const page = await dev.get<{ messages: Message[] }>(`/api/threads/${thread.id}/messages`);
  expect(page.body.messages.find((m) => m.id === message.id)?.replyCount).toBe(4);
});

it('moves minutes confirmations stored inside the meeting to documents of their own, once', async () => {
  const presenter = (await dev.get<Me>('/api/me')).body.organization;
  const created = await secretariat.post<Meeting>('/api/meetings', {
    kind: 'plenary',
    title: '第3回 全体会議',
    startsAt: '2026-12-10T14:00:00+09:00',
    endsAt: '2026-12-10T16:00:00+09:00',
    agenda: [{ title: '議題', minutes: 10, presenterOrganizationId: presenter.id }],
  });
  const m = created.body;
  for (const to of ['scheduled', 'live', 'ended']) await secretariat.post(`/api/meetings/${m.id}/status`, { to });
  await secretariat.put(`/api/meetings/${m.id}/minutes`, {
    items: [{ agendaItemId: m.agenda[0]!.id, summary: '議論した。', decisions: [], actionItems: [] }],
  });
  await secretariat.post(`/api/meetings/${m.id}/minutes/circulate`);
  // As an older version stored it: the confirmation inside the meeting's minutes.
  const me = (await dev.get<Me>('/api/me')).body;
  const at = new Date('2026-12-11T01:00:00Z');
  const organization = { id: new mongoose.Types.ObjectId(presenter.id), nameJa: presenter.nameJa, nameEn: presenter.nameEn };
  const by = { id: new mongoose.Types.ObjectId(me.id), displayName: me.displayName, organization };
  await mongoose.connection
    .db!.collection('meetings')
    .updateOne(
      { _id: new mongoose.Types.ObjectId(m.id) },
      { $set: { 'minutes.confirmations': [{ organization, status: 'commented', comment: '第2項を修正願います', by, at }] } },
    );

  await upgradeStoredData();
  await upgradeStoredData();
  const minutes = (await secretariat.get<Meeting>(`/api/meetings/${m.id}`)).body.minutes!;
  expect(minutes.confirmations).toEqual([
    expect.objectContaining({
      organization: expect.objectContaining({ id: presenter.id }),
      status: 'commented',
      comment: '第2項を修正願います',
      at: at.toISOString(),
    }),
  ]);
  expect(minutes.awaiting).toEqual([]);
  const stored = await mongoose.connection.db!.collection('meetings').findOne({ _id: new mongoose.Types.ObjectId(m.id) });
  expect(stored?.minutes?.confirmations).toBeUndefined();
});

it('moves the floor stored inside the meeting to a document per person, once', async () => {
  const [mhlw, jlis] = await server.signInAll('mhlw@demo.example', 'jlis@demo.example');
  const created = await secretariat.post<Meeting>('/api/meetings', {
    kind: 'plenary',
    title: '第4回 全体会議',
    startsAt: '2026-12-17T14:00:00+09:00',
    endsAt: '2026-12-17T16:00:00+09:00',
  });
  const m = created.body;
  for (const to of ['scheduled', 'live']) await secretariat.post(`/api/meetings/${m.id}/status`, { to });
  const observers = await Promise.all([mhlw, jlis].map(async (c) => (await c.get<Me>('/api/me')).body.id));
  // As an older version stored it: the floor an array inside the meeting.
  const meetings = mongoose.connection.db!.collection('meetings');
  await meetings.updateOne(
    { _id: new mongoose.Types.ObjectId(m.id) },
    { $set: { floor: observers.map((id) => new mongoose.Types.ObjectId(id)) } },
  );

  // This database has had its upgrades already (the case above): as one that has not had this one yet.
  await mongoose.connection.db!.collection<{ _id: string }>('migrations').deleteOne({ _id: '2026-12 meeting floor keyed per person' });

  const floorOf = () =>
    mongoose.connection
      .db!.collection('meeting_floor')
      .find({ meetingId: new mongoose.Types.ObjectId(m.id) })
      .sort({ _id: 1 })
      .toArray();
  await upgradeStoredData();
  const moved = await floorOf();
  expect(moved.map((f) => [f._id, String(f.userId)])).toEqual(observers.map((id) => [`${m.id}:${id}`, id]).sort());
  expect((await meetings.findOne({ _id: new mongoose.Types.ObjectId(m.id) }))?.floor).toBeUndefined();
  // Twice changes nothing: once recorded, and the move itself finds nothing left to move.
  await upgradeStoredData();
  expect(await keyMeetingFloor()).toBe(0);
  expect(await floorOf()).toEqual(moved);

  // The room presents them with the floor, and they may speak.
  const [sec, ...observerSockets] = await Promise.all([secretariat, mhlw, jlis].map(openSocket));
  try {
    const room = await ok(sec!, 'meeting.join', { meetingId: m.id });
    expect(room.floor.map((p) => p.id).sort()).toEqual([...observers].sort());
    for (const s of observerSockets) {
      expect((await ok(s, 'meeting.join', { meetingId: m.id })).canSpeak).toBe(true);
      expect((await ack(s, 'meeting.chat', { meetingId: m.id, clientId: newClientId(), body: '発言します' })).ok).toBe(true);
    }
  } finally {
    [sec!, ...observerSockets].forEach((s) => s.close());
  }
});

it('names linked threads by id in history stored with their titles, so an unreadable one is no longer named (issue 16, finding 4)', async () => {
  const support = await server.signIn('support@demo.example');
  const issue = (
    await dev.post<{ id: string }>('/api/issues', {
      title: '旧形式の履歴',
      description: '説明',
      businessAreas: ['national-pension'],
      category: 'spec',
    })
  ).body;
  const { thread } = await startThread(dev, { title: '開発事業者だけの旧スレッド', visibility: 'development' });
  expect((await dev.post(`/api/issues/${issue.id}/links`, { kind: 'thread', id: thread.id })).status).toBe(200);
  // As an older version stored it: the title itself.
  const history = mongoose.connection.db!.collection('issuehistories');
  const issueId = new mongoose.Types.ObjectId(issue.id);
  await history.updateOne({ issueId, type: 'link' }, { $set: { changes: [{ field: 'thread', from: null, to: thread.title }] } });
  await mongoose.connection
    .db!.collection<{ _id: string }>('migrations')
    .deleteOne({ _id: '2026-12 issue history names linked threads by id' });
  await upgradeStoredData();

  expect((await history.findOne({ issueId, type: 'link' }))?.changes).toEqual([{ field: 'thread', from: null, to: { id: thread.id } }]);
  const linkIn = async (c: ApiClient) =>
    (await c.get<IssueDetail>(`/api/issues/${issue.id}`)).body.history.find((h) => h.type === 'link')!.changes[0];
  expect(await linkIn(dev)).toEqual({ field: 'thread', from: null, to: { id: thread.id, title: thread.title } });
  expect(await linkIn(support)).toEqual({ field: 'thread', from: null, to: { hidden: true } });
});

it('gives supports stored before the 自組織が賛同 filter their organisation at the top level, so the filter finds them', async () => {
  const support = await server.signIn('support@demo.example');
  const issue = (
    await dev.post<{ id: string }>('/api/issues', {
      title: '旧形式の賛同',
      description: '説明',
      businessAreas: ['national-pension'],
      category: 'spec',
    })
  ).body;
  expect((await support.put(`/api/issues/${issue.id}/support`)).status).toBe(200);
  const supported = async () => (await support.get<IssueList>('/api/issues?mine=supported&pageSize=100')).body.issues.map((i) => i.id);
  expect(await supported()).toContain(issue.id);
  // As an older version stored them: the organisation only inside `organization`.
  const supports = mongoose.connection.db!.collection('issuesupports');
  await supports.updateMany({ issueId: new mongoose.Types.ObjectId(issue.id) }, { $unset: { organizationId: '' } });
  expect(await supported()).not.toContain(issue.id);
  await mongoose.connection
    .db!.collection<{ _id: string }>('migrations')
    .deleteOne({ _id: '2026-12 issue supports carry their organisation at the top level' });
  await upgradeStoredData();
  expect(await supported()).toContain(issue.id);
  expect(await supports.countDocuments({ organizationId: null })).toBe(0);
});
