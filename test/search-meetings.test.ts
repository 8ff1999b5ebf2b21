/**
 * "Search everywhere" over meetings, their agenda and minutes, and announcements, on the real server and database
 * (GET /api/search): each found by its words as soon as the write resolves, found again by its new words after an
 * edit and no longer by the old, and only by those who may read it now — drafts, circulated minutes, audiences.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Announcement } from '../shared/schemas/announcements';
import type { Meeting } from '../shared/schemas/meetings';
import type { EverythingPage, SearchKind, SearchResult } from '../shared/schemas/search';
import { AnnouncementModel } from '../server/announcements/model';
import { MeetingModel } from '../server/meetings/model';
import { announcementSearch } from '../server/search/kinds/announcements';
import { meetingSearch } from '../server/search/kinds/meetings';
import type { SearchSource } from '../server/search/kinds/types';
import type { ApiClient } from './support/client';
import type { Me } from './support/json';
import { startTestServer, type TestServer } from './support/server';

const PEOPLE = {
  secretariat: 'secretariat@demo.example',
  dev: 'dev@demo.example',
  dev2: 'dev2@demo.example',
  support: 'support@demo.example',
  mhlw: 'mhlw@demo.example',
} as const;
type Who = keyof typeof PEOPLE;
const EVERYONE = Object.keys(PEOPLE) as Who[];

let server: TestServer;
const as = {} as Record<Who, ApiClient>;
const orgs = {} as Record<Who, string>;

beforeAll(async () => {
  server = await startTestServer();
  await Promise.all(
    EVERYONE.map(async (who) => {
      as[who] = await server.signIn(PEOPLE[who]);
      orgs[who] = (await as[who].get<Me>('/api/me')).body.organization.id;
    }),
  );
}, 60_000);
afterAll(() => server?.close());

/** A word found nowhere else: a Latin word is one token, matched whole. */
const word = () => `kw${randomBytes(5).toString('hex')}`;

async function search(who: Who, q: string, kinds?: readonly SearchKind[]): Promise<SearchResult[]> {
  const res = await as[who].get<EverythingPage>(`/api/search?q=${encodeURIComponent(q)}${kinds ? `&kinds=${kinds.join(',')}` : ''}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.results;
}
/** The `kind:id` of every result `who` gets for `q`. */
const found = async (who: Who, q: string, kinds?: readonly SearchKind[]) => (await search(who, q, kinds)).map((r) => `${r.kind}:${r.id}`);
/** Who of `people` find `key` by `q`. */
async function findersOf(key: string, q: string, people: readonly Who[] = EVERYONE): Promise<Who[]> {
  const hits = await Promise.all(people.map(async (who) => ((await found(who, q)).includes(key) ? [who] : [])));
  return hits.flat();
}

async function createMeeting(body: Record<string, unknown>): Promise<Meeting> {
  const res = await as.secretariat.post<Meeting>('/api/meetings', {
    kind: 'consultation',
    startsAt: '2027-02-03T10:00:00+09:00',
    endsAt: '2027-02-03T12:00:00+09:00',
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
async function move(m: Meeting, ...to: string[]) {
  for (const status of to) {
    const res = await as.secretariat.post(`/api/meetings/${m.id}/status`, { to: status });
    expect(res.status, `→ ${status}: ${JSON.stringify(res.body)}`).toBe(200);
  }
}
async function patchMeeting(m: Meeting, body: Record<string, unknown>) {
  const res = await as.secretariat.patch<Meeting>(`/api/meetings/${m.id}`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

describe('meetings', () => {
  it('are found by a title word and a description or venue word, a draft by the secretariat only', async () => {
    const [inTitle, inDescription, inVenue] = [word(), word(), word()];
    const m = await createMeeting({
      title: `課題協議会議 ${inTitle} 住民記録の移行`,
      description: `移行手順の確認。${inDescription} を持参してください。`,
      venue: `霞が関 ${inVenue} 会議室`,
    });
    const key = `meeting:${m.id}`;

    // A draft: the secretariat finds it; nobody else, by any of its words.
    for (const q of [inTitle, inDescription, inVenue]) expect(await findersOf(key, q)).toEqual(['secretariat']);

    await move(m, 'scheduled');
    for (const q of [inTitle, inDescription, inVenue, `住民記録 ${inTitle}`]) expect(await findersOf(key, q)).toEqual(EVERYONE);
    const [hit] = (await search('dev', inTitle)).filter((r) => r.id === m.id);
    expect(hit).toMatchObject({
      kind: 'meeting',
      title: m.title,
      href: `/meetings/${m.id}`,
      where: '課題協議会議（2027年2月3日）',
      status: 'scheduled',
      at: new Date('2027-02-03T10:00:00+09:00').toISOString(),
    });
    expect(hit!.titleHighlights).toHaveLength(1);
    // A description word is a body hit: the snippet shows it, the title is not highlighted.
    const [byDescription] = (await search('dev', inDescription)).filter((r) => r.id === m.id);
    expect(byDescription!.snippet).toContain(inDescription);
    expect(byDescription!.titleHighlights).toEqual([]);

    // Back to draft: gone again for everyone but the secretariat.
    await move(m, 'draft');
    expect(await findersOf(key, inTitle)).toEqual(['secretariat']);
  });

  it('are found by the new words of an edited title and description, and no longer by the old', async () => {
    const [before, after, oldDescription, newDescription] = [word(), word(), word(), word()];
    const m = await createMeeting({ kind: 'plenary', title: `全体会議 ${before}`, description: `議題 ${oldDescription}` });
    await move(m, 'scheduled');
    expect(await found('support', before)).toContain(`meeting:${m.id}`);

    await patchMeeting(m, { title: `全体会議 ${after}`, description: `議題 ${newDescription}` });
    for (const who of ['secretariat', 'support'] as const) {
      expect(await found(who, after)).toEqual([`meeting:${m.id}`]);
      expect(await found(who, newDescription)).toEqual([`meeting:${m.id}`]);
      expect(await found(who, before)).toEqual([]);
      expect(await found(who, oldDescription)).toEqual([]);
    }
  });

  it('have their agenda found by an item’s title and presenter (kind agenda), following edits', async () => {
    const [item, meetingWord, replaced] = [word(), word(), word()];
    const m = await createMeeting({
      title: `協議 ${meetingWord}`,
      agenda: [
        { title: `標準仕様 ${item} の改定`, minutes: 30, presenterOrganizationId: orgs.dev },
        { title: '質疑', minutes: 10 },
      ],
    });
    await move(m, 'scheduled');
    const key = `agenda:${m.id}`;
    expect(await findersOf(key, item)).toEqual(EVERYONE);
    // The agenda is its own kind: the meeting is not found by an item's title, nor the agenda by the meeting's.
    expect(await found('mhlw', item)).toEqual([key]);
    expect(await found('mhlw', meetingWord)).toEqual([`meeting:${m.id}`]);
    expect(await found('mhlw', item, ['meeting'])).toEqual([]);

    const [hit] = await search('mhlw', item, ['agenda']);
    expect(hit).toMatchObject({
      kind: 'agenda',
      id: m.id,
      href: `/meetings/${m.id}`,
      where: `協議 ${meetingWord}（2027年2月3日）`,
      status: 'scheduled',
    });
    expect(hit!.snippet).toContain(item);
    // The presenting organisation's name is on the item's line.
    const presenter = m.agenda[0]!.presenter!.nameJa;
    expect(hit!.snippet).toContain(presenter);
    expect(await found('mhlw', `${item} ${presenter}`)).toEqual([key]);

    await patchMeeting(m, { agenda: [{ title: `運用 ${replaced}`, minutes: 20 }] });
    expect(await found('dev', replaced)).toEqual([key]);
    expect(await found('dev', item)).toEqual([]);

    // No agenda left: nothing to find.
    await patchMeeting(m, { agenda: [] });
    expect(await found('secretariat', replaced)).toEqual([]);
  });
});

describe('minutes', () => {
  it('are found by the secretariat while drafted, by presenters once circulated, by every reader once published', async () => {
    const [summary, decision, action, edited] = [word(), word(), word(), word()];
    const m = await createMeeting({
      title: `議事録検索 ${word()}`,
      agenda: [{ title: '議題', minutes: 30, presenterOrganizationId: orgs.dev }],
    });
    await move(m, 'scheduled', 'live', 'ended');
    const key = `minutes:${m.id}`;
    const put = async (text: string) => {
      const res = await as.secretariat.put<Meeting>(`/api/meetings/${m.id}/minutes`, {
        items: [
          {
            agendaItemId: m.agenda[0]!.id,
            summary: `移行計画について ${text} を議論した。`,
            decisions: [{ text: `次回までに ${decision} を決める。` }],
            actionItems: [{ text: `${action} の資料を用意する`, ownerOrganizationId: orgs.dev }],
          },
        ],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    await put(summary);

    // Drafted: the secretariat's only, by the summary, a decision or an action item.
    for (const q of [summary, decision, action]) expect(await findersOf(key, q)).toEqual(['secretariat']);
    const [hit] = await search('secretariat', summary, ['minutes']);
    expect(hit).toMatchObject({ kind: 'minutes', id: m.id, href: `/meetings/${m.id}/minutes/view`, status: 'ended' });
    expect(hit!.title).toContain(m.title);

    // Circulated for confirmation: the presenting organisation reads the draft too; the others still do not.
    expect((await as.secretariat.post(`/api/meetings/${m.id}/minutes/circulate`)).status).toBe(200);
    expect(await findersOf(key, summary)).toEqual(['secretariat', 'dev']);

    // A revision of the circulated draft: the new text is found and the old is not.
    await put(edited);
    expect(await findersOf(key, edited)).toEqual(['secretariat', 'dev']);
    expect(await findersOf(key, summary)).toEqual([]);

    // Published: every reader of the meeting.
    expect((await as.secretariat.post(`/api/meetings/${m.id}/minutes/publish`)).status).toBe(200);
    expect(await findersOf(key, edited)).toEqual(EVERYONE);
    expect(await findersOf(key, decision)).toEqual(EVERYONE);
    const [published] = await search('support', action);
    expect(published).toMatchObject({ kind: 'minutes', id: m.id, status: 'minutesPublished' });
  });

  it('are gone once every item is taken out of them', async () => {
    const summary = word();
    const m = await createMeeting({ title: `会議 ${word()}`, agenda: [{ title: '議題', minutes: 30 }] });
    await move(m, 'scheduled', 'live', 'ended');
    const put = (items: unknown[]) => as.secretariat.put<Meeting>(`/api/meetings/${m.id}/minutes`, { items });
    expect((await put([{ agendaItemId: m.agenda[0]!.id, summary: `${summary} について報告があった。` }])).status).toBe(200);
    expect(await found('secretariat', summary)).toEqual([`minutes:${m.id}`]);
    expect((await put([])).status).toBe(200);
    expect(await found('secretariat', summary)).toEqual([]);
  });
});

describe('a rebuild', () => {
  it('reads meetings and announcements (lean) into the same entries their writes indexed (hydrated)', async () => {
    const m = await createMeeting({
      title: `再構築 ${word()}`,
      description: `説明 ${word()}`,
      venue: '会議室',
      agenda: [{ title: `議題 ${word()}`, minutes: 30, presenterOrganizationId: orgs.dev }],
    });
    await move(m, 'scheduled', 'live', 'ended');
    const minutes = await as.secretariat.put(`/api/meetings/${m.id}/minutes`, {
      items: [{ agendaItemId: m.agenda[0]!.id, summary: '要旨', decisions: [{ text: '決定' }], actionItems: [{ text: '宿題' }] }],
    });
    expect(minutes.status).toBe(200);
    const a = await draftAnnouncement({ title: `再構築 ${word()}`, body: '**本文**' });

    const check = async <Doc>(source: SearchSource<Doc>, hydrated: (id: string) => Promise<unknown>, id: string) => {
      const lean: Doc[] = [];
      for await (const doc of source.all()) if (String((doc as { _id: unknown })._id) === id) lean.push(doc);
      expect(lean).toHaveLength(1);
      const entries = source.entriesOf(lean[0]!);
      expect(entries).toEqual(source.entriesOf((await hydrated(id)) as Doc));
      return entries;
    };
    expect(await check(meetingSearch, (id) => MeetingModel.findById(id), m.id)).toEqual([
      { kind: 'meeting', id: m.id, title: m.title, body: `${m.description}\n会議室` },
      { kind: 'agenda', id: m.id, title: '', body: `${m.agenda[0]!.title}（${m.agenda[0]!.presenter!.nameJa}）` },
      { kind: 'minutes', id: m.id, title: '', body: '要旨\n決定\n宿題' },
    ]);
    expect(await check(announcementSearch, (id) => AnnouncementModel.findById(id), a.id)).toEqual([
      { kind: 'announcement', id: a.id, title: a.title, body: '本文' },
    ]);
  });
});

async function draftAnnouncement(body: Record<string, unknown>): Promise<Announcement> {
  const res = await as.secretariat.post<Announcement>('/api/announcements', { audience: { kind: 'developmentVendors' }, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
async function publishAnnouncement(a: Announcement): Promise<Announcement> {
  const res = await as.secretariat.post<Announcement>(`/api/announcements/${a.id}/publish`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

describe('announcements', () => {
  it('are found by their audience once published, a draft by the secretariat only', async () => {
    const [inTitle, inBody] = [word(), word()];
    const a = await draftAnnouncement({
      title: `標準仕様書 ${inTitle} の改定について`,
      body: `## 改定内容\n\n各社で **${inBody}** を確認してください。`,
    });
    const key = `announcement:${a.id}`;
    for (const q of [inTitle, inBody]) expect(await findersOf(key, q)).toEqual(['secretariat']);

    const published = await publishAnnouncement(a);
    // Development vendors (dev, dev2) are the audience; the secretariat reads every announcement.
    for (const q of [inTitle, inBody]) expect(await findersOf(key, q)).toEqual(['secretariat', 'dev', 'dev2']);
    const [hit] = await search('dev', inBody);
    expect(hit).toMatchObject({
      kind: 'announcement',
      id: a.id,
      title: a.title,
      href: `/announcements/${a.id}`,
      who: a.author.displayName,
      status: 'published',
      at: published.publishedAt,
      where: null,
    });
    // The body is searched as its words, without its markdown.
    expect(hit!.snippet).toContain(`各社で ${inBody} を確認`);
  });

  it('for another audience are not found', async () => {
    const [forSupport, forObservers] = [word(), word()];
    const a = await publishAnnouncement(
      await draftAnnouncement({ title: `支援事業者向け ${forSupport}`, body: '本文', audience: { kind: 'supportVendors' } }),
    );
    const b = await publishAnnouncement(
      await draftAnnouncement({ title: `オブザーバー向け ${forObservers}`, body: '本文', audience: { kind: 'observers' } }),
    );
    expect(await findersOf(`announcement:${a.id}`, forSupport)).toEqual(['secretariat', 'support']);
    expect(await findersOf(`announcement:${b.id}`, forObservers)).toEqual(['secretariat', 'mhlw']);
  });

  it('are found by their corrected words, not the old; withdrawn ones stay found by their readers, as the page shows them', async () => {
    const [before, after] = [word(), word()];
    const a = await publishAnnouncement(await draftAnnouncement({ title: `お知らせ ${before}`, body: '本文' }));
    const key = `announcement:${a.id}`;
    expect(await found('dev', before)).toEqual([key]);

    const res = await as.secretariat.patch(`/api/announcements/${a.id}`, { title: `お知らせ ${after}` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await found('dev', after)).toEqual([key]);
    expect(await found('dev', before)).toEqual([]);

    expect((await as.secretariat.post(`/api/announcements/${a.id}/withdraw`)).status).toBe(200);
    expect((await as.dev.get(`/api/announcements/${a.id}`)).status).toBe(200);
    expect((await search('dev', after)).map((r) => [r.id, r.status])).toEqual([[a.id, 'withdrawn']]);
    expect(await findersOf(key, after)).toEqual(['secretariat', 'dev', 'dev2']);
  });
});
