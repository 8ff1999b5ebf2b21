/**
 * お知らせ on the real server and sockets: who an announcement is for (the shared audience rule and
 * every route that applies it), validation, one confirmation per organisation under concurrency,
 * the live `announcement.confirmed` to colleagues, the tracker, its Excel export and reminders.
 */
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inAudience, type Audience, type AudienceOrganization } from '../shared/announcements/audience';
import type {
  Announcement,
  AnnouncementList,
  ConfirmResult,
  PendingAnnouncements,
  Reminder,
  Tracker,
} from '../shared/schemas/announcements';
import type { AuditPage } from '../shared/schemas/audit';
import type { ApiClient, CouncilClientSocket } from './support/client';
import { collect, nextEvent, openSocket } from './support/forum';
import type { ErrorBody, Me, User } from './support/json';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
let secretariat: ApiClient, dev: ApiClient, devAdmin: ApiClient, dev2: ApiClient, support: ApiClient, mhlw: ApiClient, jlis: ApiClient;
const orgs: Record<'dev' | 'dev2' | 'support' | 'mhlw' | 'jlis' | 'secretariat', string> = {} as never;
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
  const orgOf = async (c: ApiClient) => (await c.get<Me>('/api/me')).body.organization.id;
  const ids = await Promise.all([dev, dev2, support, mhlw, jlis, secretariat].map(orgOf));
  (['dev', 'dev2', 'support', 'mhlw', 'jlis', 'secretariat'] as const).forEach((key, i) => (orgs[key] = ids[i]!));
}, 60_000);
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server?.close();
});

type Body = Record<string, unknown>;
async function draft(body: Body = {}): Promise<Announcement> {
  const res = await secretariat.post<Announcement>('/api/announcements', {
    title: `お知らせ ${randomUUID().slice(0, 8)}`,
    body: '## 標準仕様の改定\n\n各社で内容を**確認**してください。',
    importance: 'high',
    deadline: '2027-01-29T17:00:00+09:00',
    mustConfirm: true,
    audience: { kind: 'developmentVendors' },
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
async function published(body: Body = {}): Promise<Announcement> {
  const a = await draft(body);
  const res = await secretariat.post<Announcement>(`/api/announcements/${a.id}/publish`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
const confirm = (c: ApiClient, id: string) => c.post<ConfirmResult & ErrorBody>(`/api/announcements/${id}/confirm`);
const listIds = async (c: ApiClient, query = '') =>
  (await c.get<AnnouncementList>(`/api/announcements${query}`)).body.announcements.map((a) => a.id);
const pendingIds = async (c: ApiClient) =>
  (await c.get<PendingAnnouncements>('/api/announcements/pending')).body.announcements.map((a) => a.id);
const tracker = (id: string, query = '') => secretariat.get<Tracker & ErrorBody>(`/api/announcements/${id}/tracker${query}`);

describe('the audience rule', () => {
  const dev: AudienceOrganization = { id: 'd', kind: 'vendor', vendorType: 'development', businessAreas: ['resident-register'] };
  const sup: AudienceOrganization = { id: 's', kind: 'vendor', vendorType: 'support', businessAreas: ['individual-inhabitant-tax'] };
  const ministry: AudienceOrganization = { id: 'm', kind: 'observer', businessAreas: ['resident-register'] };
  const secretariatOrg: AudienceOrganization = { id: 'x', kind: 'secretariat' };
  const cases: Array<[Audience, boolean[]]> = [
    [{ kind: 'everyone' }, [true, true, true, false]],
    [{ kind: 'vendors' }, [true, true, false, false]],
    [{ kind: 'developmentVendors' }, [true, false, false, false]],
    [{ kind: 'supportVendors' }, [false, true, false, false]],
    [{ kind: 'observers' }, [false, false, true, false]],
    [{ kind: 'organizations', organizationIds: ['s', 'm', 'x'] }, [false, true, true, false]],
    // A ministry's areas are those it owns, not a product: business-area audiences are vendors only.
    [{ kind: 'businessAreas', businessAreas: ['resident-register'] }, [true, false, false, false]],
    [{ kind: 'businessAreas', businessAreas: ['individual-inhabitant-tax', 'resident-register'] }, [true, true, false, false]],
  ];
  it.each(cases)('%o addresses exactly the expected organisations', (audience, expected) => {
    expect([dev, sup, ministry, secretariatOrg].map((o) => inAudience(audience, o))).toEqual(expected);
  });
});

describe('writing an announcement', () => {
  it('is the secretariat’s: others are refused, and a draft is seen by the secretariat only', async () => {
    for (const c of [dev, devAdmin, support, mhlw, jlis]) {
      expect((await c.post('/api/announcements', { title: 't', body: 'b', audience: { kind: 'everyone' } })).status).toBe(403);
    }
    const a = await draft({ audience: { kind: 'everyone' } });
    expect(a).toMatchObject({ status: 'draft', publishedAt: null, importance: 'high', mustConfirm: true });
    expect(a.abilities).toEqual({ edit: true, publish: true, withdraw: false, confirm: false, track: true, remind: false });
    expect((await dev.get(`/api/announcements/${a.id}`)).status).toBe(404);
    expect(await listIds(dev)).not.toContain(a.id);
    expect(await listIds(secretariat)).toContain(a.id);
    expect(await listIds(secretariat, '?status=draft')).toContain(a.id);
    expect((await confirm(dev, a.id)).status).toBe(404);
    expect((await dev.post(`/api/announcements/${a.id}/publish`)).status).toBe(403);
  });

  it('refuses bad input naming the field: an unknown organisation, an unknown area, a blank body', async () => {
    const unknownId = 'f'.repeat(24);
    const bad: Array<[Body, string]> = [
      [{ audience: { kind: 'organizations', organizationIds: [orgs.dev, orgs.mhlw, unknownId] } }, 'body.audience.organizationIds.2'],
      [{ audience: { kind: 'organizations', organizationIds: [orgs.secretariat] } }, 'body.audience.organizationIds.0'],
      [{ audience: { kind: 'organizations', organizationIds: [orgs.dev, 'nope'] } }, 'body.audience.organizationIds.1'],
      [{ audience: { kind: 'businessAreas', businessAreas: ['resident-register', 'moon-base'] } }, 'body.audience.businessAreas.1'],
      [{ audience: { kind: 'organizations', organizationIds: [] } }, 'body.audience.organizationIds'],
      [{ audience: { kind: 'martians' } }, 'body.audience.kind'],
      [{ body: '   ' }, 'body.body'],
      [{ title: 'x'.repeat(201) }, 'body.title'],
      [{ importance: 'urgent' }, 'body.importance'],
      [{ deadline: '2027-01-29 17:00' }, 'body.deadline'],
    ];
    for (const [override, field] of bad) {
      const res = await secretariat.post<ErrorBody>('/api/announcements', {
        title: '検証',
        body: '本文',
        audience: { kind: 'everyone' },
        ...override,
      });
      expect(res.status, `${field}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error.field).toBe(field);
    }
    const a = await draft();
    const res = await secretariat.patch<ErrorBody>(`/api/announcements/${a.id}`, {
      audience: { kind: 'organizations', organizationIds: [orgs.dev, orgs.dev2, unknownId] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('body.audience.organizationIds.2');
  });

  it('is corrected after publication (audited, marked 訂正) and withdrawn (still readable, no longer confirmed)', async () => {
    const a = await published({ audience: { kind: 'everyone' } });
    expect(a.correctedAt).toBeNull();
    const same = await secretariat.patch<Announcement>(`/api/announcements/${a.id}`, { title: a.title });
    expect(same.body.correctedAt, 'an unchanged field is no correction').toBeNull();
    const corrected = await secretariat.patch<Announcement>(`/api/announcements/${a.id}`, { body: '訂正後の本文です。' });
    expect(corrected.status).toBe(200);
    expect(corrected.body.correctedAt).not.toBeNull();
    expect((await dev.get<Announcement>(`/api/announcements/${a.id}`)).body.body).toBe('訂正後の本文です。');
    const audit = await secretariat.get<AuditPage>('/api/audit?category=announcement');
    const mine = audit.body.entries.filter((e) => e.target?.id === a.id).map((e) => [e.action, e.detail]);
    expect(mine).toContainEqual(['announcement.corrected', { fields: ['body'] }]);
    expect(mine.map(([action]) => action)).toContain('announcement.published');

    expect((await secretariat.post(`/api/announcements/${a.id}/publish`)).status).toBe(409);
    const withdrawn = await secretariat.post<Announcement>(`/api/announcements/${a.id}/withdraw`);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await dev.get<Announcement>(`/api/announcements/${a.id}`)).body.status).toBe('withdrawn');
    expect((await confirm(dev, a.id)).status).toBe(409);
    expect(await pendingIds(dev)).not.toContain(a.id);
    expect((await secretariat.patch(`/api/announcements/${a.id}`, { title: '再訂正' })).status).toBe(409);
    expect((await secretariat.post(`/api/announcements/${a.id}/withdraw`)).status).toBe(409);
  });
});

describe('who reads, lists and confirms', () => {
  it('a development-vendors-only announcement: neither an observer nor a support vendor can list, read or confirm it', async () => {
    const a = await published({ audience: { kind: 'developmentVendors' } });
    for (const c of [dev, dev2]) {
      expect(await listIds(c)).toContain(a.id);
      expect(await pendingIds(c)).toContain(a.id);
      const detail = await c.get<Announcement>(`/api/announcements/${a.id}`);
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({ awaitingMyConfirmation: true, myConfirmation: null, counts: null });
      expect(detail.body.abilities).toMatchObject({ confirm: true, edit: false, track: false });
    }
    for (const c of [support, mhlw, jlis]) {
      expect(await listIds(c)).not.toContain(a.id);
      expect(await listIds(c, '?unconfirmed=true')).not.toContain(a.id);
      expect(await pendingIds(c)).not.toContain(a.id);
      expect((await c.get(`/api/announcements/${a.id}`)).status).toBe(404);
      expect((await confirm(c, a.id)).status).toBe(404);
    }
    // The secretariat reads everything but confirms nothing.
    expect((await secretariat.get(`/api/announcements/${a.id}`)).status).toBe(200);
    expect((await confirm(secretariat, a.id)).status).toBe(403);
    // Vendors may not track.
    expect((await dev.get(`/api/announcements/${a.id}/tracker`)).status).toBe(403);
  });

  it('a business-area audience reaches the vendors whose profile covers an area; an organisation list reaches exactly those', async () => {
    // The profiles say which areas each vendor covers (the secretariat keeps them).
    for (const [id, businessAreas] of [
      [orgs.dev, ['resident-register', 'national-pension']],
      [orgs.dev2, ['fixed-asset-tax']],
    ] as const) {
      expect((await secretariat.patch(`/api/organizations/${id}`, { businessAreas })).status).toBe(200);
    }
    const byArea = await published({ audience: { kind: 'businessAreas', businessAreas: ['national-pension', 'child-allowance'] } });
    expect(await listIds(dev)).toContain(byArea.id);
    expect((await dev.get(`/api/announcements/${byArea.id}`)).status).toBe(200);
    // Not dev2 (other areas), nor a ministry that owns the area (a business-area audience is vendors).
    expect((await dev2.get(`/api/announcements/${byArea.id}`)).status).toBe(404);
    expect((await mhlw.get(`/api/announcements/${byArea.id}`)).status).toBe(404);
    // A change of profile changes who is addressed.
    expect((await secretariat.patch(`/api/organizations/${orgs.dev2}`, { businessAreas: ['child-allowance'] })).status).toBe(200);
    expect((await dev2.get(`/api/announcements/${byArea.id}`)).status).toBe(200);
    const named = await published({ audience: { kind: 'organizations', organizationIds: [orgs.support, orgs.jlis] } });
    expect((await support.get(`/api/announcements/${named.id}`)).status).toBe(200);
    expect((await jlis.get(`/api/announcements/${named.id}`)).status).toBe(200);
    expect((await dev.get(`/api/announcements/${named.id}`)).status).toBe(404);
    // Only the secretariat is shown which organisations were named.
    expect((await support.get<Announcement>(`/api/announcements/${named.id}`)).body.audience.organizations).toEqual([]);
    expect(
      (await secretariat.get<Announcement>(`/api/announcements/${named.id}`)).body.audience.organizations.map((o) => o.id).sort(),
    ).toEqual([orgs.support, orgs.jlis].sort());
  });

  it('an organisation confirms once: five members at once make one record, and each gets it back', async () => {
    const a = await published({ audience: { kind: 'organizations', organizationIds: [orgs.dev, orgs.dev2] } });
    const extra = await Promise.all(
      [1, 2, 3].map(async (n) => {
        const email = `announce-${n}-${randomUUID().slice(0, 8)}@example.jp`;
        const res = await secretariat.post<{ user: User; temporaryPassword: string }>(`/api/organizations/${orgs.dev}/users`, {
          email,
          displayName: `確認者 ${n}`,
          role: 'member',
        });
        expect(res.status).toBe(201);
        return server.signIn(email, res.body.temporaryPassword);
      }),
    );
    const results = await Promise.all([dev, devAdmin, ...extra].map((c) => confirm(c, a.id)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(results.filter((r) => !r.body.alreadyConfirmed)).toHaveLength(1);
    const first = results.find((r) => !r.body.alreadyConfirmed)!.body.confirmation;
    for (const r of results) expect(r.body.confirmation).toEqual(first);
    expect(first.organization.id).toBe(orgs.dev);

    const t = (await tracker(a.id)).body;
    expect(t.counts).toEqual({ audience: 2, confirmed: 1, unconfirmed: 1 });
    expect(t.rows.filter((r) => r.confirmed).map((r) => [r.organization.id, r.by?.id, r.at])).toEqual([[orgs.dev, first.by.id, first.at]]);
    // Everyone in the organisation now sees it confirmed, by whom and when; the banner has it no longer.
    const seen = (await devAdmin.get<Announcement>(`/api/announcements/${a.id}`)).body;
    expect(seen).toMatchObject({ awaitingMyConfirmation: false, myConfirmation: first });
    expect(await pendingIds(devAdmin)).not.toContain(a.id);
    expect(await listIds(devAdmin, '?unconfirmed=true')).not.toContain(a.id);
    expect(await listIds(dev2, '?unconfirmed=true')).toContain(a.id);
    // Confirming again later is the same record, no error.
    const again = await confirm(dev, a.id);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ confirmation: first, alreadyConfirmed: true });
  });

  it('an announcement that does not ask for confirmation is not confirmed, not pending and not reminded of', async () => {
    const a = await published({ mustConfirm: false, audience: { kind: 'everyone' } });
    expect(await pendingIds(support)).not.toContain(a.id);
    expect((await confirm(support, a.id)).status).toBe(409);
    expect((await secretariat.post(`/api/announcements/${a.id}/remind`)).status).toBe(409);
    expect((await support.get<Announcement>(`/api/announcements/${a.id}`)).body.abilities.confirm).toBe(false);
  });
});

describe('live', () => {
  it('a confirmation reaches the colleagues’ sockets (and the secretariat’s), not another organisation’s', async () => {
    const a = await published({ audience: { kind: 'developmentVendors' } });
    const [colleague, other, desk] = await Promise.all([open(devAdmin), open(dev2), open(secretariat)]);
    const otherHeard = collect<{ announcementId: string }>(other, 'announcement.confirmed');
    const heard = nextEvent<{ announcementId: string; organizationId: string }>(
      colleague,
      'announcement.confirmed',
      (p) => p.announcementId === a.id,
    );
    const deskHeard = nextEvent<{ announcementId: string; organizationId: string }>(
      desk,
      'announcement.confirmed',
      (p) => p.announcementId === a.id,
    );
    expect((await confirm(dev, a.id)).status).toBe(200);
    expect(await heard).toEqual({ announcementId: a.id, organizationId: orgs.dev });
    expect(await deskHeard).toEqual({ announcementId: a.id, organizationId: orgs.dev });
    // Sentinel: the other organisation's own confirmation arrives after anything sent before it.
    const own = nextEvent<{ organizationId: string }>(other, 'announcement.confirmed', (p) => p.organizationId === orgs.dev2);
    expect((await confirm(dev2, a.id)).status).toBe(200);
    await own;
    expect(otherHeard.filter((p) => p.announcementId === a.id)).toHaveLength(1);
  });

  it('publishing tells the audience’s sockets, not the others', async () => {
    const a = await draft({ audience: { kind: 'supportVendors' } });
    const [addressed, outside] = await Promise.all([open(support), open(jlis)]);
    const outsideHeard = collect<{ announcementId: string }>(outside, 'announcement.changed');
    const heard = nextEvent<{ announcementId: string }>(addressed, 'announcement.changed', (p) => p.announcementId === a.id);
    expect((await secretariat.post(`/api/announcements/${a.id}/publish`)).status).toBe(200);
    await heard;
    // Sentinel: an announcement for observers reaches the observer after the first would have.
    const forObservers = await draft({ audience: { kind: 'observers' } });
    const sentinel = nextEvent<{ announcementId: string }>(outside, 'announcement.changed', (p) => p.announcementId === forObservers.id);
    expect((await secretariat.post(`/api/announcements/${forObservers.id}/publish`)).status).toBe(200);
    await sentinel;
    expect(outsideHeard.map((p) => p.announcementId)).not.toContain(a.id);
  });
});

describe('the tracker', () => {
  it('counts the audience, filters by state and kind, exports what it shows, and reminds the rest (logged)', async () => {
    const a = await published({ audience: { kind: 'organizations', organizationIds: [orgs.dev, orgs.dev2, orgs.support, orgs.mhlw] } });
    expect((await confirm(dev, a.id)).status).toBe(200);
    expect((await confirm(mhlw, a.id)).status).toBe(200);

    const all = (await tracker(a.id)).body;
    expect(all.counts).toEqual({ audience: 4, confirmed: 2, unconfirmed: 2 });
    expect(all.byKind).toEqual([
      { kind: 'development', audience: 2, confirmed: 1 },
      { kind: 'support', audience: 1, confirmed: 0 },
      { kind: 'ministry', audience: 1, confirmed: 1 },
    ]);
    expect(all.rows.map((r) => r.confirmed)).toEqual([false, false, true, true]);
    const unconfirmed = (await tracker(a.id, '?state=unconfirmed')).body;
    expect(unconfirmed.rows.map((r) => r.organization.id).sort()).toEqual([orgs.dev2, orgs.support].sort());
    expect(unconfirmed.counts, 'counts are over the whole audience').toEqual(all.counts);
    const developmentConfirmed = (await tracker(a.id, '?state=confirmed&kind=development')).body;
    expect(developmentConfirmed.rows.map((r) => r.organization.id)).toEqual([orgs.dev]);
    expect((await tracker(a.id, '?state=maybe')).status).toBe(400);
    // The secretariat's detail and list carry the counts.
    expect((await secretariat.get<Announcement>(`/api/announcements/${a.id}`)).body.counts).toEqual({ audience: 4, confirmed: 2 });

    const file = await secretariat.download(`/api/announcements/${a.id}/tracker.xlsx?state=all`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('spreadsheetml');
    expect(file.headers.get('content-disposition')).toContain('announcement-confirmations');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.data as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows = sheet.getSheetValues().slice(1) as unknown[][];
    expect(rows[0]!.slice(1)).toEqual(['組織', '種別', '確認状況', '確認者', '確認日時']);
    expect(rows.slice(1).map((r) => [r[1], r[2], r[3]])).toEqual(
      all.rows.map((r) => [
        r.organization.nameJa,
        { development: '開発事業者', support: '支援事業者', ministry: '府省', body: '団体' }[r.kind],
        r.confirmed ? '確認済み' : '未確認',
      ]),
    );
    const devRow = rows.find((r) => r[1] === all.rows.find((x) => x.organization.id === orgs.dev)!.organization.nameJa)!;
    expect(devRow[4]).toBe('鈴木 美咲');
    expect(devRow[5]).toBeInstanceOf(Date);
    const onlyUnconfirmed = await secretariat.download(`/api/announcements/${a.id}/tracker.xlsx?state=unconfirmed`);
    const second = new ExcelJS.Workbook();
    await second.xlsx.load(onlyUnconfirmed.data as unknown as ArrayBuffer);
    expect(second.worksheets[0]!.rowCount).toBe(3);
    expect((await dev.download(`/api/announcements/${a.id}/tracker.xlsx`)).status).toBe(403);

    // Remind the two that have not confirmed: logged with how many organisations and people, audited.
    expect((await dev.post(`/api/announcements/${a.id}/remind`)).status).toBe(403);
    // Three asked at once (a double click, two secretariat members): one is sent.
    const asked = await Promise.all([1, 2, 3].map(() => secretariat.post<Reminder>(`/api/announcements/${a.id}/remind`)));
    expect(asked.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const reminded = asked.find((r) => r.status === 201)!;
    expect(reminded.body.organizations).toBe(2);
    expect(reminded.body.people).toBeGreaterThanOrEqual(2); // dev2 and support, and whoever else is active there
    expect(reminded.body.by.displayName).toBe('山田 花子');
    const log = (await tracker(a.id)).body.reminders;
    expect(log).toEqual([reminded.body]);
    const audit = await secretariat.get<AuditPage>('/api/audit?category=announcement');
    expect(audit.body.entries.find((e) => e.action === 'announcement.reminded' && e.target?.id === a.id)?.detail).toEqual({
      organizations: 2,
      people: reminded.body.people,
    });
    const exports = await secretariat.get<AuditPage>('/api/audit?category=export');
    expect(exports.body.entries.some((e) => e.action === 'export.announcementTracker' && e.target?.id === a.id)).toBe(true);

    // Once everyone has confirmed there is nobody to remind.
    expect((await confirm(dev2, a.id)).status).toBe(200);
    expect((await confirm(support, a.id)).status).toBe(200);
    expect((await secretariat.post(`/api/announcements/${a.id}/remind`)).status).toBe(409);
    expect((await tracker(a.id)).body.counts).toEqual({ audience: 4, confirmed: 4, unconfirmed: 0 });
  });

  it('lists newest first, a page at a time, with the reader’s organisation’s state', async () => {
    const older = await published({ audience: { kind: 'supportVendors' } });
    const newer = await published({ audience: { kind: 'supportVendors' } });
    const page = (await support.get<AnnouncementList>('/api/announcements')).body;
    expect(page.page).toBe(1);
    expect(page.pageSize).toBe(20);
    const ids = page.announcements.map((a) => a.id);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
    expect(page.announcements.find((a) => a.id === newer.id)).toMatchObject({ awaitingMyConfirmation: true, counts: null });
    expect((await support.get('/api/announcements?page=0')).status).toBe(400);
    expect((await support.get('/api/announcements?unconfirmed=maybe')).status).toBe(400);
  });
});
