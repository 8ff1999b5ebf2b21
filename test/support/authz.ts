/**
 * The people and fixtures of the black-box authorisation matrix (test/authz-matrix.test.ts): every
 * kind of person the council has, signed in through the real API, and the things they act on,
 * created through the real API too.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../shared/domain';
import { withCheckDigit } from '../../shared/corporateNumber';
import type { Issue, IssueComment } from '../../shared/schemas/issues';
import type { Meeting, Question } from '../../shared/schemas/meetings';
import type { Announcement } from '../../shared/schemas/announcements';
import type { Attachment, Message, Thread } from '../../shared/schemas/threads';
import { ApiClient } from './client';
import { newClientId, ok, openSocket, startThread } from './forum';
import type { Me, Organization, OrganizationList, User } from './json';
import type { TestServer } from './server';

export const PERSONA_KEYS = [
  'vendorMember',
  'vendorAdmin',
  'supportVendor',
  'otherDevelopmentVendor',
  'secretariat',
  'ministryRouted',
  'ministryNotRouted',
  'bodyObserver',
  'deactivated',
  'anonymous',
] as const;
export type PersonaKey = (typeof PERSONA_KEYS)[number];

export interface Persona {
  key: PersonaKey;
  client: ApiClient;
  /** As the permission rules see them (`active: false` once deactivated); none when anonymous. */
  actor?: Actor;
  email?: string;
  password?: string;
}

/**
 * A one-pixel PNG (written by sharp): an upload the content check accepts, and an image a thumbnail
 * can be made of. (The hand-written one it replaces had wrong checksums: libpng refuses it.)
 */
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489' +
    '0000000970485973000003e8000003e801b57b526b' +
    '0000000d4944415408996360103ff81f0002cb01d8028fcc8e0000000049454e44ae426082',
  'hex',
);

const unique = () => randomUUID().replace(/-/g, '').slice(0, 10);
let corporateSeq = Math.floor(Math.random() * 1e6);
export const corporateNumber = () => withCheckDigit(`9${String(++corporateSeq).padStart(11, '0')}`);

function actorOf(me: Me): Actor {
  const o = me.organization as Organization & { vendorType?: 'development' | 'support' | null; observerKind?: 'ministry' | 'body' | null };
  return {
    id: me.id,
    role: me.role,
    active: me.active,
    organization: { id: o.id, key: o.key, kind: o.kind, vendorType: o.vendorType ?? null, observerKind: o.observerKind ?? null },
  };
}

function expectStatus<T>(res: { status: number; body: T }, status: number, what: string): T {
  if (res.status !== status) throw new Error(`fixture ${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function signInPersona(server: TestServer, key: PersonaKey, email: string, password = 'council-demo'): Promise<Persona> {
  const client = await server.signIn(email, password);
  const me = expectStatus(await client.get<Me>('/api/me'), 200, `me of ${email}`);
  return { key, client, actor: actorOf(me), email, password };
}

/** A new account created by the secretariat; its temporary password is returned. */
export async function createAccount(
  secretariat: ApiClient,
  organizationId: string,
  role: 'member' | 'orgAdmin' | 'secretariat' = 'member',
) {
  const email = `matrix-${unique()}@example.jp`;
  const res = await secretariat.post<{ user: User; temporaryPassword: string }>(`/api/organizations/${organizationId}/users`, {
    email,
    displayName: `行列 ${unique()}`,
    role,
  });
  const body = expectStatus(res, 201, `account in ${organizationId}`);
  return { email, password: body.temporaryPassword, user: body.user };
}

/** The demo accounts that stand for each kind of person (the seed's; 厚生労働省 is where the fixtures' issues are routed). */
export const DEMO_PERSONAS: ReadonlyArray<readonly [PersonaKey, string]> = [
  ['vendorMember', 'dev@demo.example'],
  ['vendorAdmin', 'dev-admin@demo.example'],
  ['supportVendor', 'support@demo.example'],
  ['otherDevelopmentVendor', 'dev2@demo.example'],
  ['secretariat', 'secretariat@demo.example'],
  ['ministryRouted', 'mhlw@demo.example'],
  ['bodyObserver', 'jlis@demo.example'],
];

export type Fixtures = Awaited<ReturnType<typeof createFixtures>>;

/** Everything the matrix acts on, and the people who act. */
export async function createFixtures(server: TestServer) {
  const personas = {} as Record<PersonaKey, Persona>;
  for (const [key, email] of DEMO_PERSONAS) personas[key] = await signInPersona(server, key, email);
  const secretariat = personas.secretariat.client;
  const dev = personas.vendorMember.client;
  const orgs = expectStatus(await secretariat.get<OrganizationList>('/api/organizations'), 200, 'organisations').organizations;
  const orgByKey = (key: string) => orgs.find((o) => o.key === key)!;
  const devOrgId = personas.vendorMember.actor!.organization.id;

  // 総務省: a ministry the register issue below is not routed to.
  const mic = await createAccount(secretariat, orgByKey('mic').id);
  personas.ministryNotRouted = await signInPersona(server, 'ministryNotRouted', mic.email, mic.password);
  // Deactivated through the secretariat's account API; the old session cookie is kept.
  const leaver = await createAccount(secretariat, devOrgId);
  const deactivated = await signInPersona(server, 'deactivated', leaver.email, leaver.password);
  expectStatus(await secretariat.post(`/api/users/${leaver.user.id}/deactivate`), 200, 'deactivation');
  personas.deactivated = { ...deactivated, actor: { ...deactivated.actor!, active: false } };
  personas.anonymous = { key: 'anonymous', client: server.client() };

  // Accounts and an organisation the account routes act on. The one to reactivate was deactivated by
  // its own organisation: the secretariat's deactivation is a hold only the secretariat lifts
  // (test/security-accounts.test.ts).
  const target = (await createAccount(secretariat, devOrgId)).user;
  const deactivatedByOrganization = (await createAccount(secretariat, devOrgId)).user;
  expectStatus(
    await personas.vendorAdmin.client.post(`/api/users/${deactivatedByOrganization.id}/deactivate`),
    200,
    'deactivation by the organisation',
  );
  const organization = expectStatus(
    await secretariat.post<Organization>('/api/organizations', {
      kind: 'vendor',
      key: `matrix-${unique()}`,
      vendorType: 'support',
      corporateNumber: corporateNumber(),
      nameJa: '行列検証株式会社',
      nameEn: 'Matrix Check K.K.',
    }),
    201,
    'organisation',
  );

  // Threads of each visibility, started by the development vendor member, with a unique word to search for.
  const word = `行列${unique()}`;
  const threads = {} as Record<'council' | 'vendors' | 'development', Thread>;
  const openings = {} as Record<'council' | 'vendors' | 'development', Message>;
  for (const visibility of ['council', 'vendors', 'development'] as const) {
    const { thread, message } = await startThread(dev, { visibility, title: `${word} ${visibility}`, body: `${word} 本文` });
    threads[visibility] = thread;
    openings[visibility] = message;
  }
  const upload = expectStatus(await dev.upload<Attachment>('/api/attachments?name=figure.png', PNG, 'image/png'), 201, 'upload');
  const withAttachment = expectStatus(
    await dev.post<{ message: Message }>(`/api/threads/${threads.development.id}/messages`, {
      clientId: newClientId(),
      body: '図を添付します',
      attachmentIds: [upload.id],
    }),
    201,
    'message with attachment',
  ).message;
  const unposted = expectStatus(await dev.upload<Attachment>('/api/attachments?name=draft.png', PNG, 'image/png'), 201, 'unposted upload');

  // Register issues routed to 厚生労働省 (国民健康保険), raised by the vendor member.
  const raiseIssue = async (title = `${word} 課題`) =>
    expectStatus(
      await dev.post<Issue>('/api/issues', {
        title,
        description: '標準仕様の解釈について',
        businessAreas: ['national-health-insurance'],
        category: 'spec',
      }),
      201,
      'issue',
    );
  const issue = await raiseIssue();
  const answeredIssue = await raiseIssue();
  const answer = expectStatus(
    await personas.ministryRouted.client.post<IssueComment>(`/api/issues/${answeredIssue.id}/answers`, { body: '厚生労働省の回答です' }),
    201,
    'answer',
  );
  expectStatus(await dev.post(`/api/issues/${issue.id}/links`, { kind: 'thread', id: threads.council.id }), 200, 'link');

  // Meetings in each state the routes need.
  const createMeeting = async (kind: 'plenary' | 'consultation' = 'plenary', agenda: unknown[] = []) =>
    expectStatus(
      await secretariat.post<Meeting>('/api/meetings', {
        kind,
        title: `${word} 会議`,
        startsAt: '2026-12-10T14:00:00+09:00',
        endsAt: '2026-12-10T16:00:00+09:00',
        agenda,
      }),
      201,
      'meeting',
    );
  const move = async (m: Meeting, ...to: string[]) => {
    for (const status of to)
      expectStatus(await secretariat.post(`/api/meetings/${m.id}/status`, { to: status }), 200, `meeting → ${status}`);
    return m;
  };
  /** An ended meeting whose agenda item the vendor member's organisation presents, with draft minutes. */
  const endedWithMinutes = async (circulate = false) => {
    const m = await createMeeting('plenary', [{ title: '議題', minutes: 30, presenterOrganizationId: devOrgId, issueIds: [issue.id] }]);
    await move(m, 'scheduled', 'live', 'ended');
    const agendaItemId = (await secretariat.get<Meeting>(`/api/meetings/${m.id}`)).body.agenda[0]!.id;
    expectStatus(
      await secretariat.put(`/api/meetings/${m.id}/minutes`, {
        items: [{ agendaItemId, summary: '要旨', decisions: [{ text: '継続検討', issueId: issue.id }] }],
      }),
      200,
      'minutes',
    );
    if (circulate) expectStatus(await secretariat.post(`/api/meetings/${m.id}/minutes/circulate`), 200, 'circulate');
    return m;
  };
  const plenary = await move(await createMeeting('plenary'), 'scheduled');
  const consultation = await move(await createMeeting('consultation'), 'scheduled');
  const draft = await createMeeting('plenary');
  const livePlenary = await move(await createMeeting('plenary', [{ title: '議題', minutes: 30 }]), 'scheduled', 'live');
  const liveConsultation = await move(await createMeeting('consultation'), 'scheduled', 'live');
  const ended = await endedWithMinutes(false);
  const circulated = await endedWithMinutes(true);
  const published = await endedWithMinutes(false);
  expectStatus(await secretariat.post(`/api/meetings/${published.id}/minutes/publish`), 200, 'publish');
  const secretariatUpload = async () =>
    expectStatus(await secretariat.upload<Attachment>('/api/attachments?name=material.png', PNG, 'image/png'), 201, 'material upload');
  // お知らせ: one for the development vendors that asks each organisation to confirm, and a draft; the fixtures carry a file each.
  const announce = async (publish: boolean, attachmentIds: string[] = []) => {
    const a = expectStatus(
      await secretariat.post<Announcement>('/api/announcements', {
        title: `${word} お知らせ`,
        body: '各社で確認してください。',
        mustConfirm: true,
        audience: { kind: 'developmentVendors' },
        attachmentIds,
      }),
      201,
      'announcement',
    );
    if (publish) expectStatus(await secretariat.post(`/api/announcements/${a.id}/publish`), 200, 'publish announcement');
    return a;
  };
  const announcements = {
    developmentVendors: await announce(true, [(await secretariatUpload()).id]),
    draft: await announce(false, [(await secretariatUpload()).id]),
  };
  const material = async () => {
    const a = await secretariatUpload();
    expectStatus(await secretariat.post(`/api/meetings/${plenary.id}/materials`, { attachmentId: a.id }), 200, 'material');
    return a;
  };

  // Questions in the live plenary, asked over the vendor member's socket.
  const asker = await openSocket(dev);
  await ok(asker, 'meeting.join', { meetingId: livePlenary.id });
  const question = (await ok(asker, 'meeting.question', { meetingId: livePlenary.id, clientId: newClientId(), body: '質問です' }))
    .question as Question;
  const managedQuestion = (
    await ok(asker, 'meeting.question', { meetingId: livePlenary.id, clientId: newClientId(), body: '進行用の質問' })
  ).question as Question;
  asker.close();

  return {
    personas,
    devOrgId,
    target,
    deactivatedByOrganization,
    organization,
    word,
    threads,
    openings,
    attachment: upload,
    withAttachment,
    unposted,
    issue,
    answeredIssue,
    answer,
    meetings: { plenary, consultation, draft, livePlenary, liveConsultation, ended, circulated, published },
    announcements,
    question,
    managedQuestion,
    /** Fresh things for a cell that changes what it acts on. */
    fresh: {
      message: async (visibility: 'council' | 'development' = 'development') =>
        expectStatus(
          await dev.post<{ message: Message }>(`/api/threads/${threads[visibility].id}/messages`, {
            clientId: newClientId(),
            body: '消される投稿',
          }),
          201,
          'message',
        ).message,
      hiddenMessage: async () => {
        const m = expectStatus(
          await dev.post<{ message: Message }>(`/api/threads/${threads.council.id}/messages`, {
            clientId: newClientId(),
            body: '隠される投稿',
          }),
          201,
          'message',
        ).message;
        expectStatus(await secretariat.post(`/api/messages/${m.id}/hide`, { reason: '確認のため' }), 200, 'hide');
        return m;
      },
      issue: raiseIssue,
      draftMeeting: () => createMeeting('plenary'),
      endedWithMinutes: () => endedWithMinutes(false),
      upload: secretariatUpload,
      material,
      calendarUrl: async () =>
        new URL(expectStatus(await secretariat.post<{ url: string }>('/api/me/calendar-token'), 201, 'calendar token').url).pathname,
      announcementDraft: () => announce(false),
      publishedAnnouncement: () => announce(true),
    },
  };
}
