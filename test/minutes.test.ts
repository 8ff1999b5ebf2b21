/**
 * The minutes' 出席者 and the minutes archive, on the real server, database and sockets: attendance
 * recorded per organisation when someone joins the live room, the editor's proposal (room and
 * RSVPs), the secretariat's list saved, published and read; the archive per kind of reader.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttendeeProposal, Meeting, MinutesArchive } from '../shared/schemas/meetings';
import type { ApiClient, CouncilClientSocket } from './support/client';
import { ok, openSocket } from './support/forum';
import type { ErrorBody, Me } from './support/json';
import { startTestServer, type TestServer } from './support/server';

/** The demo accounts this file acts as. */
const PEOPLE = {
  secretariat: 'secretariat@demo.example',
  dev: 'dev@demo.example',
  devAdmin: 'dev-admin@demo.example',
  dev2: 'dev2@demo.example',
  support: 'support@demo.example',
  mhlw: 'mhlw@demo.example',
  jlis: 'jlis@demo.example',
} as const;
type Who = keyof typeof PEOPLE;

let server: TestServer;
/** Each person's signed-in client, and their organisation's id. */
const as = {} as Record<Who, ApiClient>;
const orgs = {} as Record<Who, string>;
const sockets: CouncilClientSocket[] = [];

beforeAll(async () => {
  server = await startTestServer();
  await Promise.all(
    (Object.keys(PEOPLE) as Who[]).map(async (who) => {
      as[who] = await server.signIn(PEOPLE[who]);
      orgs[who] = (await as[who].get<Me>('/api/me')).body.organization.id;
    }),
  );
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server.close();
});

/** A socket of `who`'s, closed when the file is done. */
async function socketOf(who: Who): Promise<CouncilClientSocket> {
  const socket = await openSocket(as[who]);
  sockets.push(socket);
  return socket;
}

let counter = 0;
async function createMeeting(body: Record<string, unknown> = {}): Promise<Meeting> {
  counter++;
  const res = await as.secretariat.post<Meeting>('/api/meetings', {
    kind: 'plenary',
    title: `議事録テスト ${counter}`,
    startsAt: '2027-01-10T14:00:00+09:00',
    endsAt: '2027-01-10T16:00:00+09:00',
    agenda: [{ title: '議題', minutes: 30, presenterOrganizationId: orgs.dev }],
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
async function move(m: Meeting, ...to: string[]) {
  for (const status of to)
    expect((await as.secretariat.post(`/api/meetings/${m.id}/status`, { to: status })).status, `→ ${status}`).toBe(200);
}
const items = (m: Meeting) => [{ agendaItemId: m.agenda[0]!.id, summary: '議論した。' }];
const proposal = async (m: Meeting) =>
  (await as.secretariat.get<AttendeeProposal>(`/api/meetings/${m.id}/minutes/attendees`)).body.organizations;
const attendeeIds = (m: Meeting) => m.minutes?.attendees?.map((o) => o.id) ?? null;

describe('出席者 (attendees) of the minutes', () => {
  it('records each organisation once when its people join the live room, and proposes them with the RSVPs', async () => {
    const m = await createMeeting();
    await move(m, 'scheduled');
    // RSVPs: the support vendor attends online, another development vendor sends regrets.
    expect((await as.support.put(`/api/meetings/${m.id}/rsvp`, { response: 'online' })).status).toBe(200);
    expect((await as.dev2.put(`/api/meetings/${m.id}/rsvp`, { response: 'absent' })).status).toBe(200);
    expect((await as.dev.put(`/api/meetings/${m.id}/rsvp`, { response: 'online' })).status).toBe(200);
    await move(m, 'live');

    // Six sockets of one organisation (two people) and the ministry join at the same moment.
    const joiners = await Promise.all(
      (['dev', 'dev', 'dev', 'devAdmin', 'devAdmin', 'devAdmin', 'mhlw', 'secretariat'] as const).map(socketOf),
    );
    await Promise.all(joiners.map((s) => ok(s, 'meeting.join', { meetingId: m.id })));

    await move(m, 'ended');
    // Reading the room's record after the meeting is not attending it.
    await ok(await socketOf('jlis'), 'meeting.join', { meetingId: m.id });

    const proposed = await proposal(m);
    const sources = new Map(proposed.map((p) => [p.organization.id, p.sources]));
    expect(Object.fromEntries(sources)).toEqual({
      [orgs.dev]: ['room', 'rsvp'],
      [orgs.support]: ['rsvp'],
      [orgs.mhlw]: ['room'],
      [orgs.secretariat]: ['room'],
    });
    // Vendors (by Japanese name), then observers, then the secretariat.
    const name = (id: string) => proposed.find((p) => p.organization.id === id)!.organization.nameJa;
    const vendors = [orgs.dev, orgs.support].sort((a, b) => name(a).localeCompare(name(b), 'ja'));
    expect(proposed.map((p) => p.organization.id)).toEqual([...vendors, orgs.mhlw, orgs.secretariat]);

    // The proposal is the secretariat's: nobody else reads it.
    for (const who of ['dev', 'devAdmin', 'mhlw'] as const)
      expect((await as[who].get<ErrorBody>(`/api/meetings/${m.id}/minutes/attendees`)).status).toBe(403);
  });

  it('are saved by the secretariat (in the minutes’ order), kept when a save leaves them out, and read by everyone once published', async () => {
    const m = await createMeeting();
    await move(m, 'scheduled', 'live');
    await ok(await socketOf('dev'), 'meeting.join', { meetingId: m.id });
    await move(m, 'ended');
    expect((await proposal(m)).map((p) => p.organization.id)).toEqual([orgs.dev]);

    const put = (body: Record<string, unknown>) =>
      as.secretariat.put<Meeting & ErrorBody>(`/api/meetings/${m.id}/minutes`, { items: items(m), ...body });
    // Bad lists change nothing.
    expect((await put({ attendeeOrganizationIds: ['0'.repeat(24)] })).body.error.field).toBe('attendeeOrganizationIds');
    expect((await put({ attendeeOrganizationIds: [orgs.dev, orgs.dev] })).body.error.field).toBe('body.attendeeOrganizationIds');
    expect((await put({ attendeeOrganizationIds: ['not-an-id'] })).status).toBe(400);
    expect((await as.dev.put(`/api/meetings/${m.id}/minutes`, { items: items(m), attendeeOrganizationIds: [orgs.dev] })).status).toBe(403);

    // Saved without a list: none yet (the editor proposes; publishing would record the proposal).
    expect(attendeeIds((await put({})).body)).toBeNull();
    // The secretariat's list, given in any order, is stored vendors → observers → secretariat.
    const saved = (await put({ attendeeOrganizationIds: [orgs.secretariat, orgs.jlis, orgs.dev] })).body;
    expect(attendeeIds(saved)).toEqual([orgs.dev, orgs.jlis, orgs.secretariat]);
    expect(saved.minutes!.attendees![0]).toMatchObject({ id: orgs.dev, nameJa: expect.any(String), nameEn: expect.any(String) });
    expect(attendeeIds((await put({})).body)).toEqual([orgs.dev, orgs.jlis, orgs.secretariat]);

    // Circulated and confirmed; the same list in another order is no revision, a changed one is.
    expect((await as.secretariat.post(`/api/meetings/${m.id}/minutes/circulate`)).status).toBe(200);
    expect((await as.dev.post(`/api/meetings/${m.id}/minutes/confirm`, {})).status).toBe(200);
    const same = (await put({ attendeeOrganizationIds: [orgs.jlis, orgs.secretariat, orgs.dev] })).body;
    expect(same.minutes!.revisedAt).toBeNull();
    expect(same.minutes!.confirmations).toHaveLength(1);
    const changed = (await put({ attendeeOrganizationIds: [orgs.dev, orgs.secretariat] })).body;
    expect(changed.minutes!.revisedAt).not.toBeNull();
    expect(changed.minutes!.awaiting.map((o) => o.id)).toEqual([orgs.dev]);

    // Not shown before publication to those who do not see the draft; shown to everyone after.
    expect((await as.support.get<Meeting>(`/api/meetings/${m.id}`)).body.minutes).toBeNull();
    expect((await as.secretariat.post(`/api/meetings/${m.id}/minutes/publish`)).status).toBe(200);
    for (const who of ['dev', 'support', 'mhlw', 'jlis'] as const)
      expect(attendeeIds((await as[who].get<Meeting>(`/api/meetings/${m.id}`)).body)).toEqual([orgs.dev, orgs.secretariat]);
    // Published minutes are final.
    expect((await put({ attendeeOrganizationIds: [orgs.dev] })).status).toBe(409);
  });

  it('are the proposal when the minutes are published without a list', async () => {
    const m = await createMeeting();
    await move(m, 'scheduled');
    expect((await as.support.put(`/api/meetings/${m.id}/rsvp`, { response: 'online' })).status).toBe(200);
    await move(m, 'live');
    await ok(await socketOf('mhlw'), 'meeting.join', { meetingId: m.id });
    await move(m, 'ended');
    expect((await as.secretariat.put(`/api/meetings/${m.id}/minutes`, { items: items(m) })).status).toBe(200);
    const published = (await as.secretariat.post<Meeting>(`/api/meetings/${m.id}/minutes/publish`)).body;
    expect(attendeeIds(published)).toEqual([orgs.support, orgs.mhlw]);
  });
});

describe('the minutes archive', () => {
  /** A meeting taken to published minutes, starting on `day` (January 2027). */
  async function published(day: number, kind: 'plenary' | 'consultation' = 'plenary'): Promise<Meeting> {
    const startsAt = `2027-01-${String(day).padStart(2, '0')}T10:00:00+09:00`;
    const m = await createMeeting({ kind, startsAt, endsAt: startsAt.replace('T10', 'T11'), title: `公開済み ${day}日 ${kind}` });
    await move(m, 'scheduled', 'live', 'ended');
    expect((await as.secretariat.put(`/api/meetings/${m.id}/minutes`, { items: items(m) })).status).toBe(200);
    expect((await as.secretariat.post(`/api/meetings/${m.id}/minutes/publish`)).status).toBe(200);
    return m;
  }
  const archive = async (c: ApiClient, query = '') => {
    const res = await c.get<MinutesArchive>(`/api/minutes${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  it('lists published minutes only, newest meeting first, by kind, a page of 20 at a time; each reader may open each entry', async () => {
    // Other files' meetings are not here: this file has its own database. Earlier tests in it published two plenaries.
    const before = (await archive(as.secretariat)).total;
    const consultation = await published(20, 'consultation');
    const plenaries: Meeting[] = [];
    for (let day = 1; day <= 20; day++) plenaries.push(await published(day));
    // Not in the archive: an ended meeting with draft minutes (circulated, too), a draft and a live meeting.
    const ended = await createMeeting({ title: '未公開' });
    await move(ended, 'scheduled', 'live', 'ended');
    await as.secretariat.put(`/api/meetings/${ended.id}/minutes`, { items: items(ended) });
    await as.secretariat.post(`/api/meetings/${ended.id}/minutes/circulate`);
    const draft = await createMeeting({ title: '下書き' });
    const live = await createMeeting({ title: '開催中' });
    await move(live, 'scheduled', 'live');
    const hidden = [ended.id, draft.id, live.id];

    for (const reader of [as.secretariat, as.dev, as.dev2, as.support, as.mhlw, as.jlis]) {
      const first = await archive(reader);
      expect(first.total).toBe(before + 21);
      expect(first.pageSize).toBe(20);
      expect(first.minutes).toHaveLength(20);
      // Newest meeting first: the 20th's two meetings (the later-created first), then the 19th…
      expect(first.minutes.slice(0, 3).map((e) => e.meetingId)).toEqual([plenaries[19]!.id, consultation.id, plenaries[18]!.id]);
      expect(first.minutes[1]).toMatchObject({
        kind: 'consultation',
        title: '公開済み 20日 consultation',
        startsAt: '2027-01-20T01:00:00.000Z',
        publishedAt: expect.any(String),
      });
      const second = await archive(reader, '?page=2');
      expect(second.page).toBe(2);
      const all = [...first.minutes, ...second.minutes];
      expect(new Set(all.map((e) => e.meetingId)).size).toBe(before + 21);
      expect(all.some((e) => hidden.includes(e.meetingId))).toBe(false);
      // Only what the reader may read: each entry opens, with its published minutes.
      for (const entry of [first.minutes[0]!, first.minutes[1]!, second.minutes.at(-1)!]) {
        const opened = await reader.get<Meeting>(`/api/meetings/${entry.meetingId}`);
        expect(opened.status).toBe(200);
        expect(opened.body.minutes?.publishedAt).toBeTruthy();
      }
      // By kind: the one consultation, for the uninvited too (the meetings list shows it them as well).
      expect((await archive(reader, '?kind=consultation')).minutes.map((e) => e.meetingId)).toEqual([consultation.id]);
      const listed = (await reader.get<{ meetings: Array<{ id: string }> }>('/api/meetings?when=all&kind=consultation')).body.meetings.map(
        (x) => x.id,
      );
      expect(listed).toContain(consultation.id);
    }
    expect((await archive(as.dev, '?page=3')).minutes).toEqual([]);
  });

  it('refuses a malformed query', async () => {
    for (const query of ['?page=0', '?page=x', '?kind=party', '?when=past'])
      expect((await as.dev.get(`/api/minutes${query}`)).status, query).toBe(400);
    expect((await server.client().get('/api/minutes')).status).toBe(401);
  });
});
