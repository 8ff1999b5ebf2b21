/**
 * Writes that several people make to one thing at the same moment are all kept, on the embedded
 * engine that loses concurrent updates of one document (docs/DATABASE.md, "No lost writes").
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Meeting, RoomState } from '../shared/schemas/meetings';
import type { UserCreated } from '../shared/schemas/users';
import type { ApiClient, CouncilClientSocket } from './support/client';
import { ack, ok, openSocket } from './support/forum';
import type { Me, OrganizationList } from './support/json';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
let secretariat: ApiClient;
let presenters: ApiClient[];
beforeAll(async () => {
  server = await startTestServer();
  secretariat = await server.signIn('secretariat@demo.example');
  // Three organisations: two development vendors and a support vendor.
  presenters = await Promise.all(['dev@demo.example', 'dev2@demo.example', 'support@demo.example'].map((e) => server.signIn(e)));
});
const sockets: CouncilClientSocket[] = [];
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server.close();
});
const open = async (c: ApiClient) => {
  const s = await openSocket(c);
  sockets.push(s);
  return s;
};

const orgOf = async (c: ApiClient) => (await c.get<Me>('/api/me')).body.organization.id;

/** A plenary with one agenda item per presenting organisation, ended, its minutes circulated. */
async function circulatedMeeting(orgIds: readonly string[], round: number): Promise<Meeting> {
  const startsAt = new Date(Date.now() + 86_400_000);
  const created = await secretariat.post<Meeting>('/api/meetings', {
    kind: 'plenary',
    title: `第${round}回 全体会議（同時確認）`,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
    agenda: orgIds.map((id, i) => ({ title: `議題${i + 1}`, minutes: 10, presenterOrganizationId: id })),
  });
  expect(created.status).toBe(201);
  const m = created.body;
  for (const to of ['scheduled', 'live', 'ended'])
    expect((await secretariat.post(`/api/meetings/${m.id}/status`, { to })).status).toBe(200);
  const items = m.agenda.map((a) => ({ agendaItemId: a.id, summary: `${a.title}について議論した。`, decisions: [], actionItems: [] }));
  expect((await secretariat.put(`/api/meetings/${m.id}/minutes`, { items })).status).toBe(200);
  expect((await secretariat.post(`/api/meetings/${m.id}/minutes/circulate`)).status).toBe(200);
  return m;
}

it('keeps every organisation’s minutes confirmation when all confirm at the same moment', async () => {
  const orgIds = await Promise.all(presenters.map(orgOf));
  expect(new Set(orgIds).size).toBe(3);
  for (let round = 1; round <= 4; round++) {
    const m = await circulatedMeeting(orgIds, round);
    const answers = await Promise.all(
      presenters.map((p, i) =>
        p.post<Meeting>(`/api/meetings/${m.id}/minutes/confirm`, i === 1 ? { comment: `第${round}回: 表現を修正してください` } : {}),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const minutes = (await secretariat.get<Meeting>(`/api/meetings/${m.id}`)).body.minutes!;
    expect(minutes.confirmations.map((c) => c.organization.id).sort()).toEqual([...orgIds].sort());
    expect(minutes.confirmations.find((c) => c.organization.id === orgIds[1])).toMatchObject({
      status: 'commented',
      comment: `第${round}回: 表現を修正してください`,
    });
    expect(minutes.awaiting).toEqual([]);
    // Saving the same minutes again keeps the confirmations (a changed text resets them: security-register.test.ts).
    const items = minutes.items.map((i) => ({ ...i, actionItems: [] }));
    expect((await secretariat.put(`/api/meetings/${m.id}/minutes`, { items })).status).toBe(200);
    expect((await secretariat.get<Meeting>(`/api/meetings/${m.id}`)).body.minutes!.confirmations).toHaveLength(3);
  }
});

it('keeps every floor given or taken at the same moment by two secretariat members, and the current agenda item set meanwhile', async () => {
  // A second secretariat member, and twelve observers: accounts in the nine observer organisations.
  const secretariatOrg = await orgOf(secretariat);
  const observerOrgs = (await secretariat.get<OrganizationList>('/api/organizations?kind=observer')).body.organizations;
  expect(observerOrgs.length).toBeGreaterThanOrEqual(9);
  const account = async (orgId: string, email: string, displayName: string, role = 'member') => {
    const created = await secretariat.post<UserCreated>(`/api/organizations/${orgId}/users`, { email, displayName, role });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const client = await server.signIn(email, created.body.temporaryPassword);
    // A new secretariat member sets up a second factor before anything else.
    if (role === 'secretariat') await server.enrol(client, email);
    return { id: created.body.user.id, client };
  };
  const colleague = await account(secretariatOrg, 'floor-secretariat@example.go.jp', '事務局 次郎', 'secretariat');
  const observers = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      account(observerOrgs[i % observerOrgs.length]!.id, `floor-observer-${i}@example.go.jp`, `オブザーバー ${i + 1}`),
    ),
  );
  const observerIds = observers.map((o) => o.id).sort();

  const startsAt = new Date(Date.now() + 86_400_000);
  const created = await secretariat.post<Meeting>('/api/meetings', {
    kind: 'plenary',
    title: '全体会議（同時の発言権）',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
    agenda: [1, 2, 3, 4].map((n) => ({ title: `議題${n}`, minutes: 10 })),
  });
  expect(created.status).toBe(201);
  const m = created.body;
  for (const to of ['scheduled', 'live']) expect((await secretariat.post(`/api/meetings/${m.id}/status`, { to })).status).toBe(200);
  const [first, second] = await Promise.all([open(secretariat), open(colleague.client)]);
  const observerSockets = await Promise.all(observers.map((o) => open(o.client)));
  const join = (s: CouncilClientSocket): Promise<RoomState> => ok(s, 'meeting.join', { meetingId: m.id });
  await Promise.all([first, second, ...observerSockets].map(join));

  /** The room as the app presents it: the floor to a joiner, and whether each observer may speak. */
  const room = async () => {
    const state = await join(first);
    const canSpeak = await Promise.all(observerSockets.map(async (s) => (await join(s)).canSpeak));
    return { floor: state.floor.map((p) => p.id).sort(), current: state.meeting.currentAgendaItemId, canSpeak };
  };
  // Half the observers from each secretariat member, all at once, with the current agenda item moving meanwhile.
  const setFloor = (on: boolean, round: number) =>
    Promise.all([
      ...observerIds.map((userId, i) => ok(i % 2 ? second : first, 'meeting.floor', { meetingId: m.id, userId, on })),
      ok(first, 'meeting.agendaCurrent', { meetingId: m.id, agendaItemId: m.agenda[round % m.agenda.length]!.id }),
    ]);

  for (let round = 1; round <= 4; round++) {
    await setFloor(true, round);
    expect(await room()).toEqual({
      floor: observerIds,
      current: m.agenda[round % m.agenda.length]!.id,
      canSpeak: observers.map(() => true),
    });
    await setFloor(false, round + 1);
    expect(await room()).toEqual({ floor: [], current: m.agenda[(round + 1) % m.agenda.length]!.id, canSpeak: observers.map(() => false) });
  }

  // Ending the meeting while the floor is being given: whichever lands first, nobody keeps it.
  const [ended, ...given] = await Promise.all([
    secretariat.post<Meeting>(`/api/meetings/${m.id}/status`, { to: 'ended' }),
    ...observerIds.map((userId, i) => ack(i % 2 ? second : first, 'meeting.floor', { meetingId: m.id, userId, on: true })),
  ]);
  expect(ended.status).toBe(200);
  for (const reply of given) if (!reply.ok) expect(reply.error.code).toBe('conflict');
  const afterEnd = await join(first);
  expect([afterEnd.meeting.status, afterEnd.floor]).toEqual(['ended', []]);
});
