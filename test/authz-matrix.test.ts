/**
 * The black-box authorisation matrix: for every REST route in the route table and every socket
 * event in SOCKET_EVENT_SCHEMAS, every kind of person sends a valid request against real fixtures
 * and gets exactly the outcome the permission rules (shared/permissions.ts `decide`) and the
 * documented design say. A route or event without an entry below fails the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide, type Action, type PermissionContext } from '../shared/permissions';
import { secondFactorRequired } from '../shared/signIn';
import { isInvited } from '../shared/meetings/rules';
import { SOCKET_EVENT_SCHEMAS, type SocketEventName } from '../shared/socketEvents';
import { READ_ACTION, readableVisibilities, VISIBILITIES, type Visibility } from '../shared/threads/rules';
import type { EverythingPage } from '../shared/schemas/search';
import type { Meeting } from '../shared/schemas/meetings';
import type { Thread } from '../shared/schemas/threads';
import { connected, type ApiClient, type ApiResponse, type CouncilClientSocket } from './support/client';
import { ack, newClientId, ok } from './support/forum';
import {
  corporateNumber,
  createAccount,
  createFixtures,
  PERSONA_KEYS,
  PNG,
  signInPersona,
  type Fixtures,
  type Persona,
  type PersonaKey,
} from './support/authz';
import { register as registerPasskey } from './support/softAuthenticator';
import { startTestServer, type TestServer } from './support/server';
import { signUnsubscribeToken, unsubscribeKey } from '../server/mail/unsubscribe';
import { BUSINESS_AREAS } from '../shared/reference/council';
import type { Report, RoundList } from '../shared/schemas/statusReports';
import { createStatusFixtures, type StatusFixtures } from './support/statusFixtures';

/**
 * What a cell must come to: allowed (any 2xx / an ok ack), or the refusal's status. 400 is let
 * through the rules to a check of the input's content (a wrong second-factor code).
 */
type Outcome = 'ok' | 400 | 401 | 403 | 404 | 409;
const ACK_CODES: Record<Exclude<Outcome, 'ok'>, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
};

interface Cell {
  path: string;
  body?: unknown;
  /** Raw bytes (an upload). */
  upload?: Buffer;
  /** Send with another client (a fresh session) instead of the person's own. */
  client?: ApiClient;
}

interface RouteEntry {
  /** The rule that governs the route, as a reader would look it up. */
  rule: string;
  /** What it is called on. */
  fixture: string;
  expect(p: Persona, fx: Fixtures): Outcome;
  request(fx: Fixtures, p: Persona, willSucceed: boolean): Cell | Promise<Cell>;
  /** More than the status: what came back must not show anything the person may not see. */
  check?(res: ApiResponse, p: Persona, fx: Fixtures): void;
}

let server: TestServer;
let fx: Fixtures;
const tally = { rest: 0, socket: 0, handshakes: 0 };
const started = Date.now();

beforeAll(async () => {
  server = await startTestServer({ SOCKET_EVENTS_PER_10S: '100000' });
  fx = await createFixtures(server);
}, 120_000);

afterAll(async () => {
  sockets.forEach((s) => s.close());
  console.log(
    `[authz-matrix] ${tally.rest + tally.socket} matrix cells checked: ${tally.rest} REST (route × person × fixture), ${tally.socket} socket (event × person × fixture, ${tally.handshakes} of them refused handshakes) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  await server?.close();
});

// ————— the rules, as expectations —————

const signedIn = (p: Persona) => p.actor !== undefined && p.actor.active;
/** The rule's answer: allowed, or 403 with its reason. */
const by =
  (action: Action, context: PermissionContext = {}) =>
  (p: Persona): Outcome =>
    decide(p.actor!, action, context).allowed ? 'ok' : 403;
const allows = (p: Persona, action: Action, context: PermissionContext = {}) => decide(p.actor!, action, context).allowed;
const canRead = (p: Persona, visibility: Visibility) => allows(p, READ_ACTION[visibility]);
const everyone = (): Outcome => 'ok';
/** The demo accounts seeded with the demo authenticator secret. */
const enrolled = (p: Persona) => p.key === 'secretariat' || p.key === 'vendorAdmin';
const isAuthor = (p: Persona) => p.key === 'vendorMember'; // the fixtures' threads, messages and issues are the vendor member's
const inDevOrg = (p: Persona, fx: Fixtures) => p.actor!.organization.id === fx.devOrgId;
const invited = (p: Persona, m: Meeting) => isInvited({ kind: m.kind, extraInvitees: [] }, p.actor!.organization);
/** Reading a thread: 403 with the reason when its visibility is not the person's (docs/THREADS.md). */
const readOr403 =
  (visibility: Visibility, then: (p: Persona) => Outcome = everyone) =>
  (p: Persona) =>
    canRead(p, visibility) ? then(p) : 403;
/** Posting into a thread: read access and the right to post. */
const postIn = (visibility: Visibility) => readOr403(visibility, by('message.post'));
const speak =
  (m: () => Meeting) =>
  (p: Persona): Outcome =>
    invited(p, m()) && allows(p, 'meeting.speak', { hasFloor: false }) ? 'ok' : 403;

/** Reading the development vendors' announcement: announcement.publish, or a development vendor; else not found. */
const readsDevelopmentVendorsAnnouncement = (p: Persona): Outcome => {
  const o = p.actor!.organization;
  return allows(p, 'announcement.publish') || (o.kind === 'vendor' && o.vendorType === 'development') ? 'ok' : 404;
};
/** Reading a draft announcement: announcement.publish; else not found. */
const readsDraftAnnouncement = (p: Persona): Outcome => (allows(p, 'announcement.publish') ? 'ok' : 404);
/** The file on a fixture announcement. */
const fileOn = (a: { attachments: Array<{ id: string }> }) => a.attachments[0]!.id;

/** A saved view of the person's own to act on (made through the API), or a well-formed id when the request will be refused. */
async function ownSavedView(p: Persona, willSucceed: boolean): Promise<string> {
  if (!willSucceed) return encodeURIComponent(`${'0'.repeat(24)}:0`);
  const res = await p.client.post<{ id: string }>('/api/register-views', { name: `行列 ${newClientId()}`, query: '' });
  expect(res.status, `saving a view as ${p.key}`).toBe(201);
  return encodeURIComponent(res.body.id);
}

/** One material of the scheduled plenary for every cell that reads one (made at the first). */
let plenaryMaterialOnce: ReturnType<Fixtures['fresh']['material']> | undefined;
const plenaryMaterial = (fx: Fixtures) => (plenaryMaterialOnce ??= fx.fresh.material());

const VARIANTS = ['council', 'development'] as const;
const perVisibility = (make: (v: Visibility) => RouteEntry, visibilities: readonly Visibility[] = VARIANTS) => visibilities.map(make);

/** The minutes archive lists the published minutes and no meeting whose minutes are not published. */
function onlyPublishedMinutes(res: ApiResponse, p: Persona, fx: Fixtures) {
  const listed = (res.body as { minutes: Array<{ meetingId: string }> }).minutes.map((m) => m.meetingId);
  expect(listed, `${p.key} finds the published minutes`).toContain(fx.meetings.published.id);
  for (const m of [fx.meetings.ended, fx.meetings.circulated, fx.meetings.draft])
    expect(listed, `${p.key} finds unpublished minutes`).not.toContain(m.id);
}

/** An unsubscribe link's token, as the vendor member's reply e-mails carry it. */
const unsubscribeTokenOf = (fx: Fixtures) =>
  signUnsubscribeToken(unsubscribeKey(server.sessionSecret), fx.personas.vendorMember.actor!.id, 'thread.reply');

/** 開発状況報告's rounds and reports (test/support/statusFixtures.ts), made at the first cell that needs them. */
let statusOnce: Promise<StatusFixtures> | undefined;
let statusMade: StatusFixtures | undefined;
const statusFx = (fx: Fixtures) => (statusOnce ??= createStatusFixtures(fx).then((made) => (statusMade = made)));
/**
 * Reading the development vendor's report (docs/STATUS_REPORTS.md): its own organisation and the
 * secretariat (status.readFigures with the organisation), a ministry for the areas it oversees (it
 * oversees one of them); anyone else is told it is not found.
 */
const readsDevReport = (p: Persona, fx: Fixtures): Outcome =>
  allows(p, 'status.readFigures', { targetOrganizationId: fx.devOrgId }) ||
  BUSINESS_AREAS.some((a) => allows(p, 'status.readFigures', { areaMinistry: a.ministry }))
    ? 'ok'
    : 404;
/** Readable, then `action` with the organisation (a reader who may not is refused 403 with the reason). */
const readsDevReportThen =
  (action: Action, context: (fx: Fixtures) => PermissionContext = () => ({})) =>
  (p: Persona, fx: Fixtures): Outcome =>
    readsDevReport(p, fx) === 404 ? 404 : by(action, context(fx))(p);
/** What a ministry reads of the report: the areas it oversees, and no comment. */
function onlyOverseenAreas(res: ApiResponse, p: Persona, fx: Fixtures) {
  if (allows(p, 'status.readFigures', { targetOrganizationId: fx.devOrgId })) return;
  const body = res.body as Pick<Report, 'areas' | 'comment'> & { versions?: Array<{ areas: Report['areas']; comment: string | null }> };
  const shown = [...(body.areas ?? []), ...(body.versions ?? []).flatMap((v) => v.areas)];
  const ministry = (area: string) => BUSINESS_AREAS.find((a) => a.key === area)!.ministry;
  for (const a of shown) expect(ministry(a.area), `${p.key} sees ${a.area}`).toBe(p.actor!.organization.key);
  expect(shown.length, `${p.key} sees the area it oversees`).toBeGreaterThan(0);
  expect(body.comment ?? null, `${p.key} sees the comment`).toBeNull();
  for (const v of body.versions ?? []) expect(v.comment, `${p.key} sees a version's comment`).toBeNull();
}

// ————— REST: one entry (or one per fixture) per route of the table —————

const ROUTES: Record<string, RouteEntry | RouteEntry[]> = {
  'GET /health': { rule: 'public', fixture: '—', expect: everyone, request: () => ({ path: '/api/health' }) },
  'GET /health/node': { rule: 'public', fixture: '—', expect: everyone, request: () => ({ path: '/api/health/node' }) },
  'GET /business-areas': { rule: 'signed in', fixture: '—', expect: everyone, request: () => ({ path: '/api/business-areas' }) },
  'POST /auth/login': {
    rule: 'public; a deactivated account cannot sign in',
    fixture: "the person's own credentials, from a fresh client (anonymous: the vendor member's)",
    expect: (p) => (p.key === 'deactivated' ? 401 : 'ok'),
    request: (fx, p) => {
      const who = p.email ? p : fx.personas.vendorMember;
      return { path: '/api/auth/login', body: { email: who.email, password: who.password }, client: server.client() };
    },
  },
  'POST /auth/logout': {
    rule: 'public',
    fixture: 'a second session of the person (theirs is kept for the other cells)',
    expect: everyone,
    request: async (_fx, p) => ({ path: '/api/auth/logout', client: signedIn(p) ? await server.signIn(p.email!, p.password) : p.client }),
  },
  'GET /me': { rule: 'signed in', fixture: '—', expect: everyone, request: () => ({ path: '/api/me' }) },
  'POST /me/password': {
    rule: 'signed in (own password); changed back right after',
    fixture: "the person's own account",
    expect: everyone,
    request: (_fx, p) => ({
      path: '/api/me/password',
      body: { currentPassword: p.password ?? 'council-demo', newPassword: `${p.password ?? 'council-demo'}-changed` },
    }),
  },
  'POST /auth/login/second-factor': {
    rule: 'public; only after a right password in the same session',
    fixture: 'a fresh client that has not given a password',
    expect: () => 401,
    request: () => ({ path: '/api/auth/login/second-factor', body: { code: '123456' }, client: server.client() }),
  },
  'GET /me/mfa': { rule: 'signed in (own second factor)', fixture: '—', expect: everyone, request: () => ({ path: '/api/me/mfa' }) },
  'POST /me/mfa/totp/setup': {
    rule: 'signed in (own second factor); 409 once an app is set up',
    fixture: 'the demo secretariat and org admin are enrolled, the others not',
    expect: (p) => (enrolled(p) ? 409 : 'ok'),
    request: () => ({ path: '/api/me/mfa/totp/setup' }),
  },
  'POST /me/mfa/totp/enable': {
    rule: 'signed in (own second factor); 409 once an app is set up, else the code is checked',
    fixture: 'a wrong code, after a set-up of their own',
    expect: (p) => (enrolled(p) ? 409 : 400),
    request: async (_fx, p) => {
      if (signedIn(p) && !enrolled(p)) await p.client.post('/api/me/mfa/totp/setup');
      return { path: '/api/me/mfa/totp/enable', body: { code: '000000' } };
    },
  },
  'POST /me/mfa/totp/disable': {
    rule: 'signed in; refused (403) where the role requires a second factor; 409 without one',
    fixture: 'a wrong code',
    expect: (p) => (secondFactorRequired(p.actor!) ? 403 : 409),
    request: () => ({ path: '/api/me/mfa/totp/disable', body: { code: '000000' } }),
  },
  'POST /me/mfa/recovery-codes': {
    rule: 'signed in with an app set up (409 without), then the code is checked',
    fixture: 'a wrong code',
    expect: (p) => (enrolled(p) ? 400 : 409),
    request: () => ({ path: '/api/me/mfa/recovery-codes', body: { code: '000000' } }),
  },
  'POST /users/:id/mfa/reset': {
    rule: 'account.resetSecondFactor',
    fixture: "an account in the vendor member's organisation",
    expect: by('account.resetSecondFactor'),
    request: (fx) => ({ path: `/api/users/${fx.target.id}/mfa/reset` }),
  },
  'GET /me/passkeys': {
    rule: 'signed in (own passkeys; open while enrolling)',
    fixture: '—',
    expect: everyone,
    request: () => ({ path: '/api/me/passkeys' }),
  },
  'POST /me/passkeys/options': {
    rule: 'signed in (own passkeys; open while enrolling)',
    fixture: '—',
    expect: everyone,
    request: () => ({ path: '/api/me/passkeys/options' }),
  },
  'POST /me/passkeys': {
    rule: 'signed in (own passkeys); then the answer is checked against the challenge',
    fixture: 'an answer to another challenge, after options of their own',
    expect: () => 400,
    request: async (_fx, p) => {
      if (signedIn(p)) await p.client.post('/api/me/passkeys/options');
      return {
        path: '/api/me/passkeys',
        body: { name: '行列', response: registerPasskey({ challenge: 'b3RoZXI' }, server.baseUrl).response },
      };
    },
  },
  'DELETE /me/passkeys/:id': {
    rule: "signed in; only one's own passkeys (another's is not found)",
    fixture: 'a credential id nobody has',
    expect: () => 404,
    request: () => ({ path: '/api/me/passkeys/bm8tc3VjaC1wYXNza2V5' }),
  },
  'POST /auth/login/passkey/options': {
    rule: 'public (sign-in options for any passkey of the site)',
    fixture: 'a fresh client',
    expect: everyone,
    request: () => ({ path: '/api/auth/login/passkey/options', client: server.client() }),
  },
  'POST /auth/login/passkey': {
    rule: 'public; only after options in the same session',
    fixture: 'a fresh client that has asked for no options',
    expect: () => 409,
    request: () => ({
      path: '/api/auth/login/passkey',
      body: {
        response: {
          id: 'AAAA',
          rawId: 'AAAA',
          type: 'public-key',
          response: { clientDataJSON: 'AAAA', authenticatorData: 'AAAA', signature: 'AAAA' },
        },
      },
      client: server.client(),
    }),
  },
  'GET /organizations': { rule: 'signed in', fixture: '—', expect: everyone, request: () => ({ path: '/api/organizations' }) },
  'GET /organizations/:id': {
    rule: 'signed in',
    fixture: 'a vendor organisation',
    expect: everyone,
    request: (fx) => ({ path: `/api/organizations/${fx.organization.id}` }),
  },
  'POST /organizations': {
    rule: 'organization.manage',
    fixture: 'a new support vendor',
    expect: by('organization.manage'),
    request: () => ({
      path: '/api/organizations',
      body: {
        kind: 'vendor',
        key: `matrix-${newClientId().slice(0, 8)}`,
        vendorType: 'support',
        corporateNumber: corporateNumber(),
        nameJa: '新規',
        nameEn: 'New',
      },
    }),
  },
  'PATCH /organizations/:id': {
    rule: 'organization.manage',
    fixture: 'a vendor organisation (same name again)',
    expect: by('organization.manage'),
    request: (fx) => ({ path: `/api/organizations/${fx.organization.id}`, body: { nameEn: 'Matrix Check K.K.' } }),
  },
  'GET /organizations/:id/users': {
    rule: 'account.manage { targetOrganizationId }',
    fixture: "the vendor member's organisation",
    expect: (p, fx) => by('account.manage', { targetOrganizationId: fx.devOrgId })(p),
    request: (fx) => ({ path: `/api/organizations/${fx.devOrgId}/users` }),
  },
  'POST /organizations/:id/users': {
    rule: 'account.manage { targetOrganizationId }',
    fixture: "the vendor member's organisation",
    expect: (p, fx) => by('account.manage', { targetOrganizationId: fx.devOrgId })(p),
    request: (fx) => ({
      path: `/api/organizations/${fx.devOrgId}/users`,
      body: { email: `new-${newClientId().slice(0, 8)}@demo.example`, displayName: '新規 利用者' },
    }),
  },
  'PATCH /users/:id': {
    rule: "account.manage { the account's organisation }",
    fixture: "an account in the vendor member's organisation",
    expect: (p, fx) => by('account.manage', { targetOrganizationId: fx.devOrgId })(p),
    request: (fx) => ({ path: `/api/users/${fx.target.id}`, body: { displayName: fx.target.displayName } }),
  },
  'POST /users/:id/deactivate': {
    rule: "account.manage { the account's organisation }",
    fixture: "an account in the vendor member's organisation",
    expect: (p, fx) => by('account.manage', { targetOrganizationId: fx.devOrgId })(p),
    request: (fx) => ({ path: `/api/users/${fx.target.id}/deactivate` }),
  },
  'POST /users/:id/reactivate': {
    rule: "account.manage { the account's organisation }",
    fixture: "an account in the vendor member's organisation that the organisation deactivated",
    expect: (p, fx) => by('account.manage', { targetOrganizationId: fx.devOrgId })(p),
    request: (fx) => ({ path: `/api/users/${fx.deactivatedByOrganization.id}/reactivate` }),
  },

  // Threads (docs/THREADS.md): unreadable → 403 with the reason.
  'GET /threads': {
    rule: 'signed in; filtered to readable visibilities',
    fixture: '—',
    expect: everyone,
    request: () => ({ path: '/api/threads?limit=100' }),
    check: (res, p) =>
      expectOnlyReadable(
        p,
        (res.body as { threads: Thread[] }).threads.map((t) => t.visibility),
        'GET /threads',
      ),
  },
  'POST /threads': {
    rule: 'thread.create, and read access to the visibility',
    fixture: 'a new council thread',
    expect: (p) => (allows(p, 'thread.create') && canRead(p, 'council') ? 'ok' : 403),
    request: () => ({
      path: '/api/threads',
      body: { clientId: newClientId(), title: '新しいスレッド', body: '本文', visibility: 'council' },
    }),
  },
  'GET /threads/unread': {
    rule: 'signed in; readable threads only',
    fixture: '—',
    expect: everyone,
    request: () => ({ path: '/api/threads/unread' }),
    check: (res, p, fx) => {
      const ids = new Set((res.body as { threads: Array<{ id: string }> }).threads.map((t) => t.id));
      for (const v of ['council', 'vendors', 'development'] as const)
        expect(ids.has(fx.threads[v].id), `unread of ${p.key} lists the ${v} thread`).toBe(canRead(p, v));
    },
  },
  'GET /threads/:id': perVisibility(
    (v) => ({
      rule: READ_ACTION[v],
      fixture: `the ${v} thread`,
      expect: readOr403(v),
      request: (fx) => ({ path: `/api/threads/${fx.threads[v].id}` }),
    }),
    ['council', 'vendors', 'development'],
  ),
  'PATCH /threads/:id': perVisibility((v) => ({
    rule: `${READ_ACTION[v]}, then the creator (thread.create) or moderate`,
    fixture: `the ${v} thread, resolved mark unchanged`,
    expect: readOr403(v, (p) => ((isAuthor(p) && allows(p, 'thread.create')) || allows(p, 'moderate') ? 'ok' : 403)),
    request: (fx) => ({ path: `/api/threads/${fx.threads[v].id}`, body: { resolved: false } }),
  })),
  'GET /threads/:id/messages': perVisibility(
    (v) => ({
      rule: READ_ACTION[v],
      fixture: `the ${v} thread`,
      expect: readOr403(v),
      request: (fx) => ({ path: `/api/threads/${fx.threads[v].id}/messages` }),
    }),
    ['council', 'vendors', 'development'],
  ),
  'POST /threads/:id/messages': perVisibility((v) => ({
    rule: `${READ_ACTION[v]} and message.post`,
    fixture: `the ${v} thread`,
    expect: postIn(v),
    request: (fx) => ({ path: `/api/threads/${fx.threads[v].id}/messages`, body: { clientId: newClientId(), body: '投稿' } }),
  })),
  'GET /threads/:id/moderation': {
    rule: 'moderate',
    fixture: 'the development thread',
    expect: by('moderate'),
    request: (fx) => ({ path: `/api/threads/${fx.threads.development.id}/moderation` }),
  },
  'POST /threads/:id/read': perVisibility((v) => ({
    rule: READ_ACTION[v],
    fixture: `the ${v} thread`,
    expect: readOr403(v),
    request: (fx) => ({ path: `/api/threads/${fx.threads[v].id}/read`, body: { seq: 1 } }),
  })),
  'PUT /threads/:id/subscription': perVisibility(
    (v) => ({
      rule: READ_ACTION[v],
      fixture: `the ${v} thread, followed`,
      expect: readOr403(v),
      request: (fx) => ({ path: `/api/threads/${fx.threads[v].id}/subscription`, body: { state: 'following' } }),
    }),
    ['council', 'vendors', 'development'],
  ),
  'GET /threads/:id/issues': perVisibility((v) => ({
    rule: READ_ACTION[v],
    fixture: `the ${v} thread`,
    expect: readOr403(v),
    request: (fx) => ({ path: `/api/threads/${fx.threads[v].id}/issues` }),
  })),
  'GET /messages/:id/replies': perVisibility((v) => ({
    rule: READ_ACTION[v],
    fixture: `the ${v} thread's opening post`,
    expect: readOr403(v),
    request: (fx) => ({ path: `/api/messages/${fx.openings[v].id}/replies` }),
  })),
  'PATCH /messages/:id': perVisibility((v) => ({
    rule: `${READ_ACTION[v]}, the author, message.editOwn`,
    fixture: `the vendor member's post in the ${v} thread (same text)`,
    expect: readOr403(v, (p) => (isAuthor(p) && allows(p, 'message.editOwn') ? 'ok' : 403)),
    request: (fx) => ({ path: `/api/messages/${fx.openings[v].id}`, body: { body: `${fx.word} 本文` } }),
  })),
  'DELETE /messages/:id': perVisibility((v) => ({
    rule: `${READ_ACTION[v]}, the author, message.editOwn`,
    fixture: `a fresh post of the vendor member in the ${v} thread`,
    expect: readOr403(v, (p) => (isAuthor(p) && allows(p, 'message.editOwn') ? 'ok' : 403)),
    request: async (fx, _p, willSucceed) => ({
      path: `/api/messages/${willSucceed ? (await fx.fresh.message(v as 'council' | 'development')).id : fx.openings[v].id}`,
    }),
  })),
  'POST /messages/:id/hide': {
    rule: 'moderate (before anything else)',
    fixture: 'a fresh council post',
    expect: by('moderate'),
    request: async (fx, _p, willSucceed) => ({
      path: `/api/messages/${willSucceed ? (await fx.fresh.message('council')).id : fx.openings.council.id}/hide`,
      body: { reason: '確認のため' },
    }),
  },
  'POST /messages/:id/restore': {
    rule: 'moderate (before anything else)',
    fixture: 'a fresh hidden council post',
    expect: by('moderate'),
    request: async (fx, _p, willSucceed) => ({
      path: `/api/messages/${willSucceed ? (await fx.fresh.hiddenMessage()).id : fx.openings.council.id}/restore`,
    }),
  },
  'GET /messages/:id/versions': perVisibility((v) => ({
    rule: `${READ_ACTION[v]}, then the author or moderate`,
    fixture: `the vendor member's post in the ${v} thread`,
    expect: readOr403(v, (p) => (isAuthor(p) || allows(p, 'moderate') ? 'ok' : 403)),
    request: (fx) => ({ path: `/api/messages/${fx.openings[v].id}/versions` }),
  })),
  'PUT /messages/:id/reactions/:key': perVisibility((v) => ({
    rule: `${READ_ACTION[v]} and message.post`,
    fixture: `the post in the ${v} thread`,
    expect: postIn(v),
    request: (fx) => ({ path: `/api/messages/${fx.openings[v].id}/reactions/thumbsUp` }),
  })),
  'DELETE /messages/:id/reactions/:key': perVisibility((v) => ({
    rule: `${READ_ACTION[v]} and message.post`,
    fixture: `the post in the ${v} thread`,
    expect: postIn(v),
    request: (fx) => ({ path: `/api/messages/${fx.openings[v].id}/reactions/thumbsUp` }),
  })),
  'GET /mentions': {
    rule: 'signed in',
    fixture: '—',
    expect: everyone,
    request: () => ({ path: `/api/mentions?q=${encodeURIComponent('佐藤')}` }),
  },
  'POST /attachments': {
    rule: 'message.post',
    fixture: 'a PNG',
    expect: by('message.post'),
    request: () => ({ path: '/api/attachments?name=figure.png', upload: PNG }),
  },
  'GET /attachments/:id': [
    {
      rule: 'thread.readDevelopment (the thread it was posted in)',
      fixture: 'an attachment posted in the development thread',
      expect: readOr403('development'),
      request: (fx) => ({ path: `/api/attachments/${fx.attachment.id}` }),
    },
    {
      rule: 'the uploader only until it is posted (others: 404)',
      fixture: "the vendor member's unposted upload",
      expect: (p) => (isAuthor(p) ? 'ok' : 404),
      request: (fx) => ({ path: `/api/attachments/${fx.unposted.id}` }),
    },
    {
      rule: 'as the announcement it is on: published and addressed to the organisation, or announcement.publish; else not found',
      fixture: "a file on the development vendors' announcement",
      expect: readsDevelopmentVendorsAnnouncement,
      request: (fx) => ({ path: `/api/attachments/${fileOn(fx.announcements.developmentVendors)}` }),
    },
    {
      rule: 'as the announcement it is on, a draft: announcement.publish; else not found',
      fixture: 'a file on the draft announcement',
      expect: readsDraftAnnouncement,
      request: (fx) => ({ path: `/api/attachments/${fileOn(fx.announcements.draft)}` }),
    },
  ],
  // The download's own check (attachmentForDownload), cell for cell.
  'GET /attachments/:id/thumbnail': [
    {
      rule: "as the image's download: thread.readDevelopment (the thread it was posted in)",
      fixture: 'a PNG posted in the development thread',
      expect: readOr403('development'),
      request: (fx) => ({ path: `/api/attachments/${fx.attachment.id}/thumbnail` }),
    },
    {
      rule: "as the image's download: the uploader only until it is posted (others: 404)",
      fixture: "the vendor member's unposted PNG",
      expect: (p) => (isAuthor(p) ? 'ok' : 404),
      request: (fx) => ({ path: `/api/attachments/${fx.unposted.id}/thumbnail` }),
    },
    {
      rule: "as the image's download: meeting.read (the meeting it is material of)",
      fixture: 'a PNG given to the scheduled plenary as material',
      expect: by('meeting.read'),
      request: async (fx) => ({ path: `/api/attachments/${(await plenaryMaterial(fx)).id}/thumbnail` }),
    },
    {
      rule: "as the image's download: the announcement it is on (published and addressed, or announcement.publish; else not found)",
      fixture: "a PNG on the development vendors' announcement",
      expect: readsDevelopmentVendorsAnnouncement,
      request: (fx) => ({ path: `/api/attachments/${fileOn(fx.announcements.developmentVendors)}/thumbnail` }),
    },
  ],
  'GET /search': {
    rule: 'signed in; only what the reader may read now (here: the three fixture threads, by visibility)',
    fixture: 'a word in the three fixture threads',
    expect: everyone,
    request: (fx) => ({ path: `/api/search?q=${encodeURIComponent(fx.word)}&kinds=thread,message&limit=50` }),
    check: (res, p, fx) => expectSearchFindsReadableThreads(res, p, fx, 'GET /search'),
  },
  'GET /search/suggest': {
    rule: 'signed in; titles of what the reader may read now',
    fixture: 'a word in the three fixture threads',
    expect: everyone,
    request: (fx) => ({ path: `/api/search/suggest?q=${encodeURIComponent(fx.word)}` }),
    check: (res, p, fx) => {
      const seen = (res.body as EverythingPage).results.filter((r) => r.kind === 'thread').map((r) => visibilityOfFixture(fx, r.id));
      expectOnlyReadable(p, seen, 'GET /search/suggest');
    },
  },
  'GET /search/similar': {
    rule: 'signed in; similar titles among what the reader may read now',
    fixture: "the fixture threads' title",
    expect: everyone,
    request: (fx) => ({ path: `/api/search/similar?kind=thread&title=${encodeURIComponent(fx.threads.council.title)}` }),
    check: (res, p, fx) => {
      const seen = (res.body as EverythingPage).results.map((r) => visibilityOfFixture(fx, r.id));
      expectOnlyReadable(p, seen, 'GET /search/similar');
    },
  },

  // The register (docs/REGISTER.md).
  'GET /issues': { rule: 'issue.read', fixture: '—', expect: by('issue.read'), request: () => ({ path: '/api/issues' }) },
  'GET /mail/unsubscribe': {
    rule: 'public: the signed token from the e-mail is the credential (test/mail.test.ts)',
    fixture: "a token for the vendor member's reply e-mails, from a fresh client",
    expect: everyone,
    request: (fx) => ({ path: `/api/mail/unsubscribe?token=${unsubscribeTokenOf(fx)}`, client: server.client() }),
  },
  'POST /mail/unsubscribe': {
    rule: 'public: the signed token from the e-mail is the credential (one-click, RFC 8058)',
    fixture: "a token for the vendor member's reply e-mails, from a fresh client",
    expect: everyone,
    request: (fx) => ({ path: `/api/mail/unsubscribe?token=${unsubscribeTokenOf(fx)}`, body: {}, client: server.client() }),
  },
  'GET /dev/mail': {
    rule: 'signed in (outside production, the local mail catcher)',
    fixture: '—',
    expect: everyone,
    request: () => ({ path: '/api/dev/mail' }),
  },
  'GET /dev/mail/:id': {
    rule: 'signed in (outside production, the local mail catcher); a number never caught is 404',
    fixture: 'a caught-mail number that does not exist',
    expect: () => 404,
    request: () => ({ path: '/api/dev/mail/999999' }),
  },
  'GET /notifications': {
    rule: "signed in (one's own inbox; what it lists is checked per target: test/notifications.test.ts)",
    fixture: '—',
    expect: everyone,
    request: () => ({ path: '/api/notifications?tab=all' }),
  },
  'GET /notifications/unread': {
    rule: "signed in (one's own count)",
    fixture: '—',
    expect: everyone,
    request: () => ({ path: '/api/notifications/unread' }),
  },
  'POST /notifications/read': {
    rule: "signed in (only one's own notifications are marked: test/notifications.test.ts)",
    fixture: "a well-formed id of nobody's notification",
    expect: everyone,
    request: () => ({ path: '/api/notifications/read', body: { ids: [`${'0'.repeat(24)}:1`] } }),
  },
  'POST /notifications/read-all': {
    rule: "signed in (one's own inbox)",
    fixture: '—',
    expect: everyone,
    request: () => ({ path: '/api/notifications/read-all', body: {} }),
  },
  'GET /me/notification-settings': {
    rule: "signed in (one's own settings)",
    fixture: '—',
    expect: everyone,
    request: () => ({ path: '/api/me/notification-settings' }),
  },
  'PUT /me/notification-settings': {
    rule: "signed in (one's own settings)",
    fixture: '—',
    expect: everyone,
    request: () => ({ path: '/api/me/notification-settings', body: { deliveries: { 'thread.activity': 'inbox' } } }),
  },
  'GET /register-views': {
    rule: "issue.read (one's own saved views)",
    fixture: '—',
    expect: by('issue.read'),
    request: () => ({ path: '/api/register-views' }),
  },
  'POST /register-views': {
    rule: "issue.read (one's own saved views, at most 20)",
    fixture: 'a new saved view',
    expect: by('issue.read'),
    request: () => ({ path: '/api/register-views', body: { name: `行列 ${newClientId()}`, query: 'status=new' } }),
  },
  'PATCH /register-views/:id': {
    rule: "issue.read, the owner (another person's view is 404: test/register-views.test.ts)",
    fixture: "the person's own saved view, made first",
    expect: by('issue.read'),
    request: async (_fx, p, willSucceed) => ({
      path: `/api/register-views/${await ownSavedView(p, willSucceed)}`,
      body: { name: `改名 ${newClientId()}` },
    }),
  },
  'DELETE /register-views/:id': {
    rule: "issue.read, the owner (another person's view is 404: test/register-views.test.ts)",
    fixture: "the person's own saved view, made first",
    expect: by('issue.read'),
    request: async (_fx, p, willSucceed) => ({ path: `/api/register-views/${await ownSavedView(p, willSucceed)}` }),
  },
  'POST /issues': {
    rule: 'issue.raise',
    fixture: 'a new issue',
    expect: by('issue.raise'),
    request: () => ({
      path: '/api/issues',
      body: { title: '新しい課題', description: '内容', businessAreas: ['resident-register'], category: 'spec' },
    }),
  },
  'POST /issues/bulk': {
    rule: 'issue.transition (一括操作: the secretariat only)',
    fixture: 'a fresh new issue → accepted',
    expect: by('issue.transition'),
    request: async (fx, _p, willSucceed) => ({
      path: '/api/issues/bulk',
      body: { ids: [willSucceed ? (await fx.fresh.issue()).id : fx.issue.id], change: { kind: 'status', status: 'accepted' } },
    }),
    check: (res, p) => {
      if (p.key === 'secretariat') expect(res.body).toMatchObject({ succeeded: 1, failed: 0 });
    },
  },
  'GET /issues/stats': { rule: 'issue.read', fixture: '—', expect: by('issue.read'), request: () => ({ path: '/api/issues/stats' }) },
  'GET /issues/export.xlsx': {
    rule: 'issue.read',
    fixture: '—',
    expect: by('issue.read'),
    request: () => ({ path: '/api/issues/export.xlsx' }),
  },
  'GET /issues/export.csv': {
    rule: 'issue.read',
    fixture: '—',
    expect: by('issue.read'),
    request: () => ({ path: '/api/issues/export.csv' }),
  },
  'GET /issues/:id': {
    rule: 'issue.read',
    fixture: 'an issue routed to mhlw',
    expect: by('issue.read'),
    request: (fx) => ({ path: `/api/issues/${fx.issue.id}` }),
  },
  'PATCH /issues/:id': {
    rule: 'content: the raiser (issue.raise) while new, or the secretariat (issue.transition)',
    fixture: "the vendor member's new issue (same title)",
    expect: (p) => ((isAuthor(p) && allows(p, 'issue.raise')) || allows(p, 'issue.transition') ? 'ok' : 403),
    request: (fx) => ({ path: `/api/issues/${fx.issue.id}`, body: { title: fx.issue.title } }),
  },
  'POST /issues/:id/transition': {
    rule: 'issue.transition',
    fixture: 'a fresh new issue → accepted',
    expect: by('issue.transition'),
    request: async (fx, _p, willSucceed) => ({
      path: `/api/issues/${willSucceed ? (await fx.fresh.issue()).id : fx.issue.id}/transition`,
      body: { to: 'accepted' },
    }),
  },
  'PUT /issues/:id/support': {
    rule: 'issue.support',
    fixture: 'an open issue',
    expect: by('issue.support'),
    request: (fx) => ({ path: `/api/issues/${fx.issue.id}/support` }),
  },
  'DELETE /issues/:id/support': {
    rule: "issue.support; the raiser's organisation cannot withdraw (409)",
    fixture: "the vendor member's open issue",
    expect: (p, fx) => (allows(p, 'issue.support') ? (inDevOrg(p, fx) ? 409 : 'ok') : 403),
    request: (fx) => ({ path: `/api/issues/${fx.issue.id}/support` }),
  },
  'GET /issues/:id/notes': {
    rule: 'issue.transition (事務局メモ: the secretariat only)',
    fixture: 'an open issue',
    expect: by('issue.transition'),
    request: (fx) => ({ path: `/api/issues/${fx.issue.id}/notes` }),
  },
  'POST /issues/:id/notes': {
    rule: 'issue.transition (事務局メモ: the secretariat only)',
    fixture: 'an open issue, a note added',
    expect: by('issue.transition'),
    request: (fx) => ({ path: `/api/issues/${fx.issue.id}/notes`, body: { body: '事務局内の確認事項' } }),
  },
  'PUT /issues/:id/follow': {
    rule: 'issue.read',
    fixture: 'an open issue, followed',
    expect: by('issue.read'),
    request: (fx) => ({ path: `/api/issues/${fx.issue.id}/follow`, body: { state: 'following' } }),
  },
  'POST /issues/:id/comments': {
    rule: "issue.comment { routedMinistry: 'mhlw' } (the routed ministry may ask the raiser)",
    fixture: 'an issue routed to mhlw',
    expect: by('issue.comment', { routedMinistry: 'mhlw' }),
    request: (fx) => ({ path: `/api/issues/${fx.issue.id}/comments`, body: { body: 'コメント' } }),
  },
  'GET /issues/:id/answer-drafts': {
    rule: "the secretariat (every draft), or issue.answer { routedMinistry: 'mhlw' } (its own)",
    fixture: 'an open issue routed to mhlw',
    expect: (p) => (p.key === 'secretariat' || allows(p, 'issue.answer', { routedMinistry: 'mhlw' }) ? 'ok' : 403),
    request: (fx) => ({ path: `/api/issues/${fx.issue.id}/answer-drafts` }),
  },
  'PUT /issues/:id/answer-draft': {
    rule: "issue.answer { routedMinistry: 'mhlw' }",
    fixture: 'an open issue routed to mhlw',
    expect: by('issue.answer', { routedMinistry: 'mhlw' }),
    request: (fx) => ({ path: `/api/issues/${fx.issue.id}/answer-draft`, body: { body: '下書き' } }),
  },
  'DELETE /issues/:id/answer-draft': {
    rule: "issue.answer { routedMinistry: 'mhlw' }",
    fixture: 'an open issue routed to mhlw',
    expect: by('issue.answer', { routedMinistry: 'mhlw' }),
    request: (fx) => ({ path: `/api/issues/${fx.issue.id}/answer-draft` }),
  },
  'POST /issues/:id/answers': {
    rule: "issue.answer { routedMinistry: 'mhlw' }",
    fixture: 'a fresh issue routed to mhlw',
    expect: by('issue.answer', { routedMinistry: 'mhlw' }),
    request: async (fx, _p, willSucceed) => ({
      path: `/api/issues/${willSucceed ? (await fx.fresh.issue()).id : fx.issue.id}/answers`,
      body: { body: '回答' },
    }),
  },
  'PATCH /issue-answers/:id': {
    rule: "issue.editOwnAnswer { routedMinistry: 'mhlw' }, and the author",
    fixture: "mhlw's answer",
    expect: (p) => (allows(p, 'issue.editOwnAnswer', { routedMinistry: 'mhlw' }) && p.key === 'ministryRouted' ? 'ok' : 403),
    request: () => ({ path: `/api/issue-answers/${fx.answer.id}`, body: { body: '厚生労働省の回答です' } }),
  },
  'POST /issues/:id/links': perVisibility((v) => ({
    rule: `issue.comment, then ${READ_ACTION[v]}`,
    fixture: `an issue and the ${v} thread`,
    expect: (p) => (allows(p, 'issue.comment') ? readOr403(v)(p) : 403),
    request: (fx) => ({ path: `/api/issues/${fx.issue.id}/links`, body: { kind: 'thread', id: fx.threads[v].id } }),
  })),
  'DELETE /issues/:id/links/:kind/:targetId': perVisibility((v) => ({
    rule: `issue.comment, then ${READ_ACTION[v]}`,
    fixture: `an issue and the ${v} thread`,
    expect: (p) => (allows(p, 'issue.comment') ? readOr403(v)(p) : 403),
    request: (fx) => ({ path: `/api/issues/${fx.issue.id}/links/thread/${fx.threads[v].id}` }),
  })),

  // Meetings (docs/MEETINGS.md): drafts are the secretariat's (others: 404).
  'GET /meetings': {
    rule: 'meeting.read; drafts only with meeting.manage',
    fixture: '—',
    expect: by('meeting.read'),
    request: () => ({ path: '/api/meetings?when=all' }),
    check: (res, p, fx) => {
      const ids = (res.body as { meetings: Array<{ id: string; status: string }> }).meetings.map((m) => m.id);
      expect(ids.includes(fx.meetings.draft.id), `${p.key} sees the draft meeting`).toBe(allows(p, 'meeting.manage'));
    },
  },
  'POST /meetings': {
    rule: 'meeting.manage',
    fixture: 'a new plenary',
    expect: by('meeting.manage'),
    request: () => ({
      path: '/api/meetings',
      body: { kind: 'plenary', title: '新しい会議', startsAt: '2026-12-11T14:00:00+09:00', endsAt: '2026-12-11T15:00:00+09:00' },
    }),
  },
  'GET /action-items': {
    rule: 'signed in (own organisation; the secretariat all)',
    fixture: '—',
    expect: everyone,
    request: () => ({ path: '/api/action-items' }),
  },
  'GET /minutes': {
    rule: 'meeting.read; published minutes only (the meetings list shows every meeting but drafts)',
    fixture: 'published, ended and circulated meetings',
    expect: by('meeting.read'),
    request: () => ({ path: '/api/minutes' }),
    check: onlyPublishedMinutes,
  },
  'POST /me/calendar-token': { rule: 'signed in', fixture: '—', expect: everyone, request: () => ({ path: '/api/me/calendar-token' }) },
  'DELETE /me/calendar-token': { rule: 'signed in', fixture: '—', expect: everyone, request: () => ({ path: '/api/me/calendar-token' }) },
  'GET /calendar/:file': {
    rule: 'public: the token in the URL is the credential',
    fixture: "a fresh feed URL of the secretariat's",
    expect: everyone,
    request: async (fx) => ({ path: await fx.fresh.calendarUrl() }),
  },
  'GET /meetings/:id': [
    {
      rule: 'meeting.read',
      fixture: 'a scheduled plenary',
      expect: by('meeting.read'),
      request: (fx) => ({ path: `/api/meetings/${fx.meetings.plenary.id}` }),
    },
    {
      rule: 'meeting.manage for a draft (others: 404)',
      fixture: 'a draft',
      expect: (p) => (allows(p, 'meeting.manage') ? 'ok' : 404),
      request: (fx) => ({ path: `/api/meetings/${fx.meetings.draft.id}` }),
    },
  ],
  'PATCH /meetings/:id': {
    rule: 'meeting.manage',
    fixture: 'a scheduled plenary (same title)',
    expect: by('meeting.manage'),
    request: (fx) => ({ path: `/api/meetings/${fx.meetings.plenary.id}`, body: { title: fx.meetings.plenary.title } }),
  },
  'POST /meetings/:id/status': {
    rule: 'meeting.manage',
    fixture: 'a fresh draft → scheduled',
    expect: by('meeting.manage'),
    request: async (fx, _p, willSucceed) => ({
      path: `/api/meetings/${willSucceed ? (await fx.fresh.draftMeeting()).id : fx.meetings.draft.id}/status`,
      body: { to: 'scheduled' },
    }),
  },
  'PUT /meetings/:id/rsvp': (['plenary', 'consultation'] as const).map((kind) => ({
    rule: 'meeting.read and invited (shared/meetings/rules.ts isInvited)',
    fixture: `a scheduled ${kind}`,
    expect: (p: Persona, fx: Fixtures) => (invited(p, fx.meetings[kind]) ? 'ok' : 403),
    request: (fx: Fixtures) => ({ path: `/api/meetings/${fx.meetings[kind].id}/rsvp`, body: { response: 'online' } }),
  })),
  'GET /meetings/:id/attendance': {
    rule: 'meeting.manage',
    fixture: 'a scheduled plenary',
    expect: by('meeting.manage'),
    request: (fx) => ({ path: `/api/meetings/${fx.meetings.plenary.id}/attendance` }),
  },
  'GET /meetings/:id/attendance.xlsx': {
    rule: 'meeting.manage',
    fixture: 'a scheduled plenary',
    expect: by('meeting.manage'),
    request: (fx) => ({ path: `/api/meetings/${fx.meetings.plenary.id}/attendance.xlsx` }),
  },
  'GET /meetings/:id/attendance.csv': {
    rule: 'meeting.manage',
    fixture: 'a scheduled plenary',
    expect: by('meeting.manage'),
    request: (fx) => ({ path: `/api/meetings/${fx.meetings.plenary.id}/attendance.csv` }),
  },
  'GET /meetings/:id/calendar': [
    {
      rule: 'meeting.read',
      fixture: 'a scheduled plenary',
      expect: by('meeting.read'),
      request: (fx) => ({ path: `/api/meetings/${fx.meetings.plenary.id}/calendar` }),
    },
    {
      rule: 'meeting.manage for a draft (others: 404)',
      fixture: 'a draft',
      expect: (p) => (allows(p, 'meeting.manage') ? 'ok' : 404),
      request: (fx) => ({ path: `/api/meetings/${fx.meetings.draft.id}/calendar` }),
    },
  ],
  'POST /meetings/:id/materials': {
    rule: 'meeting.manage',
    fixture: "a scheduled plenary and the person's fresh upload",
    expect: by('meeting.manage'),
    request: async (fx, _p, willSucceed) => ({
      path: `/api/meetings/${fx.meetings.plenary.id}/materials`,
      body: { attachmentId: willSucceed ? (await fx.fresh.upload()).id : fx.unposted.id },
    }),
  },
  'DELETE /meetings/:id/materials/:attachmentId': {
    rule: 'meeting.manage',
    fixture: 'a fresh material of a scheduled plenary',
    expect: by('meeting.manage'),
    request: async (fx, _p, willSucceed) => ({
      path: `/api/meetings/${fx.meetings.plenary.id}/materials/${willSucceed ? (await fx.fresh.material()).id : fx.unposted.id}`,
    }),
  },
  'PUT /meetings/:id/minutes': {
    rule: 'minutes.publish',
    fixture: 'an ended meeting',
    expect: by('minutes.publish'),
    request: async (fx) => {
      const agendaItemId = (await fx.personas.secretariat.client.get<Meeting>(`/api/meetings/${fx.meetings.ended.id}`)).body.agenda[0]!.id;
      return { path: `/api/meetings/${fx.meetings.ended.id}/minutes`, body: { items: [{ agendaItemId, summary: '要旨' }] } };
    },
  },
  'GET /meetings/:id/minutes/attendees': {
    rule: 'minutes.publish',
    fixture: 'an ended meeting with draft minutes',
    expect: by('minutes.publish'),
    request: (fx) => ({ path: `/api/meetings/${fx.meetings.ended.id}/minutes/attendees` }),
  },
  'POST /meetings/:id/minutes/circulate': {
    rule: 'minutes.publish',
    fixture: 'an ended meeting with draft minutes',
    expect: by('minutes.publish'),
    request: (fx) => ({ path: `/api/meetings/${fx.meetings.ended.id}/minutes/circulate` }),
  },
  'POST /meetings/:id/minutes/confirm': {
    rule: 'meeting.read, then a presenting organisation',
    fixture: "circulated minutes whose agenda item the vendor member's organisation presents",
    expect: (p, fx) => (allows(p, 'meeting.read') ? (inDevOrg(p, fx) ? 'ok' : 403) : 403),
    request: (fx) => ({ path: `/api/meetings/${fx.meetings.circulated.id}/minutes/confirm`, body: { comment: null } }),
  },
  'POST /meetings/:id/minutes/publish': {
    rule: 'minutes.publish',
    fixture: 'a fresh ended meeting with draft minutes',
    expect: by('minutes.publish'),
    request: async (fx, _p, willSucceed) => ({
      path: `/api/meetings/${willSucceed ? (await fx.fresh.endedWithMinutes()).id : fx.meetings.ended.id}/minutes/publish`,
    }),
  },

  // The audit log (the secretariat keeps the council's record).
  'GET /audit': { rule: 'audit.read', fixture: '—', expect: by('audit.read'), request: () => ({ path: '/api/audit' }) },
  'GET /audit/verify': { rule: 'audit.read', fixture: '—', expect: by('audit.read'), request: () => ({ path: '/api/audit/verify' }) },
  'GET /audit/export.xlsx': {
    rule: 'audit.read',
    fixture: '—',
    expect: by('audit.read'),
    request: () => ({ path: '/api/audit/export.xlsx' }),
  },
  'GET /audit/export.csv': {
    rule: 'audit.read',
    fixture: '—',
    expect: by('audit.read'),
    request: () => ({ path: '/api/audit/export.csv' }),
  },

  // お知らせ (docs/ANNOUNCEMENTS.md). The fixture is published for the development vendors and asks each organisation to
  // confirm: anyone else is told it is not found, as a draft is to everyone but the secretariat.
  'GET /announcements': {
    rule: 'signed in; lists what the person may read (the secretariat: drafts too)',
    fixture: 'an announcement for the development vendors, and a draft',
    expect: everyone,
    request: () => ({ path: '/api/announcements?page=1' }),
    check: (res, p, fx) => {
      const ids = (res.body as { announcements: Array<{ id: string }> }).announcements.map((a) => a.id);
      const o = p.actor!.organization;
      const secretariat = allows(p, 'announcement.publish');
      const addressed = o.kind === 'vendor' && o.vendorType === 'development';
      expect(ids.includes(fx.announcements.developmentVendors.id), `${p.key} lists the development vendors' announcement`).toBe(
        secretariat || addressed,
      );
      expect(ids.includes(fx.announcements.draft.id), `${p.key} lists the draft`).toBe(secretariat);
    },
  },
  'POST /announcements': {
    rule: 'announcement.publish',
    fixture: 'a new draft for everyone',
    expect: by('announcement.publish'),
    request: () => ({ path: '/api/announcements', body: { title: '行列のお知らせ', body: '本文', audience: { kind: 'everyone' } } }),
  },
  'GET /announcements/pending': {
    rule: "signed in; only announcements addressed to one's organisation",
    fixture: 'an announcement for the development vendors',
    expect: everyone,
    request: () => ({ path: '/api/announcements/pending' }),
    check: (res, p, fx) => {
      const ids = (res.body as { announcements: Array<{ id: string }> }).announcements.map((a) => a.id);
      const o = p.actor!.organization;
      if (!(o.kind === 'vendor' && o.vendorType === 'development'))
        expect(ids, `${p.key} is asked to confirm another audience's announcement`).not.toContain(fx.announcements.developmentVendors.id);
    },
  },
  'GET /announcements/:id': [
    {
      rule: 'published and addressed to the organisation, or announcement.publish; else not found',
      fixture: 'an announcement for the development vendors',
      expect: readsDevelopmentVendorsAnnouncement,
      request: (fx) => ({ path: `/api/announcements/${fx.announcements.developmentVendors.id}` }),
    },
    {
      rule: 'a draft: announcement.publish; else not found',
      fixture: 'a draft announcement',
      expect: readsDraftAnnouncement,
      request: (fx) => ({ path: `/api/announcements/${fx.announcements.draft.id}` }),
    },
  ],
  'PATCH /announcements/:id': {
    rule: 'announcement.publish',
    fixture: 'a fresh draft (refused: the draft fixture)',
    expect: by('announcement.publish'),
    request: async (fx, _p, willSucceed) => ({
      path: `/api/announcements/${willSucceed ? (await fx.fresh.announcementDraft()).id : fx.announcements.draft.id}`,
      body: { title: '行列のお知らせ（修正）' },
    }),
  },
  'POST /announcements/:id/publish': {
    rule: 'announcement.publish',
    fixture: 'a fresh draft (refused: the draft fixture)',
    expect: by('announcement.publish'),
    request: async (fx, _p, willSucceed) => ({
      path: `/api/announcements/${willSucceed ? (await fx.fresh.announcementDraft()).id : fx.announcements.draft.id}/publish`,
    }),
  },
  'POST /announcements/:id/withdraw': {
    rule: 'announcement.publish',
    fixture: 'a fresh published announcement (refused: the published fixture)',
    expect: by('announcement.publish'),
    request: async (fx, _p, willSucceed) => ({
      path: `/api/announcements/${willSucceed ? (await fx.fresh.publishedAnnouncement()).id : fx.announcements.developmentVendors.id}/withdraw`,
    }),
  },
  'POST /announcements/:id/confirm': {
    rule: 'readable (else not found), then announcement.confirm: a member of an addressed organisation, once per organisation',
    fixture: 'an announcement for the development vendors that asks for confirmation',
    expect: (p) => {
      const o = p.actor!.organization;
      if (allows(p, 'announcement.publish')) return 403;
      return o.kind === 'vendor' && o.vendorType === 'development' ? by('announcement.confirm')(p) : 404;
    },
    request: (fx) => ({ path: `/api/announcements/${fx.announcements.developmentVendors.id}/confirm` }),
  },
  'GET /announcements/:id/tracker': {
    rule: 'announcement.publish',
    fixture: 'an announcement for the development vendors',
    expect: by('announcement.publish'),
    request: (fx) => ({ path: `/api/announcements/${fx.announcements.developmentVendors.id}/tracker` }),
  },
  'GET /announcements/:id/tracker.xlsx': {
    rule: 'announcement.publish',
    fixture: 'an announcement for the development vendors',
    expect: by('announcement.publish'),
    request: (fx) => ({ path: `/api/announcements/${fx.announcements.developmentVendors.id}/tracker.xlsx?state=unconfirmed` }),
  },
  'POST /announcements/:id/remind': {
    rule: 'announcement.publish (while some addressed organisation has not confirmed)',
    fixture: 'an announcement for the 67 development vendors, confirmed by two at most',
    expect: by('announcement.publish'),
    request: (fx) => ({ path: `/api/announcements/${fx.announcements.developmentVendors.id}/remind` }),
  },

  // 開発状況報告 (docs/STATUS_REPORTS.md). The secretariat runs the rounds; a draft round is not found by anyone else.
  // The development vendor's report: its members write it, its org admin submits it, the secretariat returns it;
  // a ministry reads the areas it oversees; another vendor and a body are told it is not found.
  'GET /status/rounds': {
    rule: 'signed in; every round but a draft (the secretariat: drafts too)',
    fixture: 'an open round and a draft round',
    expect: everyone,
    request: async (fx) => (await statusFx(fx), { path: '/api/status/rounds' }),
    check: (res, p) => {
      const ids = (res.body as RoundList).rounds.map((r) => r.id);
      expect(ids, `${p.key} lists the open round`).toContain(statusMade!.open.id);
      expect(ids.includes(statusMade!.draft.id), `${p.key} lists the draft round`).toBe(allows(p, 'status.manage'));
    },
  },
  'POST /status/rounds': {
    rule: 'status.manage',
    fixture: 'a new draft round',
    expect: by('status.manage'),
    request: () => ({
      path: '/api/status/rounds',
      body: { title: '行列の調査', periodStart: '2026-10-01', periodEnd: '2026-12-31', deadline: '2027-01-29T17:00:00+09:00' },
    }),
  },
  'GET /status/rounds/:id': [
    {
      rule: 'signed in (an open round)',
      fixture: 'an open round',
      expect: everyone,
      request: async (fx) => ({ path: `/api/status/rounds/${(await statusFx(fx)).open.id}` }),
    },
    {
      rule: 'a draft: status.manage; else not found',
      fixture: 'a draft round',
      expect: (p) => (allows(p, 'status.manage') ? 'ok' : 404),
      request: async (fx) => ({ path: `/api/status/rounds/${(await statusFx(fx)).draft.id}` }),
    },
  ],
  'PATCH /status/rounds/:id': {
    rule: 'status.manage',
    fixture: 'a fresh draft round (refused: the draft fixture)',
    expect: by('status.manage'),
    request: async (fx, _p, willSucceed) => {
      const s = await statusFx(fx);
      return { path: `/api/status/rounds/${willSucceed ? (await s.fresh.draftRound()).id : s.draft.id}`, body: { note: '行列の注記' } };
    },
  },
  'POST /status/rounds/:id/open': {
    rule: 'status.manage',
    fixture: 'a fresh draft round (refused: the draft fixture)',
    expect: by('status.manage'),
    request: async (fx, _p, willSucceed) => {
      const s = await statusFx(fx);
      return { path: `/api/status/rounds/${willSucceed ? (await s.fresh.draftRound()).id : s.draft.id}/open` };
    },
  },
  'POST /status/rounds/:id/close': {
    rule: 'status.manage',
    fixture: 'a fresh open round (refused: the open fixture)',
    expect: by('status.manage'),
    request: async (fx, _p, willSucceed) => {
      const s = await statusFx(fx);
      return { path: `/api/status/rounds/${willSucceed ? (await s.fresh.openRound()).id : s.open.id}/close` };
    },
  },
  'POST /status/rounds/:id/remind': {
    rule: 'status.manage (an open round, not reminded within 10 minutes)',
    fixture: 'a fresh open round (refused: the open fixture)',
    expect: by('status.manage'),
    request: async (fx, _p, willSucceed) => {
      const s = await statusFx(fx);
      return { path: `/api/status/rounds/${willSucceed ? (await s.fresh.openRound()).id : s.open.id}/remind` };
    },
  },
  'GET /status/rounds/:id/reports/:orgId': {
    rule: 'status.readFigures: the organisation and the secretariat whole, a ministry the areas it oversees; else not found',
    fixture: "the development vendor's report in the open round",
    expect: readsDevReport,
    request: async (fx) => {
      const s = await statusFx(fx);
      return { path: s.reportPath(s.open.id) };
    },
    check: onlyOverseenAreas,
  },
  'PUT /status/rounds/:id/reports/:orgId/draft': {
    rule: 'readable (else not found), then status.report { targetOrganizationId }',
    fixture: "the development vendor's report in the open round (its comment)",
    expect: readsDevReportThen('status.report', (fx) => ({ targetOrganizationId: fx.devOrgId })),
    request: async (fx) => {
      const s = await statusFx(fx);
      return { path: `${s.reportPath(s.open.id)}/draft`, body: { comment: '事務局への連絡（行列）' } };
    },
  },
  'POST /status/rounds/:id/reports/:orgId/submit': {
    rule: 'readable (else not found), then status.submit { targetOrganizationId } (the member is not allowed to submit)',
    fixture: 'a fresh report ready to submit (refused: the open fixture)',
    expect: readsDevReportThen('status.submit', (fx) => ({ targetOrganizationId: fx.devOrgId })),
    request: async (fx, _p, willSucceed) => {
      const s = await statusFx(fx);
      return { path: `${s.reportPath(willSucceed ? (await s.fresh.readyReport()).id : s.open.id)}/submit` };
    },
  },
  'POST /status/rounds/:id/reports/:orgId/return': {
    rule: 'readable (else not found), then status.manage',
    fixture: 'a fresh submitted report (refused: the open fixture)',
    expect: readsDevReportThen('status.manage'),
    request: async (fx, _p, willSucceed) => {
      const s = await statusFx(fx);
      return {
        path: `${s.reportPath(willSucceed ? (await s.fresh.submittedReport()).id : s.open.id)}/return`,
        body: { reason: '顧客数を確認してください' },
      };
    },
  },
  'GET /status/rounds/:id/reports/:orgId/versions': {
    rule: 'as the report is read',
    fixture: "the development vendor's report in the open round (one version)",
    expect: readsDevReport,
    request: async (fx) => {
      const s = await statusFx(fx);
      return { path: `${s.reportPath(s.open.id)}/versions` };
    },
    check: onlyOverseenAreas,
  },
  // The picture: the overview for everyone signed in (shaped per reader: test/status-picture.test.ts); each vendor's
  // figures of an area for the secretariat and the ministry overseeing it; progress and exports for the secretariat.
  'GET /status/rounds/:id/overview': [
    {
      rule: 'signed in (an open round)',
      fixture: 'the open round',
      expect: everyone,
      request: async (fx) => ({ path: `/api/status/rounds/${(await statusFx(fx)).open.id}/overview` }),
    },
    {
      rule: 'a draft: status.manage; else not found',
      fixture: 'a draft round',
      expect: (p) => (allows(p, 'status.manage') ? 'ok' : 404),
      request: async (fx) => ({ path: `/api/status/rounds/${(await statusFx(fx)).draft.id}/overview` }),
    },
  ],
  'GET /status/rounds/:id/areas/:area': {
    rule: 'status.readFigures { areaMinistry } (国民健康保険: 厚生労働省)',
    fixture: 'the open round, national health insurance',
    expect: by('status.readFigures', { areaMinistry: 'mhlw' }),
    request: async (fx) => ({ path: `/api/status/rounds/${(await statusFx(fx)).open.id}/areas/national-health-insurance` }),
  },
  'GET /status/rounds/:id/progress': {
    rule: 'status.manage',
    fixture: 'the open round',
    expect: by('status.manage'),
    request: async (fx) => ({ path: `/api/status/rounds/${(await statusFx(fx)).open.id}/progress` }),
  },
  'GET /status/rounds/:id/export.xlsx': {
    rule: 'status.manage',
    fixture: 'the open round',
    expect: by('status.manage'),
    request: async (fx) => ({ path: `/api/status/rounds/${(await statusFx(fx)).open.id}/export.xlsx` }),
  },
  'GET /status/rounds/:id/export.csv': {
    rule: 'status.manage',
    fixture: 'the open round',
    expect: by('status.manage'),
    request: async (fx) => ({ path: `/api/status/rounds/${(await statusFx(fx)).open.id}/export.csv` }),
  },
  'GET /issues/:id/status-citations': {
    rule: 'issue.read (the citations are filtered per reader: test/status-picture.test.ts)',
    fixture: 'the issue',
    expect: by('issue.read'),
    request: (fx) => ({ path: `/api/issues/${fx.issue.id}/status-citations` }),
  },
  'GET /organizations/:id/status-reporters': {
    rule: 'status.designateReporters { targetOrganizationId }',
    fixture: "the vendor member's organisation",
    expect: (p, fx) => by('status.designateReporters', { targetOrganizationId: fx.devOrgId })(p),
    request: (fx) => ({ path: `/api/organizations/${fx.devOrgId}/status-reporters` }),
  },
  'PUT /organizations/:id/status-reporters': {
    rule: 'status.designateReporters { targetOrganizationId }',
    fixture: "the vendor member's organisation (nobody allowed)",
    expect: (p, fx) => by('status.designateReporters', { targetOrganizationId: fx.devOrgId })(p),
    request: (fx) => ({ path: `/api/organizations/${fx.devOrgId}/status-reporters`, body: { userIds: [] } }),
  },
};

/** The visibility of the fixture thread `id` belongs to (as a thread, or by its opening message); `unknown` for any other. */
function visibilityOfFixture(fx: Fixtures, id: string): string {
  for (const v of VISIBILITIES) if (fx.threads[v].id === id || fx.openings[v].id === id) return v;
  return 'unknown';
}

function expectSearchFindsReadableThreads(res: ApiResponse, p: Persona, fx: Fixtures, what: string) {
  const seen = (res.body as EverythingPage).results.map((r) => visibilityOfFixture(fx, r.id)).filter((v) => v !== 'unknown');
  expectOnlyReadable(p, seen, what);
  for (const v of readableVisibilities(p.actor!)) expect(seen, `${p.key} finds the ${v} thread ${fx.word}`).toContain(v);
}

function expectOnlyReadable(p: Persona, visibilities: readonly string[], what: string) {
  const readable = readableVisibilities(p.actor!);
  for (const v of visibilities) expect(readable, `${what} showed ${p.key} a ${v} thread`).toContain(v);
}

const outcomeOf = (status: number): Outcome | number => (status >= 200 && status < 300 ? 'ok' : status);

async function runRouteCell(method: string, routeKey: string, entry: RouteEntry, p: Persona, isPublic: boolean) {
  const expected: Outcome = !isPublic && !signedIn(p) ? 401 : entry.expect(p, fx);
  const cell = await entry.request(fx, p, expected === 'ok');
  const client = cell.client ?? p.client;
  const res = cell.upload
    ? await client.upload(cell.path, cell.upload, 'image/png')
    : await client.request(method, cell.path, cell.body === undefined ? {} : { json: cell.body });
  tally.rest++;
  expect(
    outcomeOf(res.status),
    `${routeKey} [${entry.fixture}] as ${p.key} (${entry.rule}) → ${res.status} ${JSON.stringify(res.body)?.slice(0, 200)}`,
  ).toBe(expected);
  if (expected === 'ok') entry.check?.(res, p, fx);
  else if (typeof res.body === 'object')
    expect((res.body as { error?: { code?: string } }).error?.code, `${routeKey} as ${p.key}: error code`).toBe(ACK_CODES[expected]);
  if (routeKey === 'POST /me/password' && expected === 'ok') {
    const back = await client.post('/api/me/password', { currentPassword: `${p.password}-changed`, newPassword: p.password });
    expect(back.status, `changing ${p.key}'s password back`).toBe(204);
  }
}

// ————— sockets: one entry (or one per fixture) per event —————

interface EventEntry {
  rule: string;
  fixture: string;
  expect(p: Persona, fx: Fixtures): Outcome;
  payload(fx: Fixtures, p: Persona, willSucceed: boolean): unknown;
  /** Done first on the person's socket (joining the room a relay needs). */
  prepare?(socket: CouncilClientSocket, fx: Fixtures, p: Persona): Promise<void>;
}

const threadEvents = (make: (v: Visibility) => EventEntry) => VARIANTS.map(make);

const EVENTS: Record<SocketEventName, EventEntry | EventEntry[]> = {
  'session.ping': { rule: 'signed in', fixture: '—', expect: everyone, payload: () => ({}) },
  'thread.join': threadEvents((v) => ({
    rule: READ_ACTION[v],
    fixture: `the ${v} thread`,
    expect: readOr403(v),
    payload: (fx) => ({ threadId: fx.threads[v].id }),
  })),
  'thread.leave': {
    rule: 'signed in (leaving is always allowed)',
    fixture: 'the development thread',
    expect: everyone,
    payload: (fx) => ({ threadId: fx.threads.development.id }),
  },
  'thread.typing': threadEvents((v) => ({
    rule: `joined (${READ_ACTION[v]}) and the posting rule (message.post; unlocked unless one moderates)`,
    fixture: `the ${v} thread, joined first when readable`,
    expect: postIn(v),
    prepare: async (socket, fx, p) => {
      if (canRead(p, v)) await ok(socket, 'thread.join', { threadId: fx.threads[v].id });
    },
    payload: (fx) => ({ threadId: fx.threads[v].id }),
  })),
  'thread.read': threadEvents((v) => ({
    rule: READ_ACTION[v],
    fixture: `the ${v} thread`,
    expect: readOr403(v),
    payload: (fx) => ({ threadId: fx.threads[v].id, seq: 1 }),
  })),
  'message.send': threadEvents((v) => ({
    rule: `${READ_ACTION[v]} and message.post`,
    fixture: `the ${v} thread`,
    expect: postIn(v),
    payload: (fx) => ({ threadId: fx.threads[v].id, clientId: newClientId(), body: 'ライブ投稿' }),
  })),
  'message.edit': threadEvents((v) => ({
    rule: `${READ_ACTION[v]}, the author, message.editOwn`,
    fixture: `the vendor member's post in the ${v} thread (same text)`,
    expect: readOr403(v, (p) => (isAuthor(p) && allows(p, 'message.editOwn') ? 'ok' : 403)),
    payload: (fx) => ({ messageId: fx.openings[v].id, body: `${fx.word} 本文` }),
  })),
  'message.delete': threadEvents((v) => ({
    rule: `${READ_ACTION[v]}, the author, message.editOwn`,
    fixture: `a fresh post of the vendor member in the ${v} thread`,
    expect: readOr403(v, (p) => (isAuthor(p) && allows(p, 'message.editOwn') ? 'ok' : 403)),
    payload: async (fx, _p, willSucceed) => ({
      messageId: willSucceed ? (await fx.fresh.message(v as 'council' | 'development')).id : fx.openings[v].id,
    }),
  })),
  'message.hide': {
    rule: 'moderate',
    fixture: 'a fresh council post',
    expect: by('moderate'),
    payload: async (fx, _p, willSucceed) => ({
      messageId: willSucceed ? (await fx.fresh.message('council')).id : fx.openings.council.id,
      reason: '確認のため',
    }),
  },
  'message.restore': {
    rule: 'moderate',
    fixture: 'a fresh hidden council post',
    expect: by('moderate'),
    payload: async (fx, _p, willSucceed) => ({ messageId: willSucceed ? (await fx.fresh.hiddenMessage()).id : fx.openings.council.id }),
  },
  'reaction.set': threadEvents((v) => ({
    rule: `${READ_ACTION[v]} and message.post`,
    fixture: `the post in the ${v} thread`,
    expect: postIn(v),
    payload: (fx) => ({ messageId: fx.openings[v].id, key: 'eyes', on: true }),
  })),
  'issue.join': { rule: 'issue.read', fixture: 'an issue', expect: by('issue.read'), payload: (fx) => ({ issueId: fx.issue.id }) },
  'issue.leave': { rule: 'signed in', fixture: 'an issue', expect: everyone, payload: (fx) => ({ issueId: fx.issue.id }) },
  'meeting.join': (['livePlenary', 'liveConsultation'] as const).map((m) => ({
    rule: 'meeting.read and invited',
    fixture: `a ${m}`,
    expect: (p: Persona, fx: Fixtures) => (invited(p, fx.meetings[m]) ? 'ok' : 403),
    payload: (fx: Fixtures) => ({ meetingId: fx.meetings[m].id }),
  })),
  'meeting.leave': {
    rule: 'signed in',
    fixture: 'a live plenary',
    expect: everyone,
    payload: (fx) => ({ meetingId: fx.meetings.livePlenary.id }),
  },
  'meeting.chat': (['livePlenary', 'liveConsultation'] as const).map((m) => ({
    rule: 'invited and meeting.speak { hasFloor: false }',
    fixture: `a ${m}`,
    expect: (p: Persona, fx: Fixtures) => speak(() => fx.meetings[m])(p),
    payload: (fx: Fixtures) => ({ meetingId: fx.meetings[m].id, clientId: newClientId(), body: 'チャット' }),
  })),
  'meeting.question': {
    rule: 'invited and meeting.speak { hasFloor: false }',
    fixture: 'a live plenary',
    expect: (p, fx) => speak(() => fx.meetings.livePlenary)(p),
    payload: (fx) => ({ meetingId: fx.meetings.livePlenary.id, clientId: newClientId(), body: '質問' }),
  },
  'meeting.questionSupport': {
    rule: 'invited and meeting.speak { hasFloor: false }',
    fixture: 'an open question in a live plenary',
    expect: (p, fx) => speak(() => fx.meetings.livePlenary)(p),
    payload: (fx) => ({ questionId: fx.question.id, on: true }),
  },
  'meeting.questionStatus': {
    rule: 'meeting.manage',
    fixture: 'a question in a live plenary → current',
    expect: by('meeting.manage'),
    payload: (fx) => ({ questionId: fx.managedQuestion.id, status: 'current' }),
  },
  'meeting.agendaCurrent': {
    rule: 'meeting.manage',
    fixture: 'a live plenary',
    expect: by('meeting.manage'),
    payload: (fx) => ({ meetingId: fx.meetings.livePlenary.id, agendaItemId: null }),
  },
  'meeting.floor': {
    rule: 'meeting.manage',
    fixture: 'a live plenary, the floor taken from the body observer',
    expect: by('meeting.manage'),
    payload: (fx) => ({ meetingId: fx.meetings.livePlenary.id, userId: fx.personas.bodyObserver.actor!.id, on: false }),
  },
  'meeting.hand': [
    {
      rule: 'invited and meeting.raiseHand { hasFloor: false } (observers without the floor)',
      fixture: 'a live plenary, raising',
      expect: (p, fx) => (invited(p, fx.meetings.livePlenary) && allows(p, 'meeting.raiseHand', { hasFloor: false }) ? 'ok' : 403),
      payload: (fx) => ({ meetingId: fx.meetings.livePlenary.id, on: true }),
    },
    {
      rule: 'invited (lowering one’s own hand is always allowed)',
      fixture: 'a live consultation, lowering',
      expect: (p, fx) => (invited(p, fx.meetings.liveConsultation) ? 'ok' : 403),
      payload: (fx) => ({ meetingId: fx.meetings.liveConsultation.id, on: false }),
    },
  ],
  'meeting.handDismiss': {
    rule: 'meeting.manage',
    fixture: 'a live plenary, the body observer’s hand',
    expect: by('meeting.manage'),
    payload: (fx) => ({ meetingId: fx.meetings.livePlenary.id, userId: fx.personas.bodyObserver.actor!.id }),
  },
};

/** One socket per signed-in person, opened once: a handshake costs a session load. */
const sockets = new Map<PersonaKey, CouncilClientSocket>();
async function socketOf(p: Persona): Promise<CouncilClientSocket> {
  let socket = sockets.get(p.key);
  if (!socket?.connected) {
    socket = p.client.socket();
    await connected(socket);
    sockets.set(p.key, socket);
  }
  return socket;
}

async function runEventCell(event: SocketEventName, entry: EventEntry, p: Persona) {
  tally.socket++;
  const label = `${event} [${entry.fixture}] as ${p.key} (${entry.rule})`;
  if (!signedIn(p)) {
    // Without an active session there is no socket to send on: the handshake is refused.
    tally.handshakes++;
    const socket = p.client.socket();
    try {
      await expect(connected(socket), label).rejects.toThrow();
    } finally {
      socket.close();
    }
    return;
  }
  const socket = await socketOf(p);
  const expected = entry.expect(p, fx);
  await entry.prepare?.(socket, fx, p);
  const reply = await ack(socket, event, await entry.payload(fx, p, expected === 'ok'));
  const context = `${label} → ${JSON.stringify(reply).slice(0, 200)}`;
  if (expected === 'ok') expect(reply.ok, context).toBe(true);
  else {
    expect(reply.ok, context).toBe(false);
    if (!reply.ok) expect(reply.error.code, context).toBe(ACK_CODES[expected]);
  }
}

// ————— the matrix —————

const asList = <T>(e: T | T[]) => (Array.isArray(e) ? e : [e]);

describe('the authorisation matrix', () => {
  it('has an entry for every route of the route table and every socket event', () => {
    const routeKeys = server.council.routes.map((r) => `${r.spec.method.toUpperCase()} ${r.spec.path}`);
    for (const key of routeKeys)
      expect(ROUTES[key], `new route ${key} has no authorisation entry in test/authz-matrix.test.ts`).toBeDefined();
    for (const key of Object.keys(ROUTES)) expect(routeKeys, `authorisation entry ${key} names no route`).toContain(key);
    for (const event of Object.keys(SOCKET_EVENT_SCHEMAS))
      expect(EVENTS[event as SocketEventName], `new socket event ${event} has no authorisation entry`).toBeDefined();
  });

  it('gives every person exactly what the rules say, on every route', async () => {
    for (const route of server.council.routes) {
      const key = `${route.spec.method.toUpperCase()} ${route.spec.path}`;
      const entries = ROUTES[key];
      if (!entries) continue; // reported by the test above
      for (const entry of asList(entries)) {
        for (const personaKey of PERSONA_KEYS)
          await runRouteCell(route.spec.method.toUpperCase(), key, entry, fx.personas[personaKey], route.spec.access === 'public');
      }
    }
  }, 300_000);

  it('gives every person exactly what the rules say, on every socket event', async () => {
    for (const event of Object.keys(SOCKET_EVENT_SCHEMAS) as SocketEventName[]) {
      for (const entry of asList(EVENTS[event])) {
        for (const personaKey of PERSONA_KEYS) await runEventCell(event, entry, fx.personas[personaKey]);
      }
    }
  }, 300_000);

  it('the deactivated and the anonymous are told to sign in, and the people are who the matrix says', () => {
    const personaOf = (k: PersonaKey) => fx.personas[k].actor;
    expect(personaOf('ministryRouted')?.organization.key).toBe('mhlw');
    expect(personaOf('ministryNotRouted')?.organization.key).toBe('mic');
    expect(fx.issue.ministry).toBe('mhlw');
    expect(personaOf('otherDevelopmentVendor')?.organization.vendorType).toBe('development');
    expect(personaOf('otherDevelopmentVendor')?.organization.id).not.toBe(fx.devOrgId);
    expect(personaOf('supportVendor')?.organization.vendorType).toBe('support');
    expect(personaOf('vendorAdmin')?.role).toBe('orgAdmin');
    expect(personaOf('deactivated')?.active).toBe(false);
    expect(fx.personas.anonymous.actor).toBeUndefined();
  });
});

// ————— sockets opened before a change of session, role or organisation —————

/**
 * What a socket may do follows the person for its whole life: after a change, a socket opened
 * before it does exactly what the person after the change may do, on every event — it is dropped
 * and comes back under the new rules, or, once the person may no longer sign in, cannot come back.
 * Each change is made to people of their own, so the matrix's people stay as they are.
 */
describe('sockets opened before a change act as the person after it, on every event', () => {
  const unique = () => Math.random().toString(36).slice(2, 10);
  const secretariat = () => fx.personas.secretariat.client;
  async function developmentVendor(role: 'member' | 'orgAdmin' = 'member') {
    const org = await secretariat().post<{ id: string }>('/api/organizations', {
      kind: 'vendor',
      key: `change-${unique()}`,
      vendorType: 'development',
      corporateNumber: corporateNumber(),
      nameJa: '変更検証株式会社',
      nameEn: 'Change Check K.K.',
    });
    expect(org.status).toBe(201);
    const account = await createAccount(secretariat(), org.body.id, role);
    // Not the fixtures' author and not in their organisation: an "other development vendor".
    const before = await signInPersona(server, 'otherDevelopmentVendor', account.email, account.password);
    // An org admin sets up a second factor before anything else (docs/SECURITY.md).
    if (role === 'orgAdmin') await server.enrol(before.client, account.email);
    return { orgId: org.body.id, userId: account.user.id, before };
  }
  const meNow = async (p: Persona, key: PersonaKey): Promise<Persona> => ({
    ...(await signInPersona(server, key, p.email!, p.password)),
    client: p.client,
  });

  /** Every event entry, sent over `socket` (opened before the change) and judged as `after` would be. */
  async function everyEventAs(socket: CouncilClientSocket, after: Persona | 'signedOut'): Promise<number> {
    let cells = 0;
    for (const event of Object.keys(SOCKET_EVENT_SCHEMAS) as SocketEventName[]) {
      for (const entry of asList(EVENTS[event])) {
        cells++;
        const label = `${event} [${entry.fixture}] over a socket opened before the change`;
        if (!socket.connected && after !== 'signedOut') {
          socket.connect();
          await connected(socket);
        }
        if (!socket.connected) {
          // Signed out: it cannot come back.
          socket.connect();
          await expect(connected(socket), label).rejects.toThrow();
          continue;
        }
        if (after === 'signedOut') {
          const reply = await ack(socket, event, await entry.payload(fx, fx.personas.supportVendor, false));
          expect(reply, label).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
          continue;
        }
        const expected = entry.expect(after, fx);
        await entry.prepare?.(socket, fx, after);
        const reply = await ack(socket, event, await entry.payload(fx, after, expected === 'ok'));
        const context = `${label} as ${after.key} → ${JSON.stringify(reply).slice(0, 200)}`;
        if (expected === 'ok') expect(reply.ok, context).toBe(true);
        else {
          expect(reply.ok, context).toBe(false);
          if (!reply.ok) expect(reply.error.code, context).toBe(ACK_CODES[expected]);
        }
      }
    }
    return cells;
  }

  /** A socket of `p`, in the development thread's room as a development vendor may be; `dropped` once the server ends it. */
  async function opened(p: Persona) {
    const socket = p.client.socket();
    await connected(socket);
    await ok(socket, 'thread.join', { threadId: fx.threads.development.id });
    // Each change drops the socket; a server that did not would be caught by the events themselves,
    // so this waits at most a few seconds.
    const dropped = new Promise<void>((resolve) => {
      socket.once('disconnect', () => resolve());
      setTimeout(resolve, 5_000);
    });
    return { socket, dropped };
  }

  it('their development vendor becomes a support vendor', async () => {
    const { orgId, before } = await developmentVendor();
    const { socket, dropped } = await opened(before);
    expect((await secretariat().patch(`/api/organizations/${orgId}`, { vendorType: 'support' })).status).toBe(200);
    await dropped;
    const after = await meNow(before, 'supportVendor');
    expect(after.actor!.organization.vendorType).toBe('support');
    tally.socket += await everyEventAs(socket, after);
    socket.close();
  }, 120_000);

  it('their role changes from org admin to member', async () => {
    const { userId, before } = await developmentVendor('orgAdmin');
    const { socket, dropped } = await opened(before);
    expect((await secretariat().patch(`/api/users/${userId}`, { role: 'member' })).status).toBe(200);
    await dropped;
    const after = await meNow(before, 'otherDevelopmentVendor');
    expect(after.actor!.role).toBe('member');
    tally.socket += await everyEventAs(socket, after);
    socket.close();
  }, 120_000);

  it('their account is deactivated', async () => {
    const { userId, before } = await developmentVendor();
    const { socket, dropped } = await opened(before);
    expect((await secretariat().post(`/api/users/${userId}/deactivate`)).status).toBe(200);
    await dropped;
    tally.socket += await everyEventAs(socket, 'signedOut');
    socket.close();
  }, 120_000);

  it('their password is changed in another session', async () => {
    const { before } = await developmentVendor();
    const { socket, dropped } = await opened(before);
    const elsewhere = await server.signIn(before.email!, before.password);
    expect(
      (await elsewhere.post('/api/me/password', { currentPassword: before.password, newPassword: `${before.password}-新` })).status,
    ).toBe(204);
    await dropped;
    tally.socket += await everyEventAs(socket, 'signedOut');
    socket.close();
  }, 120_000);
});
