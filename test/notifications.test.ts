/**
 * Notifications on the real server and real sockets: each trigger reaches exactly the people it
 * concerns who may read its object — an observer and a support vendor around development-only
 * content included — batching, follow and mute, settings, the inbox's tabs and read state, and a
 * person who loses access no longer seeing what they were told of.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxPage, Notification, NotificationSettings } from '../shared/schemas/notifications';
import type { Issue } from '../shared/schemas/issues';
import type { Meeting } from '../shared/schemas/meetings';
import type { NotificationKind } from '../shared/notifications/kinds';
import { mentionToken } from '../shared/threads/mentions';
import type { ApiClient } from './support/client';
import { nextEvent, openSocket, postMessage, startThread } from './support/forum';
import type { Me } from './support/json';
import { startTestServer, type TestServer } from './support/server';
import { meetingNotifications } from '../server/notifications/triggers/meetings';
import { storeNotifications } from '../server/notifications/store';
import { headerOf } from './support/mail';

let server: TestServer;
let dev: ApiClient;
let devAdmin: ApiClient;
let dev2: ApiClient;
let support: ApiClient;
let ministry: ApiClient;
let jlis: ApiClient;
let secretariat: ApiClient;
const me = new Map<ApiClient, Me>();

beforeAll(async () => {
  server = await startTestServer();
  [dev, devAdmin, dev2, support, ministry, jlis, secretariat] = await server.signInAll(
    'dev@demo.example',
    'dev-admin@demo.example',
    'dev2@demo.example',
    'support@demo.example',
    'mhlw@demo.example',
    'jlis@demo.example',
    'secretariat@demo.example',
  );
  for (const client of [dev, devAdmin, dev2, support, ministry, jlis, secretariat]) me.set(client, (await client.get<Me>('/api/me')).body);
});
afterAll(async () => {
  await server.close();
});

const idOf = (client: ApiClient) => me.get(client)!.id;
const everyone = () => [dev, devAdmin, dev2, support, ministry, jlis, secretariat];
const settled = () => server.council.notifier.settled();

async function inbox(client: ApiClient, tab = 'all', query = ''): Promise<InboxPage> {
  const res = await client.get<InboxPage>(`/api/notifications?tab=${tab}&limit=100${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
/** The notifications of `kind` about `targetId` in the person's inbox. */
async function about(client: ApiClient, kind: NotificationKind, targetId: string): Promise<Notification[]> {
  return (await inbox(client)).notifications.filter((n) => n.kind === kind && n.target.id === targetId);
}
/** Who (of everyone) has a notification of `kind` about `targetId`. */
async function told(kind: NotificationKind, targetId: string): Promise<ApiClient[]> {
  await settled();
  const out: ApiClient[] = [];
  for (const client of everyone()) if ((await about(client, kind, targetId)).length) out.push(client);
  return out;
}
const names = (clients: ApiClient[]) => clients.map((c) => me.get(c)!.email).sort();

describe('threads', () => {
  it('tells a mentioned person at once over their socket, and nobody else', async () => {
    const { thread } = await startThread(dev, { title: '通知: メンション' });
    const socket = await openSocket(support);
    try {
      const arrived = nextEvent<{ notification: Notification; unread: number }>(
        socket,
        'notification.new',
        (p) => p.notification.target.id === thread.id,
      );
      const message = await postMessage(dev, thread.id, `${mentionToken('user', idOf(support))} さん、負担割合について確認をお願いします`);
      const { notification, unread } = await arrived;
      expect(notification).toMatchObject({ kind: 'thread.mention', stream: 'mentions', read: false, count: 1 });
      expect(notification.actor?.id).toBe(idOf(dev));
      expect(notification.target).toMatchObject({ type: 'thread', title: '通知: メンション', seq: message.seq });
      expect(notification.detail.excerpt).toContain('負担割合');
      expect(unread).toBeGreaterThanOrEqual(1);
    } finally {
      socket.close();
    }
    expect(names(await told('thread.mention', thread.id))).toEqual(['support@demo.example']);
    expect((await inbox(support, 'mentions')).notifications.some((n) => n.target.id === thread.id)).toBe(true);
  });

  it('tells no one of development-only content they may not read: an observer and a support vendor mentioned there hear nothing', async () => {
    const { thread } = await startThread(dev, { title: '開発事業者のみ', visibility: 'development' });
    await postMessage(
      dev,
      thread.id,
      `${mentionToken('user', idOf(support))} ${mentionToken('user', idOf(ministry))} ${mentionToken('user', idOf(jlis))} ${mentionToken('user', idOf(dev2))}`,
    );
    expect(names(await told('thread.mention', thread.id))).toEqual(['dev2@demo.example']);
  });

  it('mentioning an organisation tells its members who may read the thread', async () => {
    const { thread } = await startThread(secretariat, { title: '組織へのメンション' });
    await postMessage(secretariat, thread.id, `${mentionToken('org', me.get(dev)!.organization.id)} 御社のご意見を伺います`);
    expect(names(await told('thread.mention', thread.id))).toEqual(['dev-admin@demo.example', 'dev@demo.example']);
  });

  it('tells the author of a message of a reply to it', async () => {
    const { thread, message } = await startThread(dev2, { title: '返信の通知' });
    await postMessage(support, thread.id, '返信します', message.id);
    expect(names(await told('thread.reply', thread.id))).toEqual(['dev2@demo.example']);
  });

  it('batches new messages in a followed thread into one notification per thread until it is read', async () => {
    const { thread } = await startThread(dev, { title: 'フォロー中のスレッド' });
    expect((await dev2.put(`/api/threads/${thread.id}/subscription`, { state: 'following' })).status).toBe(200);
    expect((await support.put(`/api/threads/${thread.id}/subscription`, { state: 'muted' })).status).toBe(200);
    await postMessage(dev, thread.id, '一件目');
    await postMessage(dev, thread.id, '二件目');
    await settled();
    await postMessage(dev, thread.id, '三件目');
    await settled();
    const batched = await about(dev2, 'thread.activity', thread.id);
    expect(batched).toHaveLength(1);
    expect(batched[0]!.count).toBe(3);
    expect(batched[0]!.detail.excerpt).toBe('三件目');
    expect(await about(support, 'thread.activity', thread.id)).toHaveLength(0);

    // Read: the next message starts a new notification.
    expect((await dev2.post('/api/notifications/read', { ids: [batched[0]!.id] })).status).toBe(200);
    await postMessage(dev, thread.id, '四件目');
    await settled();
    const after = await about(dev2, 'thread.activity', thread.id);
    expect(after.map((n) => [n.count, n.read])).toEqual([
      [1, false],
      [3, true],
    ]);
  });
});

describe('the register', () => {
  let issue: Issue;
  beforeAll(async () => {
    const res = await dev.post<Issue>('/api/issues', {
      title: '国保の負担割合の扱い',
      description: '標準仕様書の記載が曖昧です。',
      businessAreas: ['national-health-insurance'],
      category: 'spec',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    issue = res.body;
  });

  it('a new issue waits for triage: the secretariat is told; the routed ministry is told', async () => {
    expect(names(await told('issue.triage', issue.id))).toEqual(['secretariat@demo.example']);
    expect(issue.ministry).toBe('mhlw');
    expect(names(await told('issue.routed', issue.id))).toEqual(['mhlw@demo.example']);
    const [triage] = await about(secretariat, 'issue.triage', issue.id);
    expect(triage!.target).toMatchObject({ type: 'issue', number: issue.number, title: '国保の負担割合の扱い' });
  });

  it('a status change, a comment and an answer reach the raising organisation, supporters and followers, less who muted it', async () => {
    expect((await dev2.put(`/api/issues/${issue.id}/support`, {})).status).toBe(200);
    expect((await jlis.put(`/api/issues/${issue.id}/follow`, { state: 'following' })).status).toBe(200);
    expect((await devAdmin.put(`/api/issues/${issue.id}/follow`, { state: 'muted' })).status).toBe(200);
    expect((await secretariat.post(`/api/issues/${issue.id}/transition`, { to: 'accepted' })).status).toBe(200);
    expect(names(await told('issue.status', issue.id))).toEqual(['dev2@demo.example', 'dev@demo.example', 'jlis@demo.example']);
    const [status] = await about(dev, 'issue.status', issue.id);
    expect(status!.detail).toMatchObject({ from: 'new', to: 'accepted' });

    expect((await ministry.post(`/api/issues/${issue.id}/answers`, { body: '厚生労働省としての回答です。' })).status).toBe(201);
    expect(names(await told('issue.answer', issue.id))).toEqual(['dev2@demo.example', 'dev@demo.example', 'jlis@demo.example']);
  });

  it('marking as a duplicate names the surviving issue', async () => {
    const copy = (
      await support.post<Issue>('/api/issues', {
        title: '負担割合（重複）',
        description: '同じ問題です。',
        businessAreas: ['national-health-insurance'],
        category: 'spec',
      })
    ).body;
    expect((await secretariat.post(`/api/issues/${copy.id}/transition`, { to: 'duplicate', duplicateOf: issue.id })).status).toBe(200);
    expect(names(await told('issue.duplicate', copy.id))).toEqual(['support@demo.example']);
    expect((await about(support, 'issue.duplicate', copy.id))[0]!.detail.duplicateOf).toBe(issue.number);
  });
});

describe('meetings', () => {
  it('scheduling a consultation invites its invited organisations only; a change of time tells them again', async () => {
    const created = await secretariat.post<Meeting>('/api/meetings', {
      kind: 'consultation',
      title: '第3回 課題協議会議',
      startsAt: '2026-12-20T14:00:00+09:00',
      endsAt: '2026-12-20T16:00:00+09:00',
      onlineUrl: 'https://meet.example.jp/c3',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    expect(await told('meeting.invited', id)).toEqual([]);
    expect((await secretariat.post(`/api/meetings/${id}/status`, { to: 'scheduled' })).status).toBe(200);
    // Development vendors and ministries are invited to a consultation; a support vendor and a body are not.
    const invited = ['dev-admin@demo.example', 'dev2@demo.example', 'dev@demo.example', 'mhlw@demo.example'];
    expect(names(await told('meeting.invited', id))).toEqual(invited);
    expect(
      (await secretariat.patch(`/api/meetings/${id}`, { startsAt: '2026-12-21T14:00:00+09:00', endsAt: '2026-12-21T16:00:00+09:00' }))
        .status,
    ).toBe(200);
    expect(names(await told('meeting.changed', id))).toEqual(invited);
    expect((await about(dev, 'meeting.changed', id))[0]!.detail.when).toBe('2026-12-21T05:00:00.000Z');
    expect((await secretariat.post(`/api/meetings/${id}/status`, { to: 'cancelled' })).status).toBe(200);
    expect(names(await told('meeting.cancelled', id))).toEqual(invited);
  });
});

describe('accounts', () => {
  it('tells a person their role changed', async () => {
    // (An org admin must set up a second factor before anything else: dev is made one and back again.)
    expect((await devAdmin.patch(`/api/users/${idOf(dev)}`, { role: 'orgAdmin' })).status).toBe(200);
    expect((await devAdmin.patch(`/api/users/${idOf(dev)}`, { role: 'member' })).status).toBe(200);
    expect(names(await told('account.role', idOf(dev)))).toEqual(['dev@demo.example']);
    const roles = (await about(dev, 'account.role', idOf(dev))).map((n) => [n.detail.role, n.actor?.id]);
    expect(roles).toEqual([
      ['member', idOf(devAdmin)],
      ['orgAdmin', idOf(devAdmin)],
    ]);
  });
});

describe('the inbox', () => {
  it('counts unread, marks read and unread, and marks all read; every tab of the person hears the count', async () => {
    const { thread } = await startThread(dev2, { title: '既読の確認' });
    for (let i = 0; i < 3; i++) await postMessage(dev2, thread.id, `${mentionToken('user', idOf(jlis))} その${i + 1}`);
    await settled();
    const before = await inbox(jlis, 'unread');
    expect(before.unread).toBe(before.notifications.length);
    const mine = before.notifications.filter((n) => n.target.id === thread.id);
    expect(mine).toHaveLength(3);
    expect((await jlis.get<{ unread: number }>('/api/notifications/unread')).body.unread).toBe(before.unread);

    const socket = await openSocket(jlis);
    try {
      const heard = nextEvent<{ unread: number }>(socket, 'notification.unread');
      const read = await jlis.post<{ unread: number }>('/api/notifications/read', { ids: [mine[0]!.id] });
      expect(read.body.unread).toBe(before.unread - 1);
      expect((await heard).unread).toBe(before.unread - 1);
    } finally {
      socket.close();
    }
    expect((await inbox(jlis, 'unread')).notifications.map((n) => n.id)).not.toContain(mine[0]!.id);

    expect((await jlis.post<{ unread: number }>('/api/notifications/read-all', {})).body.unread).toBe(0);
    expect((await inbox(jlis, 'unread')).notifications).toEqual([]);
    const again = await jlis.post<{ unread: number }>('/api/notifications/read', { ids: [mine[1]!.id], read: false });
    expect(again.body.unread).toBe(1);
    expect((await inbox(jlis, 'unread')).notifications.map((n) => n.id)).toEqual([mine[1]!.id]);
    // Someone else's notification is not theirs to mark.
    expect((await dev.post<{ unread: number }>('/api/notifications/read', { ids: [mine[2]!.id] })).status).toBe(200);
    expect((await inbox(jlis)).notifications.find((n) => n.id === mine[2]!.id)?.read).toBe(true);
  });

  it('marks a hundred read in one request (one update per outcome: a bulk of 100 statements froze the embedded engine)', async () => {
    const userId = idOf(devAdmin);
    const target = { type: 'account' as const, id: userId, title: '自分', number: null, seq: null };
    const at = new Date();
    const stored = [];
    for (let i = 0; i < 100; i++)
      stored.push(...(await storeNotifications([{ userId, kind: 'account.role', actor: null, target, detail: {}, at }])));
    const ids = stored.map((s) => s.record._id);
    const before = (await devAdmin.get<{ unread: number }>('/api/notifications/unread')).body.unread;
    const res = await devAdmin.post<{ unread: number }>('/api/notifications/read', { ids });
    expect(res.status).toBe(200);
    expect(res.body.unread).toBe(before - 100);
    const again = await devAdmin.post<{ unread: number }>('/api/notifications/read', { ids, read: false });
    expect(again.body.unread).toBe(before);
  });

  it('pages newest first without gaps or repeats', async () => {
    const { thread } = await startThread(dev, { title: 'ページング' });
    for (let i = 0; i < 7; i++) await postMessage(dev, thread.id, `${mentionToken('user', idOf(secretariat))} ${i}`);
    await settled();
    const seen: string[] = [];
    let next: number | null = null;
    do {
      const page: InboxPage = (await secretariat.get<InboxPage>(`/api/notifications?tab=mentions&limit=3${next ? `&before=${next}` : ''}`))
        .body;
      seen.push(...page.notifications.filter((n) => n.target.id === thread.id).map((n) => n.detail.excerpt ?? ''));
      next = page.next;
    } while (next);
    const name = me.get(secretariat)!.displayName;
    expect(seen).toEqual(['6', '5', '4', '3', '2', '1', '0'].map((i) => `@${name} ${i}`));
  });

  it('refuses bad input naming the field', async () => {
    expect((await dev.get<{ error: { field: string } }>('/api/notifications?tab=gossip')).body.error.field).toBe('query.tab');
    expect((await dev.get<{ error: { field: string } }>('/api/notifications?limit=1000')).body.error.field).toBe('query.limit');
    expect((await dev.post<{ error: { field: string } }>('/api/notifications/read', { ids: ['nope'] })).body.error.field).toBe(
      'body.ids.0',
    );
    expect((await dev.post<{ error: { field: string } }>('/api/notifications/read', { ids: [] })).body.error.field).toBe('body.ids');
  });
});

describe('settings', () => {
  it('respects a kind turned off, keeps mentions on, and validates', async () => {
    const res = await dev2.put<NotificationSettings>('/api/me/notification-settings', { deliveries: { 'thread.reply': 'off' } });
    expect(res.status).toBe(200);
    expect(res.body.deliveries['thread.reply']).toBe('off');
    expect(res.body.deliveries['thread.mention']).toBe('email');
    const { thread, message } = await startThread(dev2, { title: '返信を切った人' });
    await postMessage(dev, thread.id, '返信', message.id);
    expect(await told('thread.reply', thread.id)).toEqual([]);

    const off = await dev2.put<{ error: { field: string } }>('/api/me/notification-settings', { deliveries: { 'thread.mention': 'off' } });
    expect(off.status).toBe(400);
    expect(off.body.error.field).toBe('body.deliveries.thread.mention');
    const bad = await dev2.put<{ error: { field: string } }>('/api/me/notification-settings', { deliveries: { 'thread.reply': 'pigeon' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toMatch(/^body\.deliveries/);
    expect((await dev2.get<NotificationSettings>('/api/me/notification-settings')).body.deliveries['thread.reply']).toBe('off');
  });
});

describe('losing access', () => {
  it('a person whose organisation no longer reads development-only threads stops seeing what they were told of there', async () => {
    const { thread } = await startThread(dev, { title: '開発のみ・アクセス喪失', visibility: 'development' });
    await postMessage(dev, thread.id, `${mentionToken('user', idOf(dev2))} 確認ください`);
    await settled();
    expect(await about(dev2, 'thread.mention', thread.id)).toHaveLength(1);
    const orgId = me.get(dev2)!.organization.id;
    expect((await secretariat.patch(`/api/organizations/${orgId}`, { vendorType: 'support' })).status).toBe(200);
    try {
      expect(await about(dev2, 'thread.mention', thread.id)).toHaveLength(0);
    } finally {
      expect((await secretariat.patch(`/api/organizations/${orgId}`, { vendorType: 'development' })).status).toBe(200);
    }
    expect(await about(dev2, 'thread.mention', thread.id)).toHaveLength(1);
  });
});

describe('minutes and action items', () => {
  it('circulated minutes reach the presenters, published minutes the invited, an action item its organisation — and again once when due', async () => {
    const created = await secretariat.post<Meeting>('/api/meetings', {
      kind: 'plenary',
      title: '第6回 全体会議（通知）',
      startsAt: '2026-11-10T14:00:00+09:00',
      endsAt: '2026-11-10T16:00:00+09:00',
      agenda: [{ title: '議題', minutes: 30, presenterOrganizationId: me.get(dev)!.organization.id }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const m = created.body;
    for (const to of ['scheduled', 'live', 'ended'])
      expect((await secretariat.post(`/api/meetings/${m.id}/status`, { to })).status).toBe(200);
    // Due the day after tomorrow, Japan time.
    const due = new Date(Date.now() + 2 * 86_400_000 + 9 * 3_600_000).toISOString().slice(0, 10);
    const minutes = await secretariat.put(`/api/meetings/${m.id}/minutes`, {
      items: [
        {
          agendaItemId: m.agenda[0]!.id,
          summary: '議論した。',
          actionItems: [{ text: '移行計画を提出する', ownerOrganizationId: me.get(support)!.organization.id, dueDate: due }],
        },
      ],
    });
    expect(minutes.status, JSON.stringify(minutes.body)).toBe(200);
    expect((await secretariat.post(`/api/meetings/${m.id}/minutes/circulate`)).status).toBe(200);
    expect(names(await told('minutes.circulated', m.id))).toEqual(['dev-admin@demo.example', 'dev@demo.example']);
    expect((await secretariat.post(`/api/meetings/${m.id}/minutes/publish`)).status).toBe(200);
    expect(names(await told('minutes.published', m.id))).toEqual(names(everyone()));
    expect(names(await told('action.assigned', m.id))).toEqual(['support@demo.example']);
    expect((await about(support, 'action.assigned', m.id))[0]!.detail.excerpt).toBe('移行計画を提出する');

    // The app's own hourly job may have got there first: either way, it is told once.
    const jobs = meetingNotifications(server.council.notifier);
    await jobs.actionsDue();
    expect(names(await told('action.due', m.id))).toEqual(['support@demo.example']);
    // Told once: the next run finds it claimed.
    await jobs.actionsDue();
    await settled();
    expect(await about(support, 'action.due', m.id)).toHaveLength(1);
  });
});

describe('a new browser', () => {
  it('tells the person of a sign-in from a browser the account has not used, once', async () => {
    const firefox = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
    const signIn = async () => {
      const res = await server
        .client()
        .post('/api/auth/login', { email: 'jlis@demo.example', password: 'council-demo' }, { 'user-agent': firefox });
      expect(res.status).toBe(200);
    };
    await signIn();
    await signIn();
    await settled();
    const told = await about(jlis, 'account.newSignIn', idOf(jlis));
    expect(told).toHaveLength(1);
    expect(told[0]!.detail.browser).toMatch(/^Firefox on Windows/);
    expect(told[0]!.actor).toBeNull();
  });
});

describe('announcements', () => {
  it('an announcement to development vendors reaches exactly their members; a reminder only those not yet confirmed', async () => {
    const draft = await secretariat.post<{ id: string }>('/api/announcements', {
      title: '開発状況調査のお願い',
      body: '期限までにご回答ください。',
      importance: 'high',
      mustConfirm: true,
      audience: { kind: 'developmentVendors' },
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const id = draft.body.id;
    expect((await secretariat.post(`/api/announcements/${id}/publish`, {})).status).toBe(200);
    const developers = ['dev-admin@demo.example', 'dev2@demo.example', 'dev@demo.example'];
    expect(names(await told('announcement.published', id))).toEqual(developers);
    const [published] = await about(dev, 'announcement.published', id);
    expect(published).toMatchObject({ stream: 'announcements', detail: { importance: 'high' } });
    expect((await inbox(dev, 'announcements')).notifications.map((n) => n.target.id)).toContain(id);

    // 開発ベンダーA confirms as an organisation: only dev2's organisation is reminded.
    expect((await dev.post(`/api/announcements/${id}/confirm`, {})).status).toBeLessThan(300);
    expect((await secretariat.post(`/api/announcements/${id}/remind`, {})).status).toBeLessThan(300);
    expect(names(await told('announcement.reminder', id))).toEqual(['dev2@demo.example']);
    // A second reminder right after the first is refused: 2,000 people are not mailed twice in a minute.
    const again = await secretariat.post<{ error: { message: string } }>(`/api/announcements/${id}/remind`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/10 minutes/);

    // A correction that widens the audience tells the organisations it adds, and nobody twice.
    expect((await secretariat.patch(`/api/announcements/${id}`, { audience: { kind: 'vendors' } })).status).toBe(200);
    expect(names(await told('announcement.published', id))).toEqual([...developers, 'support@demo.example'].sort());
    expect(await about(dev, 'announcement.published', id)).toHaveLength(1);
  });
});

describe('e-mail', () => {
  it('a mention (e-mail by default) is mailed to the person, in Japanese, with a link to the message', async () => {
    const { thread } = await startThread(dev, { title: 'メールで届く' });
    const message = await postMessage(dev, thread.id, `${mentionToken('user', idOf(ministry))} 回答をお願いします`);
    const mail = await server.mail.waitFor((m) => m.text?.includes('回答をお願いします') === true);
    expect(mail.to && 'value' in mail.to ? mail.to.value[0]?.address : undefined).toBe('mhlw@demo.example');
    expect(mail.text).toContain(`/threads/${thread.id}?seq=${message.seq}`);
    expect(headerOf(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
  });
});

describe('the daily digest', () => {
  it('lists what is waiting for it and leaves out what was read in the inbox meanwhile', async () => {
    const raise = async (title: string) =>
      (
        await dev2.post<Issue>('/api/issues', {
          title,
          description: 'まとめの確認',
          businessAreas: ['national-health-insurance'],
          category: 'spec',
        })
      ).body;
    const [read, waiting] = [await raise('まとめ既読の課題'), await raise('まとめ未読の課題')];
    for (const issue of [read, waiting])
      expect((await secretariat.post(`/api/issues/${issue.id}/comments`, { body: '事務局からの質問です。' })).status).toBe(201);
    await settled();
    const [readOne] = await about(dev2, 'issue.comment', read.id);
    expect((await dev2.post('/api/notifications/read', { ids: [readOne!.id] })).status).toBe(200);

    await server.mail.outbox.digest(new Date());
    const digest = await server.mail.waitFor(
      (m) => (m.subject ?? '').includes('通知まとめ') && m.to != null && 'value' in m.to && m.to.value[0]?.address === 'dev2@demo.example',
    );
    expect(digest.text).toContain('まとめ未読の課題');
    expect(digest.text).not.toContain('まとめ既読の課題');
  });
});
