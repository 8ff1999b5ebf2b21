/**
 * The meetings' agenda index (server/meetings/agendaIndex.ts) answers what the database answers —
 * the non-draft meetings whose agenda cites an issue, earliest first — and stays current through the
 * change log for writes of this process and of others (written around the app, then recorded).
 */
import mongoose, { type Types } from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { recordViewChange } from '../server/db/viewFeed';
import { meetingsCiting } from '../server/meetings/agendaIndex';
import { MEETINGS_LOG, MeetingModel } from '../server/meetings/model';
import { startTestServer, type TestServer } from './support/server';
import type { MeetingStatus } from '../shared/meetings/rules';

let server: TestServer;
const issues = Array.from({ length: 6 }, () => new mongoose.Types.ObjectId());
const createdBy = {
  id: new mongoose.Types.ObjectId(),
  displayName: '事務局',
  organization: { id: new mongoose.Types.ObjectId(), nameJa: 'デジタル庁', nameEn: 'Digital Agency' },
};

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** The database's own answer: a match inside the agenda's arrays (a scan on the embedded engine). */
async function fromDatabase(issueId: Types.ObjectId) {
  const found = await MeetingModel.find({ 'agenda.issueIds': issueId, status: mongoose.trusted({ $ne: 'draft' }) }, { title: 1 })
    .sort({ startsAt: 1, _id: 1 })
    .lean();
  return found.map((m) => ({ id: String(m._id), title: m.title }));
}

const meeting = (i: number, issueIds: Types.ObjectId[][], status: MeetingStatus) => ({
  _id: new mongoose.Types.ObjectId(),
  kind: 'plenary' as const,
  title: `第${i}回 全体会議`,
  startsAt: new Date(Date.UTC(2026, 0, 1 + ((i * 7) % 40))),
  endsAt: new Date(Date.UTC(2026, 0, 2 + ((i * 7) % 40))),
  status,
  agenda: issueIds.map((ids, n) => ({ id: `a${n}`, title: `議題${n}`, minutes: 10, issueIds: ids })),
  createdBy,
});

async function expectSameAsDatabase() {
  for (const issue of issues) expect(await meetingsCiting(issue), String(issue)).toEqual(await fromDatabase(issue));
}

it('lists the meetings citing an issue as the database does, and follows writes of any process', async () => {
  const db = mongoose.connection.db!;
  const statuses: MeetingStatus[] = ['draft', 'scheduled', 'live', 'ended', 'minutesPublished', 'cancelled'];
  const docs = Array.from({ length: 30 }, (_, i) =>
    meeting(i, [[issues[i % 6]!, issues[(i + 1) % 6]!], [issues[(i * 5) % 6]!]], statuses[i % statuses.length]!),
  );
  // Written around the app, as a restore would, and announced with '*'.
  await db.collection('meetings').insertMany(docs);
  await recordViewChange(db, MEETINGS_LOG, '*');
  await expectSameAsDatabase();
  expect((await meetingsCiting(issues[0]!)).length).toBeGreaterThan(3);

  // Another process's writes: stored, then recorded by `_id`, as its model's hooks do.
  const [a, b, c] = docs;
  await db.collection('meetings').updateOne({ _id: a!._id }, { $set: { status: 'scheduled', agenda: [] } });
  await db.collection('meetings').updateOne({ _id: b!._id }, { $set: { title: '改題した会議' } });
  await db.collection('meetings').deleteOne({ _id: c!._id });
  for (const d of [a, b, c]) await recordViewChange(db, MEETINGS_LOG, String(d!._id));
  await expectSameAsDatabase();

  // This process's writes, through the model: recorded before they resolve.
  await MeetingModel.create(meeting(99, [[issues[5]!]], 'scheduled'));
  await MeetingModel.updateOne({ _id: docs[6]!._id }, { $set: { status: 'draft' } });
  await expectSameAsDatabase();
  expect((await meetingsCiting(issues[5]!)).some((m) => m.title === '第99回 全体会議')).toBe(true);
});
