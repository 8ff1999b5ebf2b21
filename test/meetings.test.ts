/** Meetings: invitations, RSVP, calendars, the live room and minutes, on the real server and sockets. */
import ical from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Issue, IssueDetail } from '../shared/schemas/issues';
import type { Attendance, Meeting, MeetingSummary, Question } from '../shared/schemas/meetings';
import type { ApiClient, CouncilClientSocket } from './support/client';
import { ack, collect, newClientId, nextEvent, ok, openSocket } from './support/forum';
import type { ErrorBody, Me, OrganizationList } from './support/json';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
let secretariat: ApiClient, dev: ApiClient, devAdmin: ApiClient, dev2: ApiClient, support: ApiClient, mhlw: ApiClient, jlis: ApiClient;
const sockets: CouncilClientSocket[] = [];
const open = async (c: ApiClient) => {
  const s = await openSocket(c);
  sockets.push(s);
  return s;
};

beforeAll(async () => {
  server = await startTestServer();
  [secretariat, dev, devAdmin, dev2, support, mhlw, jlis] = await server.signInAll(
    'secretariat@demo.example',
    'dev@demo.example',
    'dev-admin@demo.example',
    'dev2@demo.example',
    'support@demo.example',
    'mhlw@demo.example',
    'jlis@demo.example',
  );
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server.close();
});

async function createMeeting(body: Record<string, unknown> = {}): Promise<Meeting> {
  const res = await secretariat.post<Meeting>('/api/meetings', {
    kind: 'plenary',
    title: '第5回 全体会議',
    startsAt: '2026-12-10T14:00:00+09:00',
    endsAt: '2026-12-10T16:00:00+09:00',
    onlineUrl: 'https://meet.example.jp/plenary-5',
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
const setStatus = (id: string, to: string) => secretariat.post<Meeting & ErrorBody>(`/api/meetings/${id}/status`, { to });
const rsvp = (c: ApiClient, id: string, response: string) => c.put<MeetingSummary & ErrorBody>(`/api/meetings/${id}/rsvp`, { response });
async function orgId(client: ApiClient) {
  return (await client.get<Me>('/api/me')).body.organization.id;
}

describe('a meeting', () => {
  it('starts as a draft seen only by the secretariat; bad input is refused and changes nothing', async () => {
    const m = await createMeeting();
    expect(m.status).toBe('draft');
    expect((await dev.get(`/api/meetings/${m.id}`)).status).toBe(404);
    expect(
      (
        await dev.post('/api/meetings', {
          kind: 'plenary',
          title: 't',
          startsAt: '2026-12-10T14:00:00+09:00',
          endsAt: '2026-12-10T15:00:00+09:00',
        })
      ).status,
    ).toBe(403);
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ endsAt: '2026-12-10T13:00:00+09:00' }, 'body.endsAt'],
      [{ startsAt: '2026-12-10 14:00' }, 'body.startsAt'],
      [{ kind: 'party' }, 'body.kind'],
      [{ onlineUrl: 'javascript:alert(1)' }, 'body.onlineUrl'],
      [{ venue: '会場', capacity: 10 }, 'venue'],
      [{ agenda: [{ title: '議題', minutes: 0 }] }, 'body.agenda.0.minutes'],
    ];
    for (const [override, field] of bad) {
      const res = await secretariat.post<ErrorBody>('/api/meetings', {
        kind: 'plenary',
        title: 't',
        startsAt: '2026-12-10T14:00:00+09:00',
        endsAt: '2026-12-10T16:00:00+09:00',
        ...override,
      });
      expect(res.status, JSON.stringify(override)).toBe(400);
      expect(res.body.error.field).toBe(field);
    }
    expect((await secretariat.patch(`/api/meetings/${m.id}`, { title: '' })).status).toBe(400);
    expect((await secretariat.get<Meeting>(`/api/meetings/${m.id}`)).body.title).toBe('第5回 全体会議');
  });

  it('invites by kind: a plenary everyone; a consultation development vendors, ministries and whom the secretariat adds', async () => {
    const plenary = await createMeeting();
    await setStatus(plenary.id, 'scheduled');
    for (const c of [dev, support, mhlw, jlis, secretariat])
      expect((await c.get<Meeting>(`/api/meetings/${plenary.id}`)).body.invited).toBe(true);

    const consultation = await createMeeting({ kind: 'consultation', title: '課題協議会議', venue: 'デジタル庁 会議室A', capacity: 1 });
    await setStatus(consultation.id, 'scheduled');
    const invited = async (c: ApiClient) => (await c.get<Meeting>(`/api/meetings/${consultation.id}`)).body.invited;
    expect([await invited(dev), await invited(mhlw), await invited(support), await invited(jlis)]).toEqual([true, true, false, false]);
    expect((await rsvp(support, consultation.id, 'online')).status).toBe(403);
    await secretariat.patch(`/api/meetings/${consultation.id}`, { extraInviteeIds: [await orgId(support)] });
    expect([await invited(support), await invited(jlis)]).toEqual([true, false]);

    // In person: hybrid only, and refused once the venue is full (capacity 1).
    expect((await rsvp(dev, plenary.id, 'inPerson')).status).toBe(400);
    expect((await rsvp(dev, consultation.id, 'inPerson')).body.myRsvp).toBe('inPerson');
    const full = await rsvp(dev2, consultation.id, 'inPerson');
    expect(full.status).toBe(409);
    expect(full.body.error.message).toContain('full');
    expect((await rsvp(dev2, consultation.id, 'online')).body.rsvpCounts).toEqual({ online: 1, inPerson: 1, absent: 0 });
    expect((await rsvp(dev, consultation.id, 'absent')).body.rsvpCounts).toEqual({ online: 1, inPerson: 0, absent: 1 });
    expect((await rsvp(dev2, consultation.id, 'inPerson')).body.myRsvp).toBe('inPerson'); // a place came free

    const list = (await secretariat.get<Attendance>(`/api/meetings/${consultation.id}/attendance`)).body;
    expect(list.counts).toEqual({ online: 0, inPerson: 1, absent: 1 });
    expect(list.byOrganization).toHaveLength(2);
    expect((await dev.get(`/api/meetings/${consultation.id}/attendance`)).status).toBe(403);
    const csv = await secretariat.download(`/api/meetings/${consultation.id}/attendance.csv`);
    expect(csv.data.toString('utf8')).toContain('会場参加');
    expect((await secretariat.download(`/api/meetings/${consultation.id}/attendance.xlsx`)).status).toBe(200);
  });

  it('gives an .ics with the right Japan times, and a private feed that stops when revoked', async () => {
    const m = await createMeeting({ title: '暦のテスト' });
    await setStatus(m.id, 'scheduled');
    const file = await dev.download(`/api/meetings/${m.id}/calendar`);
    expect(file.headers.get('content-type')).toContain('text/calendar');
    const events = Object.values(ical.sync.parseICS(file.data.toString('utf8'))).filter((e) => e?.type === 'VEVENT') as ical.VEvent[];
    expect(events).toHaveLength(1);
    const jst = (d: Date | undefined) => d!.toLocaleString('sv-SE', { timeZone: 'Asia/Tokyo' });
    expect(jst(events[0]!.start)).toBe('2026-12-10 14:00:00');
    expect(jst(events[0]!.end)).toBe('2026-12-10 16:00:00');
    expect(String(events[0]!.summary)).toBe('【全体会議】暦のテスト');

    const { url } = (await dev.post<{ url: string }>('/api/me/calendar-token')).body;
    const path = new URL(url).pathname;
    const feed = await server.client().download(path);
    expect(feed.status).toBe(200);
    const titles = Object.values(ical.sync.parseICS(feed.data.toString('utf8'))).map((e) => (e as ical.VEvent).summary);
    expect(titles).toContain('【全体会議】暦のテスト');
    await dev.delete('/api/me/calendar-token');
    expect((await server.client().download(path)).status).toBe(404);
    expect((await server.client().download('/api/calendar/not-a-token.ics')).status).toBe(400);
  });
});

describe('the live room', () => {
  it('opens when started; refuses the uninvited; observers speak only with the floor', async () => {
    const m = await createMeeting({
      kind: 'consultation',
      title: '協議（ライブ）',
      venue: '会議室B',
      capacity: 30,
      agenda: [
        { title: '議題1', minutes: 30 },
        { title: '議題2', minutes: 30 },
      ],
    });
    await setStatus(m.id, 'scheduled');
    const [sec, vendor, ministry, outsider] = await Promise.all([open(secretariat), open(dev), open(mhlw), open(support)]);
    expect(await ack(vendor, 'meeting.join', { meetingId: m.id })).toMatchObject({ ok: false, error: { code: 'conflict' } }); // not started
    await setStatus(m.id, 'live');
    const joined = await ok(vendor, 'meeting.join', { meetingId: m.id });
    expect(joined.canSpeak).toBe(true);
    await ok(sec, 'meeting.join', { meetingId: m.id });
    const observerView = await ok(ministry, 'meeting.join', { meetingId: m.id });
    expect(observerView.canSpeak).toBe(false);
    expect(await ack(outsider, 'meeting.join', { meetingId: m.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const chat = () => ack(ministry, 'meeting.chat', { meetingId: m.id, clientId: newClientId(), body: '厚労省です' });
    expect(await chat()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const me = (await mhlw.get<Me>('/api/me')).body;
    const floorGiven = nextEvent<{ floor: Array<{ id: string }> }>(vendor, 'meeting.floor');
    await ok(sec, 'meeting.floor', { meetingId: m.id, userId: me.id, on: true });
    expect((await floorGiven).floor.map((p) => p.id)).toEqual([me.id]);
    const seen = nextEvent<{ body: string }>(vendor, 'meeting.chat');
    expect((await chat()).ok).toBe(true);
    expect((await seen).body).toBe('厚労省です');
    await ok(sec, 'meeting.floor', { meetingId: m.id, userId: me.id, on: false });
    expect(await chat()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ack(vendor, 'meeting.floor', { meetingId: m.id, userId: me.id, on: true })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    // The current agenda item reaches every participant.
    const item = joined.agenda[1]!.id;
    const arrivals = [vendor, ministry].map((s) => nextEvent<{ agendaItemId: string }>(s, 'meeting.agendaCurrent'));
    await ok(sec, 'meeting.agendaCurrent', { meetingId: m.id, agendaItemId: item });
    expect((await Promise.all(arrivals)).map((a) => a.agendaItemId)).toEqual([item, item]);

    // Presence: who is in the room now, grouped by organisation (the joiner included).
    const second = await open(devAdmin);
    const view = await ok(second, 'meeting.join', { meetingId: m.id });
    const groups = new Map(view.presence.map((g) => [g.organization.id, g.people.map((p) => p.displayName).sort()]));
    expect(groups.size).toBe(3);
    expect(groups.get(await orgId(dev))).toEqual(['佐藤 健一', '鈴木 美咲']);
    expect(groups.get(me.organization.id)).toEqual(['伊藤 直樹']);

    // Ended: read-only, chat kept, the floor taken back from everyone.
    await ok(sec, 'meeting.floor', { meetingId: m.id, userId: me.id, on: true });
    await setStatus(m.id, 'ended');
    expect(await ack(vendor, 'meeting.chat', { meetingId: m.id, clientId: newClientId(), body: '終了後' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await ack(sec, 'meeting.floor', { meetingId: m.id, userId: me.id, on: true })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const after = await ok(await open(dev2), 'meeting.join', { meetingId: m.id });
    expect(after.chat.map((c) => c.body)).toEqual(['厚労省です']);
    expect(after.canSpeak).toBe(false);
    expect(after.floor).toEqual([]);
    expect((await ok(ministry, 'meeting.join', { meetingId: m.id })).canSpeak).toBe(false);
  });

  it('orders the question queue by support; the secretariat takes one up and marks it answered', async () => {
    const m = await createMeeting({ title: '質問キュー' });
    await setStatus(m.id, 'scheduled');
    await setStatus(m.id, 'live');
    const [sec, a, b, c] = await Promise.all([open(secretariat), open(dev), open(dev2), open(support)]);
    for (const s of [sec, a, b, c]) await ok(s, 'meeting.join', { meetingId: m.id });
    const q1 = (await ok(a, 'meeting.question', { meetingId: m.id, clientId: newClientId(), body: '質問1' })).question;
    const q2 = (await ok(b, 'meeting.question', { meetingId: m.id, clientId: newClientId(), body: '質問2' })).question;
    await ok(c, 'meeting.questionSupport', { questionId: q2.id, on: true });
    await ok(a, 'meeting.questionSupport', { questionId: q2.id, on: true });
    await ok(a, 'meeting.questionSupport', { questionId: q2.id, on: true }); // once per person
    // An id has one spelling: an upper-case one is refused, so it can never name a second support or a silent room.
    expect(await ack(a, 'meeting.questionSupport', { questionId: q2.id.toUpperCase(), on: true })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', field: 'payload.questionId' },
    });
    const state = await ok(c, 'meeting.join', { meetingId: m.id });
    expect(state.questions.map((q: Question) => [q.body, q.supportCount])).toEqual([
      ['質問2', 2],
      ['質問1', 0],
    ]);
    expect(await ack(a, 'meeting.questionStatus', { questionId: q2.id, status: 'current' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const updates = collect<Question>(b, 'meeting.question');
    await ok(sec, 'meeting.questionStatus', { questionId: q2.id, status: 'current' });
    await ok(sec, 'meeting.questionStatus', { questionId: q1.id, status: 'current' });
    // A sentinel in the same room: the question updates arrived before it.
    const sentinel = nextEvent<{ body: string }>(b, 'meeting.chat', (c) => c.body === '区切り');
    await ok(sec, 'meeting.chat', { meetingId: m.id, clientId: newClientId(), body: '区切り' });
    await sentinel;
    expect(updates.map((q) => [q.body, q.status])).toEqual([
      ['質問2', 'current'],
      ['質問2', 'answered'],
      ['質問1', 'current'],
    ]);
  });
});

describe('minutes', () => {
  it('are confirmed by presenters, published, and write decisions into the linked issue (an answer moves it to 回答済)', async () => {
    const issue = (
      await dev.post<Issue>('/api/issues', {
        title: '会議で扱う課題',
        description: '説明',
        businessAreas: ['national-pension'],
        category: 'spec',
      })
    ).body;
    const presenter = await orgId(dev);
    const orgs = (await secretariat.get<OrganizationList>('/api/organizations?kind=vendor')).body.organizations;
    expect(orgs.some((o) => o.id === presenter)).toBe(true);
    const m = await createMeeting({
      title: '第6回 全体会議',
      agenda: [{ title: '年金の課題', minutes: 20, presenterOrganizationId: presenter, issueIds: [issue.id] }],
    });
    expect((await dev.get<IssueDetail>(`/api/issues/${issue.id}`)).body.links).toEqual([]); // drafts do not show
    await setStatus(m.id, 'scheduled');
    expect((await dev.get<IssueDetail>(`/api/issues/${issue.id}`)).body.links).toEqual([
      { kind: 'meeting', id: m.id, title: '第6回 全体会議' },
    ]);
    await setStatus(m.id, 'live');
    const item = m.agenda[0]!.id;
    expect((await secretariat.put(`/api/meetings/${m.id}/minutes`, { items: [] })).status).toBe(409); // not ended yet
    await setStatus(m.id, 'ended');
    const minutes = {
      items: [
        {
          agendaItemId: item,
          summary: '年金システムの移行について議論した。',
          decisions: [{ text: '仕様書の記載を次回改定で修正する。', issueId: issue.id, effect: 'answer' }],
          actionItems: [{ text: '修正案を作成', ownerOrganizationId: presenter, dueDate: '2020-01-31' }],
        },
      ],
    };
    expect((await dev.put(`/api/meetings/${m.id}/minutes`, minutes)).status).toBe(403);
    expect(
      (await secretariat.put(`/api/meetings/${m.id}/minutes`, { items: [{ ...minutes.items[0], agendaItemId: 'nope' }] })).status,
    ).toBe(400);
    const saved = (await secretariat.put<Meeting>(`/api/meetings/${m.id}/minutes`, minutes)).body;
    expect(saved.minutes!.items[0]!.actionItems[0]).toMatchObject({ text: '修正案を作成', overdue: true });
    // The decision names its issue, so the minutes can link it without fetching the issue.
    expect(saved.minutes!.items[0]!.decisions[0]).toMatchObject({
      issueId: issue.id,
      issue: { id: issue.id, number: issue.number, title: '会議で扱う課題' },
    });
    expect(saved.overdueActionItems).toBe(1);
    expect((await dev.get<Meeting>(`/api/meetings/${m.id}`)).body.minutes).toBeNull(); // not circulated yet

    const circulated = nextEvent<{ meetingId: string }>(await open(dev), 'meeting.minutesCirculated');
    await secretariat.post(`/api/meetings/${m.id}/minutes/circulate`);
    expect((await circulated).meetingId).toBe(m.id);
    expect((await secretariat.get<Meeting>(`/api/meetings/${m.id}`)).body.minutes!.awaiting.map((o) => o.id)).toEqual([presenter]);
    expect((await dev2.post(`/api/meetings/${m.id}/minutes/confirm`, {})).status).toBe(403); // not a presenter
    const confirmed = (await dev.post<Meeting>(`/api/meetings/${m.id}/minutes/confirm`, {})).body;
    expect(confirmed.minutes!.confirmations.map((c) => [c.organization.id, c.status])).toEqual([[presenter, 'confirmed']]);
    expect(confirmed.minutes!.awaiting).toEqual([]);

    const notified = nextEvent<{ meetingId: string }>(await open(support), 'meeting.minutesPublished');
    const published = (await secretariat.post<Meeting>(`/api/meetings/${m.id}/minutes/publish`)).body;
    expect(published.status).toBe('minutesPublished');
    expect((await notified).meetingId).toBe(m.id);
    const d = (await dev.get<IssueDetail>(`/api/issues/${issue.id}`)).body;
    expect(d.issue.status).toBe('answered');
    expect(d.comments.find((c) => c.kind === 'answer')!.body).toContain('仕様書の記載を次回改定で修正する。');
    expect(d.history.find((h) => h.type === 'meetingDecision')!.note).toBe(
      '第6回 全体会議「年金の課題」: 仕様書の記載を次回改定で修正する。',
    );
    const mine = (await dev.get<{ actionItems: Array<{ text: string; overdue: boolean }> }>('/api/action-items')).body.actionItems;
    expect(mine).toEqual([expect.objectContaining({ text: '修正案を作成', overdue: true })]);
    expect((await dev2.get<{ actionItems: unknown[] }>('/api/action-items')).body.actionItems).toEqual([]);
    expect((await secretariat.post(`/api/meetings/${m.id}/minutes/publish`)).status).toBe(409);
  });
});

describe('presence in a live room', () => {
  it('sends only who joined and left, coalesced; applying the changes gives the room as a new joiner sees it', async () => {
    const { applyPresenceChange } = await import('../shared/meetings/presence');
    const m = await createMeeting({ title: '在室' });
    await setStatus(m.id, 'scheduled');
    await setStatus(m.id, 'live');
    const watcher = await open(secretariat);
    let presence = (await ok(watcher, 'meeting.join', { meetingId: m.id })).presence;
    const changes = collect<{ joined: Array<{ id: string }>; left: string[] }>(watcher, 'meeting.presence');
    watcher.on('meeting.presence', (change) => (presence = applyPresenceChange(presence, change)));
    const others = await Promise.all([dev, devAdmin, dev2, support, mhlw].map(open));
    const ids = (p: typeof presence) => p.flatMap((g) => g.people.map((x) => x.id)).sort();
    // Presence changes are coalesced on a timer: wait for the room the changes add up to, not for time.
    for (const s of others) await ok(s, 'meeting.join', { meetingId: m.id });
    await expect.poll(() => ids(presence).length).toBe(6);
    others[1]!.close();
    await ok(others[2]!, 'meeting.leave', { meetingId: m.id });
    await expect.poll(() => ids(presence).length).toBe(4);
    const fresh = (await ok(await open(jlis), 'meeting.join', { meetingId: m.id })).presence;
    await expect.poll(() => ids(presence)).toEqual(ids(fresh));
    expect(ids(presence)).toHaveLength(5); // secretariat, dev, support, mhlw, jlis
    // Coalesced: far fewer broadcasts than joins and leaves, and none carrying the whole room.
    expect(changes.length).toBeLessThanOrEqual(4);
    expect(changes.every((c) => c.joined.length + c.left.length < 7)).toBe(true);
  });
});
