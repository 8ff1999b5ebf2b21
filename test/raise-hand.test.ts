/**
 * The live room's raised hands (挙手) and speakers' kinds, on the real server and sockets: an observer
 * without the floor raises a hand, the secretariat sees the queue and gives the floor from it (or
 * dismisses the hand), observers raising at the same moment are all kept, every person in the room
 * carries their organisation's kind (府省 / 団体 / 事務局 / 開発 / 支援), and a question answered in
 * the chat is marked answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Meeting, Question, RaisedHand, RoomState } from '../shared/schemas/meetings';
import type { UserCreated } from '../shared/schemas/users';
import { MeetingHandModel } from '../server/meetings/model';
import type { ApiClient, CouncilClientSocket } from './support/client';
import { corporateNumber } from './support/authz';
import { ack, newClientId, nextEvent, ok, openSocket } from './support/forum';
import type { Me, OrganizationList } from './support/json';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
let secretariat: ApiClient, dev: ApiClient, support: ApiClient, mhlw: ApiClient, jlis: ApiClient;
let ids: { secretariat: string; dev: string; support: string; mhlw: string; jlis: string };
const sockets: CouncilClientSocket[] = [];
const open = async (c: ApiClient) => {
  const s = await openSocket(c);
  sockets.push(s);
  return s;
};

beforeAll(async () => {
  server = await startTestServer();
  [secretariat, dev, support, mhlw, jlis] = await server.signInAll(
    'secretariat@demo.example',
    'dev@demo.example',
    'support@demo.example',
    'mhlw@demo.example',
    'jlis@demo.example',
  );
  const idOf = async (c: ApiClient) => (await c.get<Me>('/api/me')).body.id;
  ids = {
    secretariat: await idOf(secretariat),
    dev: await idOf(dev),
    support: await idOf(support),
    mhlw: await idOf(mhlw),
    jlis: await idOf(jlis),
  };
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server.close();
});

async function liveMeeting(title: string, kind: 'plenary' | 'consultation' = 'plenary'): Promise<Meeting> {
  const startsAt = new Date(Date.now() + 86_400_000);
  const res = await secretariat.post<Meeting>('/api/meetings', {
    kind,
    title,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
    ...(kind === 'consultation' ? { venue: '会議室C', capacity: 20 } : {}),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  for (const to of ['scheduled', 'live']) expect((await secretariat.post(`/api/meetings/${res.body.id}/status`, { to })).status).toBe(200);
  return res.body;
}

const handIds = (hands: RaisedHand[]) => hands.map((h) => h.person.id);
/** The next `meeting.hands` on `socket` whose queue is `expected` (by person id, in order). */
const handsBecome = (socket: CouncilClientSocket, expected: string[]) =>
  nextEvent<{ hands: RaisedHand[] }>(socket, 'meeting.hands', (p) => JSON.stringify(handIds(p.hands)) === JSON.stringify(expected));

describe('raising a hand', () => {
  it('an observer raises a hand, the secretariat sees the queue and gives the floor from it; vendors neither raise nor grant', async () => {
    const m = await liveMeeting('全体会議（挙手）');
    const [sec, vendor, ministry, body] = await Promise.all([open(secretariat), open(dev), open(mhlw), open(jlis)]);
    const join = (s: CouncilClientSocket): Promise<RoomState> => ok(s, 'meeting.join', { meetingId: m.id });
    await Promise.all([sec, vendor, body].map(join));
    expect((await join(ministry)).hands).toEqual([]);

    // Vendors speak without the floor: they have no hand to raise.
    expect(await ack(vendor, 'meeting.hand', { meetingId: m.id, on: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ack(sec, 'meeting.hand', { meetingId: m.id, on: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const first = handsBecome(sec, [ids.mhlw]);
    const raised = await ok(ministry, 'meeting.hand', { meetingId: m.id, on: true });
    expect(handIds(raised.hands)).toEqual([ids.mhlw]);
    const queued = (await first).hands[0]!;
    expect(queued.person).toMatchObject({ id: ids.mhlw, displayName: '伊藤 直樹', kind: 'ministry' });
    expect(queued.person.organization.nameJa).toBe('厚生労働省');
    expect(Date.parse(queued.at)).toBeGreaterThan(Date.now() - 60_000);

    const second = handsBecome(vendor, [ids.mhlw, ids.jlis]);
    await ok(body, 'meeting.hand', { meetingId: m.id, on: true });
    expect((await second).hands.map((h) => h.person.kind)).toEqual(['ministry', 'body']);
    // Raising again keeps the first hand and its place.
    expect((await ok(ministry, 'meeting.hand', { meetingId: m.id, on: true })).hands).toEqual((await join(sec)).hands);
    expect((await join(sec)).hands[0]).toEqual(queued);

    // A joiner gets the queue with the room (the snapshot was read again after the hands changed).
    const joiner = await join(await open(support));
    expect(handIds(joiner.hands)).toEqual([ids.mhlw, ids.jlis]);

    // Only the secretariat grants the floor or dismisses a hand.
    for (const [event, payload] of [
      ['meeting.floor', { meetingId: m.id, userId: ids.mhlw, on: true }],
      ['meeting.handDismiss', { meetingId: m.id, userId: ids.mhlw }],
    ] as const)
      expect(await ack(vendor, event, payload), event).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(handIds((await join(sec)).hands)).toEqual([ids.mhlw, ids.jlis]);

    // Granting from the queue: the floor moves, then the queue comes without the hand.
    const order: string[] = [];
    ministry.on('meeting.floor', () => order.push('floor'));
    ministry.on('meeting.hands', () => order.push('hands'));
    const lowered = handsBecome(ministry, [ids.jlis]);
    const granted = await ok(sec, 'meeting.floor', { meetingId: m.id, userId: ids.mhlw, on: true });
    expect(granted.floor).toEqual([expect.objectContaining({ id: ids.mhlw, kind: 'ministry' })]);
    await lowered;
    expect(order).toEqual(['floor', 'hands']);
    expect((await ok(ministry, 'meeting.chat', { meetingId: m.id, clientId: newClientId(), body: '厚労省です' })).message.author.kind).toBe(
      'ministry',
    );
    // Holding the floor, there is nothing to ask for.
    expect(await ack(ministry, 'meeting.hand', { meetingId: m.id, on: true })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    // Dismissing: the hand goes, the floor is not given.
    const dismissed = handsBecome(body, []);
    expect((await ok(sec, 'meeting.handDismiss', { meetingId: m.id, userId: ids.jlis })).hands).toEqual([]);
    await dismissed;
    expect(await ack(body, 'meeting.chat', { meetingId: m.id, clientId: newClientId(), body: '団体です' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // Dismissing a hand that is not raised changes nothing.
    expect((await ok(sec, 'meeting.handDismiss', { meetingId: m.id, userId: ids.jlis })).hands).toEqual([]);

    // Lowering one's own hand.
    await ok(body, 'meeting.hand', { meetingId: m.id, on: true });
    const down = handsBecome(sec, []);
    expect((await ok(body, 'meeting.hand', { meetingId: m.id, on: false })).hands).toEqual([]);
    await down;
    // A vendor lowering a hand they never raised is harmless.
    expect((await ok(vendor, 'meeting.hand', { meetingId: m.id, on: false })).hands).toEqual([]);

    // Hands clear when the meeting ends, and none can be raised after.
    await ok(body, 'meeting.hand', { meetingId: m.id, on: true });
    expect((await secretariat.post(`/api/meetings/${m.id}/status`, { to: 'ended' })).status).toBe(200);
    expect(await MeetingHandModel.countDocuments({ meetingId: m.id })).toBe(0);
    expect((await join(sec)).hands).toEqual([]);
    expect(await ack(body, 'meeting.hand', { meetingId: m.id, on: true })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('an observer not invited raises no hand; the uninvited are refused lowering too', async () => {
    const m = await liveMeeting('課題協議会議（挙手）', 'consultation'); // ministries invited, bodies not
    const [ministry, body] = await Promise.all([open(mhlw), open(jlis)]);
    await ok(ministry, 'meeting.join', { meetingId: m.id });
    expect((await ok(ministry, 'meeting.hand', { meetingId: m.id, on: true })).hands).toHaveLength(1);
    for (const on of [true, false])
      expect(await ack(body, 'meeting.hand', { meetingId: m.id, on })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('keeps every hand raised at the same moment, and every one lowered or dismissed at once', async () => {
    const N = 12;
    const observerOrgs = (await secretariat.get<OrganizationList>('/api/organizations?kind=observer')).body.organizations;
    expect(observerOrgs.length).toBeGreaterThanOrEqual(9);
    // Made and signed in one after another (a sign-in hashes a password: a dozen at once is a busy server).
    const observers: Array<{ id: string; kind: string | null; client: ApiClient }> = [];
    for (let i = 0; i < N; i++) {
      const org = observerOrgs[i % observerOrgs.length]!;
      const email = `hand-observer-${i}@example.go.jp`;
      const created = await secretariat.post<UserCreated>(`/api/organizations/${org.id}/users`, { email, displayName: `挙手 ${i + 1}` });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      observers.push({
        id: created.body.user.id,
        kind: org.observerKind,
        client: await server.signIn(email, created.body.temporaryPassword),
      });
    }
    const m = await liveMeeting('全体会議（同時の挙手）');
    const sec = await open(secretariat);
    const observerSockets = await Promise.all(observers.map((o) => open(o.client)));
    await Promise.all([sec, ...observerSockets].map((s) => ok(s, 'meeting.join', { meetingId: m.id })));
    const everyone = observers.map((o) => o.id).sort();
    let last: RaisedHand[] = [];
    sec.on('meeting.hands', (p) => (last = p.hands));

    for (let round = 1; round <= 3; round++) {
      const acks = await Promise.all(observerSockets.map((s) => ack(s, 'meeting.hand', { meetingId: m.id, on: true })));
      expect(acks.filter((a) => a.ok)).toHaveLength(N);
      // Every hand is stored, in the queue a joiner gets, and in the last queue the room was sent.
      expect(await MeetingHandModel.countDocuments({ meetingId: m.id })).toBe(N);
      const joined = (await ok(sec, 'meeting.join', { meetingId: m.id })).hands;
      expect(handIds(joined).sort()).toEqual(everyone);
      const times = joined.map((h) => Date.parse(h.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(new Map(joined.map((h) => [h.person.id, h.person.kind]))).toEqual(new Map(observers.map((o) => [o.id, o.kind])));
      await expect.poll(() => handIds(last).sort()).toEqual(everyone);

      // Half lower their own, the secretariat dismisses the other half, all at once.
      await Promise.all(
        observers.map((o, i) =>
          i % 2
            ? ok(observerSockets[i]!, 'meeting.hand', { meetingId: m.id, on: false })
            : ok(sec, 'meeting.handDismiss', { meetingId: m.id, userId: o.id }),
        ),
      );
      expect(await MeetingHandModel.countDocuments({ meetingId: m.id })).toBe(0);
      expect((await ok(sec, 'meeting.join', { meetingId: m.id })).hands).toEqual([]);
      await expect.poll(() => last).toEqual([]);
    }

    // Granting the floor to all at once lowers every hand.
    await Promise.all(observerSockets.map((s) => ok(s, 'meeting.hand', { meetingId: m.id, on: true })));
    await Promise.all(observers.map((o) => ok(sec, 'meeting.floor', { meetingId: m.id, userId: o.id, on: true })));
    const after = await ok(sec, 'meeting.join', { meetingId: m.id });
    expect([after.hands, after.floor.map((p) => p.id).sort()]).toEqual([[], everyone]);
    await expect.poll(() => last).toEqual([]);
  });

  it('answers bad payloads with an error ack naming the field', async () => {
    const m = await liveMeeting('全体会議（不正な入力）');
    const [sec, ministry] = await Promise.all([open(secretariat), open(mhlw)]);
    const cases: Array<[CouncilClientSocket, 'meeting.hand' | 'meeting.handDismiss', unknown, string]> = [
      [ministry, 'meeting.hand', { meetingId: 'not-an-id', on: true }, 'payload.meetingId'],
      [ministry, 'meeting.hand', { meetingId: m.id.toUpperCase(), on: true }, 'payload.meetingId'],
      [ministry, 'meeting.hand', { meetingId: m.id, on: 'yes' }, 'payload.on'],
      [ministry, 'meeting.hand', { meetingId: m.id }, 'payload.on'],
      [ministry, 'meeting.hand', { meetingId: m.id, on: true, userId: ids.jlis }, 'payload.userId'],
      [ministry, 'meeting.hand', { meetingId: { $gt: '' }, on: true }, 'payload.meetingId'],
      [sec, 'meeting.handDismiss', { meetingId: m.id }, 'payload.userId'],
      [sec, 'meeting.handDismiss', { meetingId: m.id, userId: 'x' }, 'payload.userId'],
      [sec, 'meeting.handDismiss', { meetingId: m.id, userId: ids.jlis, on: false }, 'payload.on'],
    ];
    for (const [socket, event, payload, field] of cases) {
      expect(await ack(socket, event, payload), `${event} ${JSON.stringify(payload)}`).toMatchObject({
        ok: false,
        error: { code: 'bad_request', field },
      });
    }
    expect(await MeetingHandModel.countDocuments({ meetingId: m.id })).toBe(0);
    // A meeting that does not exist.
    expect(await ack(ministry, 'meeting.hand', { meetingId: '0123456789abcdef01234567', on: true })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});

describe('speakers’ kinds', () => {
  it('every person in the room carries the kind of their organisation: in chat, questions, presence and the floor', async () => {
    const m = await liveMeeting('全体会議（所属の種別）');
    const clients = { secretariat, development: dev, support, ministry: mhlw, body: jlis };
    const socketsByKind = Object.fromEntries(
      await Promise.all(Object.entries(clients).map(async ([kind, c]) => [kind, await open(c)] as const)),
    ) as Record<keyof typeof clients, CouncilClientSocket>;
    for (const s of Object.values(socketsByKind)) await ok(s, 'meeting.join', { meetingId: m.id });
    for (const userId of [ids.mhlw, ids.jlis]) await ok(socketsByKind.secretariat, 'meeting.floor', { meetingId: m.id, userId, on: true });
    for (const [kind, s] of Object.entries(socketsByKind)) {
      const { message } = await ok(s, 'meeting.chat', { meetingId: m.id, clientId: newClientId(), body: `${kind}の発言` });
      expect(message.author.kind, kind).toBe(kind);
    }
    const asked = await ok(socketsByKind.support, 'meeting.question', { meetingId: m.id, clientId: newClientId(), body: '支援の質問' });
    expect(asked.question.author.kind).toBe('support');

    // A joiner reads the chat as stored (the author as named then) with each author's kind looked up.
    const room = await ok(await open(dev), 'meeting.join', { meetingId: m.id });
    expect(room.chat.map((c) => [c.body, c.author.kind])).toEqual(Object.keys(clients).map((kind) => [`${kind}の発言`, kind]));
    expect(room.questions.map((q) => q.author.kind)).toEqual(['support']);
    expect(room.floor.map((p) => p.kind).sort()).toEqual(['body', 'ministry']);
    const presence = new Map(room.presence.flatMap((g) => g.people.map((p) => [p.id, p.kind])));
    expect(Object.fromEntries(Object.entries(ids).map(([who, id]) => [who, presence.get(id)]))).toEqual({
      secretariat: 'secretariat',
      dev: 'development',
      support: 'support',
      mhlw: 'ministry',
      jlis: 'body',
    });
  });

  it('follows an organisation whose vendor type changes', async () => {
    const org = await secretariat.post<{ id: string }>('/api/organizations', {
      kind: 'vendor',
      key: `kind-change-${Date.now()}`,
      vendorType: 'development',
      corporateNumber: corporateNumber(),
      nameJa: '種別変更株式会社',
      nameEn: 'Kind Change K.K.',
    });
    expect(org.status, JSON.stringify(org.body)).toBe(201);
    const created = await secretariat.post<UserCreated>(`/api/organizations/${org.body.id}/users`, {
      email: 'kind-change@example.jp',
      displayName: '種別 変更',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const vendor = await server.signIn('kind-change@example.jp', created.body.temporaryPassword);
    const m = await liveMeeting('全体会議（種別の変更）');
    const s = await open(vendor);
    await ok(s, 'meeting.join', { meetingId: m.id });
    expect((await ok(s, 'meeting.chat', { meetingId: m.id, clientId: newClientId(), body: '開発として' })).message.author.kind).toBe(
      'development',
    );
    expect((await secretariat.patch(`/api/organizations/${org.body.id}`, { vendorType: 'support' })).status).toBe(200);
    const room = await ok(await open(secretariat), 'meeting.join', { meetingId: m.id });
    expect(room.chat.map((c) => c.author.kind)).toEqual(['support']);
  });
});

describe('a question answered in the chat', () => {
  it('is marked answered by the secretariat straight from the queue, without being taken up first', async () => {
    const m = await liveMeeting('全体会議（チャットでの回答）');
    const [sec, asker, other] = await Promise.all([open(secretariat), open(dev), open(support)]);
    for (const s of [sec, asker, other]) await ok(s, 'meeting.join', { meetingId: m.id });
    const { question } = await ok(asker, 'meeting.question', { meetingId: m.id, clientId: newClientId(), body: '公開時期は？' });
    await ok(sec, 'meeting.chat', { meetingId: m.id, clientId: newClientId(), body: '来月公開予定です。' });
    const seen = nextEvent<Question>(other, 'meeting.question', (q) => q.id === question.id && q.status === 'answered');
    expect((await ok(sec, 'meeting.questionStatus', { questionId: question.id, status: 'answered' })).question.status).toBe('answered');
    await seen;
    expect(await ack(other, 'meeting.questionSupport', { questionId: question.id, on: true })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await ack(asker, 'meeting.questionStatus', { questionId: question.id, status: 'answered' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});
