/**
 * Issue 16, findings 7, 9 and 11, on the real server: who is given a meeting's online join URL, how
 * text reaches calendar lines, and when a private calendar feed URL stops working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Meeting, MeetingSummary } from '../shared/schemas/meetings';
import { UserModel } from '../server/users/model';
import type { ApiClient } from './support/client';
import { nextEvent, openSocket } from './support/forum';
import type { Me, User } from './support/json';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
let secretariat: ApiClient, dev: ApiClient, devAdmin: ApiClient, support: ApiClient, mhlw: ApiClient, jlis: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  [secretariat, dev, devAdmin, support, mhlw, jlis] = await server.signInAll(
    'secretariat@demo.example',
    'dev@demo.example',
    'dev-admin@demo.example',
    'support@demo.example',
    'mhlw@demo.example',
    'jlis@demo.example',
  );
});
afterAll(() => server.close());

async function scheduledMeeting(body: Record<string, unknown>): Promise<Meeting> {
  const res = await secretariat.post<Meeting>('/api/meetings', {
    kind: 'plenary',
    title: '全体会議',
    startsAt: '2026-12-10T14:00:00+09:00',
    endsAt: '2026-12-10T16:00:00+09:00',
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect((await secretariat.post(`/api/meetings/${res.body.id}/status`, { to: 'scheduled' })).status).toBe(200);
  return res.body;
}

/** An .ics as its content lines: folded lines joined again (RFC 5545 §3.1). */
const unfold = (ics: string) =>
  ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);

async function feedPath(client: ApiClient): Promise<string> {
  const res = await client.post<{ url: string }>('/api/me/calendar-token');
  expect(res.status).toBe(201);
  return new URL(res.body.url).pathname;
}
const feedStatus = async (path: string) => (await server.client().download(path)).status;

describe('a meeting’s online join URL (finding 7)', () => {
  const joinUrl = 'https://meet.example.jp/consultation-invited-only';

  /** The join URL as one reader is given it: in the list, the meeting, and the meeting's .ics. */
  async function joinUrlAsSeenBy(client: ApiClient, meetingId: string) {
    const list = (await client.get<{ meetings: MeetingSummary[] }>('/api/meetings?when=all')).body.meetings.find((m) => m.id === meetingId);
    const detail = (await client.get<Meeting>(`/api/meetings/${meetingId}`)).body;
    const ics = unfold((await client.download(`/api/meetings/${meetingId}/calendar`)).data.toString('utf8')).join('\n');
    return { list: list?.onlineUrl, detail: detail.onlineUrl, ics: ics.includes(joinUrl) };
  }
  const given = { list: joinUrl, detail: joinUrl, ics: true };
  const withheld = { list: null, detail: null, ics: false };

  it('of a consultation goes to the invited organisations and the secretariat only, and to an added invitee once added', async () => {
    const m = await scheduledMeeting({
      kind: 'consultation',
      title: '課題協議会議（招待のテスト）',
      venue: 'デジタル庁 会議室B',
      onlineUrl: joinUrl,
    });
    const seen = async () => ({
      secretariat: await joinUrlAsSeenBy(secretariat, m.id),
      development: await joinUrlAsSeenBy(dev, m.id),
      ministry: await joinUrlAsSeenBy(mhlw, m.id),
      support: await joinUrlAsSeenBy(support, m.id),
      jlis: await joinUrlAsSeenBy(jlis, m.id),
    });
    expect(await seen()).toEqual({ secretariat: given, development: given, ministry: given, support: withheld, jlis: withheld });

    const supportOrg = (await support.get<Me>('/api/me')).body.organization.id;
    expect((await secretariat.patch(`/api/meetings/${m.id}`, { extraInviteeIds: [supportOrg] })).status).toBe(200);
    expect(await seen()).toEqual({ secretariat: given, development: given, ministry: given, support: given, jlis: withheld });
  });

  it('of a plenary goes to every member organisation: all are invited', async () => {
    const m = await scheduledMeeting({ title: '全体会議（招待のテスト）', onlineUrl: joinUrl });
    for (const client of [secretariat, dev, mhlw, support, jlis]) expect(await joinUrlAsSeenBy(client, m.id)).toEqual(given);
  });

  it('is never in the live event every socket hears of a changed meeting', async () => {
    const m = await scheduledMeeting({ kind: 'consultation', title: '課題協議会議（通知のテスト）', onlineUrl: joinUrl });
    const socket = await openSocket(jlis);
    try {
      const heard = nextEvent<Record<string, unknown>>(socket, 'meeting.changed', (p) => p.meetingId === m.id);
      await secretariat.patch(`/api/meetings/${m.id}`, { description: '議題を追加しました' });
      expect(await heard).toEqual({ meetingId: m.id, status: 'scheduled' });
    } finally {
      socket.close();
    }
  });
});

describe('text in calendar lines (finding 9)', () => {
  const title = '暦の注入\r\nATTACH:https://evil.example/x.exe\nX-EVIL-LF:1\rX-EVIL-CR:1 ; a,b\\c';
  const escapedTitle = '暦の注入\\nATTACH:https://evil.example/x.exe\\nX-EVIL-LF:1X-EVIL-CR:1 \\; a\\,b\\\\c';

  /** No property comes from the text, every line break is a CRLF that ends a content line, and no line is longer than 75 octets. */
  function expectNoInjection(ics: string) {
    const lines = unfold(ics);
    const injected = lines.filter((l) => /evil\.example|19700101|X-EVIL/.test(l) && !/^(NAME|X-WR-CALNAME|SUMMARY|DESCRIPTION):/.test(l));
    expect(injected).toEqual([]);
    expect(ics.match(/[^\r\n]{0,24}(?:\r(?!\n)|(?<!\r)\n)[^\r\n]{0,24}/g) ?? []).toEqual([]);
    for (const line of lines) expect(line).toMatch(/^[A-Z][A-Z0-9-]*[;:]/);
    for (const raw of ics.split('\r\n')) expect(Buffer.byteLength(raw, 'utf8'), raw).toBeLessThanOrEqual(75);
    return lines;
  }

  it('escapes a title with line breaks in the meeting’s .ics, its calendar name included', async () => {
    const m = await scheduledMeeting({ title, description: '一行目\r\nDTSTART;VALUE=DATE:19700101\nURL:https://evil.example/' });
    const ics = (await dev.download(`/api/meetings/${m.id}/calendar`)).data.toString('utf8');
    const lines = expectNoInjection(ics);
    expect(lines).toContain(`NAME:${escapedTitle}`);
    expect(lines).toContain(`X-WR-CALNAME:${escapedTitle}`);
    expect(lines).toContain(`SUMMARY:【全体会議】${escapedTitle}`);
    expect(lines.find((l) => l.startsWith('DESCRIPTION:'))).toMatch(
      /^DESCRIPTION:一行目\\nDTSTART\\;VALUE=DATE:19700101\\nURL:https:\/\/evil\.example\/\\n\\n/,
    );
  });

  it('escapes it in the private feed too', async () => {
    await scheduledMeeting({ title });
    const ics = (await server.client().download(await feedPath(dev))).data.toString('utf8');
    expect(expectNoInjection(ics)).toContain(`SUMMARY:【全体会議】${escapedTitle}`);
  });
});

describe('a private calendar feed URL (finding 11)', () => {
  let orgId: string;
  beforeAll(async () => {
    orgId = (await devAdmin.get<Me>('/api/me')).body.organization.id;
  });

  /** A new account of the development vendor, signed in with its temporary password. */
  async function newAccount(email: string) {
    const created = await devAdmin.post<{ user: User; temporaryPassword: string }>(`/api/organizations/${orgId}/users`, {
      email,
      displayName: 'カレンダー 確認',
    });
    expect(created.status).toBe(201);
    return {
      id: created.body.user.id,
      password: created.body.temporaryPassword,
      client: await server.signIn(email, created.body.temporaryPassword),
    };
  }

  it('stops working when its owner changes the password; a URL issued afterwards works', async () => {
    const person = await newAccount('feed.password@demo.example');
    const path = await feedPath(person.client);
    expect(await feedStatus(path)).toBe(200);
    expect(
      (await person.client.post('/api/me/password', { currentPassword: person.password, newPassword: 'a new and long passphrase' })).status,
    ).toBe(204);
    expect(await feedStatus(path)).toBe(404);
    expect(await feedStatus(await feedPath(person.client))).toBe(200);
  });

  it('is refused once older than the last password change, even if it was never deleted (a change made before changes revoked URLs)', async () => {
    const person = await newAccount('feed.older@demo.example');
    const path = await feedPath(person.client);
    await UserModel.updateOne({ _id: person.id }, { passwordChangedAt: new Date(Date.now() + 1_000) });
    expect(await feedStatus(path)).toBe(404);
  });

  it('stops working when the account is deactivated, and reactivation does not bring it back', async () => {
    const person = await newAccount('feed.deactivated@demo.example');
    const path = await feedPath(person.client);
    expect(await feedStatus(path)).toBe(200);
    expect((await devAdmin.post(`/api/users/${person.id}/deactivate`)).status).toBe(200);
    expect(await feedStatus(path)).toBe(404);
    expect((await devAdmin.post(`/api/users/${person.id}/reactivate`)).status).toBe(200);
    expect(await feedStatus(path)).toBe(404);
    const again = await server.signIn('feed.deactivated@demo.example', person.password);
    expect(await feedStatus(await feedPath(again))).toBe(200);
  });
});
