/**
 * "Search everywhere" over the register and the directory (docs/SEARCH.md): issues, their comments and official
 * answers, and organisations — found through GET /api/search, again after an edit and never by their old text,
 * gone when removed, and only for readers who may read them.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Issue, IssueComment } from '../shared/schemas/issues';
import type { EverythingPage, SearchKind, SearchResult } from '../shared/schemas/search';
import { IssueCommentModel, IssueModel } from '../server/issues/model';
import { OrganizationModel } from '../server/organizations/model';
import { issueCommentSearch } from '../server/search/kinds/issueComments';
import { issueSearch } from '../server/search/kinds/issues';
import { organizationSearch } from '../server/search/kinds/organizations';
import { keyOf, searchIndex } from '../server/search/store';
import { corporateNumber, createAccount, signInPersona, type Persona } from './support/authz';
import type { ApiClient } from './support/client';
import type { Organization, OrganizationList } from './support/json';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
let dev: Persona; // development vendor A, member: raises the issues
let dev2: Persona; // development vendor B
let support: Persona; // support vendor
let secretariat: Persona;
let mhlw: Persona; // ministry observer: the issues below are routed to it
let jlis: Persona; // body observer
let mic: Persona; // a ministry the issues are not routed to
let deactivated: Persona;

beforeAll(async () => {
  server = await startTestServer();
  const demo = async (key: Persona['key'], email: string) => signInPersona(server, key, email);
  [dev, dev2, support, secretariat, mhlw, jlis] = await Promise.all([
    demo('vendorMember', 'dev@demo.example'),
    demo('otherDevelopmentVendor', 'dev2@demo.example'),
    demo('supportVendor', 'support@demo.example'),
    demo('secretariat', 'secretariat@demo.example'),
    demo('ministryRouted', 'mhlw@demo.example'),
    demo('bodyObserver', 'jlis@demo.example'),
  ]);
  const orgs = (await secretariat.client.get<OrganizationList>('/api/organizations')).body.organizations;
  const micAccount = await createAccount(secretariat.client, orgs.find((o) => o.key === 'mic')!.id);
  mic = await signInPersona(server, 'ministryNotRouted', micAccount.email, micAccount.password);
  // Deactivated by the secretariat after signing in: the old session is kept, the account may read nothing.
  const leaver = await createAccount(secretariat.client, dev.actor!.organization.id);
  const signedIn = await signInPersona(server, 'deactivated', leaver.email, leaver.password);
  expect((await secretariat.client.post(`/api/users/${leaver.user.id}/deactivate`)).status).toBe(200);
  deactivated = { ...signedIn, actor: { ...signedIn.actor!, active: false } };
});
afterAll(() => server.close());

/** A word no other test's text holds: lower-case Latin letters and digits. */
const uniqueWord = (prefix: string) => `${prefix}${randomUUID().replace(/-/g, '').slice(0, 10)}`;
const KATAKANA = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモラリルレロ';
const HALF_WIDTH = 'ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾗﾘﾙﾚﾛ';
/** Katakana no other text holds, and the same in hiragana and half-width katakana (as a member might type it). */
function uniqueKana(): { katakana: string; hiragana: string; halfWidth: string } {
  const picks = Array.from({ length: 8 }, () => randomInt(KATAKANA.length));
  const katakana = picks.map((i) => KATAKANA[i]).join('');
  return {
    katakana,
    hiragana: katakana.replace(/[ァ-ヶ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60)),
    halfWidth: picks.map((i) => HALF_WIDTH[i]).join(''),
  };
}

async function search(who: Persona, q: string, kinds: readonly SearchKind[]): Promise<SearchResult[]> {
  const res = await who.client.get<EverythingPage>(`/api/search?q=${encodeURIComponent(q)}&kinds=${kinds.join(',')}&limit=50`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.results;
}
const idsFound = async (who: Persona, q: string, kinds: readonly SearchKind[]) => (await search(who, q, kinds)).map((r) => r.id);

async function raise(client: ApiClient, title: string, description: string): Promise<Issue> {
  const res = await client.post<Issue>('/api/issues', {
    title,
    description,
    businessAreas: ['national-health-insurance'],
    category: 'spec',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function post(client: ApiClient, issueId: string, kind: 'comments' | 'answers', body: string): Promise<IssueComment> {
  const res = await client.post<IssueComment>(`/api/issues/${issueId}/${kind}`, { body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Whether the index itself still holds a key among a query's candidates (not only whether a reader is shown it). */
async function indexed(q: string, kind: SearchKind, id: string): Promise<boolean> {
  const { candidates } = await searchIndex.query(q, { limit: 1_000 });
  return candidates.some((c) => c.key === keyOf(kind, id));
}

describe('issues', () => {
  it('are found by a title word, a description word and their number exactly, with where, who, status and link', async () => {
    const word = uniqueWord('kadai');
    const descWord = uniqueWord('setsumei');
    const issue = await raise(dev.client, `負担割合の算定方法 ${word}`, `**標準仕様書**の記載では ${descWord} の扱いが曖昧です。`);

    const [hit] = await search(jlis, `負担割合 ${word}`, ['issue']);
    expect(hit).toMatchObject({
      kind: 'issue',
      id: issue.id,
      title: `負担割合の算定方法 ${word}`,
      where: issue.number,
      href: `/register/${issue.id}`,
      who: `${issue.raisedBy.displayName}（${issue.raisedBy.organization.nameJa}）`,
      number: issue.number,
      status: 'new',
    });
    expect(hit!.title.slice(...hit!.titleHighlights[0]!)).toBe('負担割合');

    // The description as plain text: the markdown's marks are not part of it.
    const [byDescription] = await search(jlis, descWord, ['issue']);
    expect(byDescription?.id).toBe(issue.id);
    expect(byDescription!.snippet).toContain(`標準仕様書の記載では ${descWord}`);
    expect(byDescription!.snippet.slice(...byDescription!.highlights[0]!)).toBe(descWord);

    // The number is found exactly: as typed with a Japanese IME too, but not as a part of a longer number.
    expect(await idsFound(jlis, issue.number, ['issue'])).toEqual([issue.id]);
    const imeTyped = issue.number.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).replace('-', 'ー');
    expect(await idsFound(jlis, imeTyped, ['issue'])).toEqual([issue.id]);
    expect(await idsFound(jlis, `${issue.number}9`, ['issue'])).toEqual([]);
    expect(await idsFound(jlis, issue.number.slice(0, -1), ['issue'])).not.toContain(issue.id);
  });

  it('are found by their new text after an edit, never by the old; a change of status is seen at once', async () => {
    const before = uniqueWord('mae');
    const after = uniqueWord('ato');
    const issue = await raise(dev.client, `介護保険の様式 ${before}`, `変更前の説明 ${before}desc`);
    expect(await idsFound(dev2, before, ['issue'])).toEqual([issue.id]);

    const edited = await dev.client.patch<Issue>(`/api/issues/${issue.id}`, {
      title: `介護保険の様式 ${after}`,
      description: `変更後の説明 ${after}desc`,
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(await idsFound(dev2, before, ['issue'])).toEqual([]);
    expect(await idsFound(dev2, `${before}desc`, ['issue'])).toEqual([]);
    expect(await idsFound(dev2, after, ['issue'])).toEqual([issue.id]);
    expect(await idsFound(dev2, `${after}desc`, ['issue'])).toEqual([issue.id]);
    expect(await indexed(before, 'issue', issue.id)).toBe(false);

    const accepted = await secretariat.client.post<Issue>(`/api/issues/${issue.id}/transition`, { to: 'accepted' });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const [hit] = await search(dev2, after, ['issue']);
    expect(hit?.status).toBe('accepted');
    expect(await idsFound(dev2, `${after} 変更後`, ['issue'])).toEqual([issue.id]);
  });
});

describe('comments and answers', () => {
  it('are found under their issue; an answer is an answer, a comment a comment; an edited answer by its new text only', async () => {
    const word = uniqueWord('toi');
    const issue = await raise(dev.client, `国民健康保険の賦課 ${word}`, '算定の順序が不明です。');
    const commentWord = uniqueWord('comment');
    const comment = await post(dev2.client, issue.id, 'comments', `当社も同じ状況です（${commentWord}）`);
    const answerWord = uniqueWord('kaitou');
    const answer = await post(mhlw.client, issue.id, 'answers', `## 回答\n\n次期改定で**明確化**します。${answerWord}`);

    const [hit] = await search(jlis, commentWord, ['comment', 'answer']);
    expect(hit).toMatchObject({
      kind: 'comment',
      id: comment.id,
      title: `${issue.number} ${issue.title}`,
      where: `${issue.number} ${issue.title}`,
      href: `/register/${issue.id}`,
      who: `${comment.author.displayName}（${comment.author.organization.nameJa}）`,
      number: issue.number,
      // The issue's status now: the answer below moved it to 回答済.
      status: 'answered',
    });
    expect(hit!.snippet).toBe(`当社も同じ状況です（${commentWord}）`);
    expect(await idsFound(jlis, commentWord, ['answer'])).toEqual([]);

    const [answerHit] = await search(dev, `明確化 ${answerWord}`, ['comment', 'answer']);
    expect(answerHit).toMatchObject({ kind: 'answer', id: answer.id, number: issue.number, status: 'answered' });
    // Markdown marks are not searched or shown.
    expect(answerHit!.snippet).toBe(`回答 次期改定で明確化します。${answerWord}`);
    expect(await idsFound(dev, answerWord, ['comment'])).toEqual([]);
    // Text of a comment does not find its issue, nor the issue's title its comments.
    expect(await idsFound(dev, commentWord, ['issue'])).toEqual([]);
    expect(await idsFound(dev, word, ['comment', 'answer'])).toEqual([]);

    const editedWord = uniqueWord('teisei');
    const edited = await mhlw.client.patch<IssueComment>(`/api/issue-answers/${answer.id}`, { body: `訂正した回答 ${editedWord}` });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(await idsFound(dev, answerWord, ['answer'])).toEqual([]);
    expect(await idsFound(dev, editedWord, ['answer'])).toEqual([answer.id]);
    expect(await indexed(answerWord, 'answer', answer.id)).toBe(false);
  });

  it('leave the index when a comment is deleted (the app has no delete: an operator removing one through the model)', async () => {
    const issue = await raise(dev.client, '削除される書き込みの課題', '説明');
    const word = uniqueWord('sakujo');
    const comment = await post(support.client, issue.id, 'comments', `誤って投稿しました ${word}`);
    expect(await idsFound(secretariat, word, ['comment'])).toEqual([comment.id]);

    await IssueCommentModel.deleteOne({ _id: comment.id });
    expect(await indexed(word, 'comment', comment.id)).toBe(false);
    expect(await idsFound(secretariat, word, ['comment'])).toEqual([]);
  });

  it('never index answers being drafted', async () => {
    const issue = await raise(dev.client, '下書きの回答がある課題', '説明');
    const word = uniqueWord('shitagaki');
    const draft = await mhlw.client.put(`/api/issues/${issue.id}/answer-draft`, { body: `まだ公開しない回答 ${word}` });
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    expect(await idsFound(mhlw, word, ['comment', 'answer'])).toEqual([]);
    expect(await idsFound(secretariat, word, [])).toEqual([]);
    expect((await searchIndex.query(word)).candidates).toEqual([]);
  });
});

describe('organisations', () => {
  async function register(nameJa: string, nameEn: string): Promise<Organization> {
    const res = await secretariat.client.post<Organization>('/api/organizations', {
      kind: 'vendor',
      key: `search-${randomUUID().slice(0, 8)}`,
      vendorType: 'development',
      corporateNumber: corporateNumber(),
      nameJa,
      nameEn,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }

  it('are found by their Japanese name — katakana typed in hiragana or half-width — their English name and corporate number', async () => {
    const { katakana, hiragana, halfWidth } = uniqueKana();
    const english = uniqueWord('Systems');
    const org = await register(`株式会社${katakana}システムズ`, `${english} Co., Ltd.`);

    const [hit] = await search(mhlw, hiragana, ['organization']);
    expect(hit).toMatchObject({
      kind: 'organization',
      id: org.id,
      title: `株式会社${katakana}システムズ`,
      href: `/organizations/${org.id}`,
    });
    expect(hit!.title.slice(...hit!.titleHighlights[0]!)).toBe(katakana);
    expect(await idsFound(mhlw, `${halfWidth} しすてむず`, ['organization'])).toEqual([org.id]);
    expect(await idsFound(mhlw, english.toUpperCase(), ['organization'])).toEqual([org.id]);
    expect(await idsFound(mhlw, org.corporateNumber!, ['organization'])).toEqual([org.id]);
  });

  it('are found by their new name after a change, never by the old', async () => {
    const before = uniqueKana();
    const after = uniqueKana();
    const org = await register(`${before.katakana}情報株式会社`, `${uniqueWord('Before')} Inc.`);
    expect(await idsFound(dev, before.hiragana, ['organization'])).toEqual([org.id]);

    const res = await secretariat.client.patch<Organization>(`/api/organizations/${org.id}`, { nameJa: `${after.katakana}情報株式会社` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await idsFound(dev, before.hiragana, ['organization'])).toEqual([]);
    expect(await idsFound(dev, after.hiragana, ['organization'])).toEqual([org.id]);
    expect(await indexed(before.katakana, 'organization', org.id)).toBe(false);
  });
});

describe('who finds them', () => {
  it('every active reader of the register and the directory; a deactivated account nothing', async () => {
    const word = uniqueWord('dare');
    const issue = await raise(dev.client, `読める人の確認 ${word}`, `説明 ${word}`);
    const comment = await post(dev2.client, issue.id, 'comments', `コメント ${word}`);
    const answer = await post(mhlw.client, issue.id, 'answers', `回答 ${word}`);
    const { katakana } = uniqueKana();
    const org = await secretariat.client.post<Organization>('/api/organizations', {
      kind: 'observer',
      key: `search-${randomUUID().slice(0, 8)}`,
      observerKind: 'body',
      nameJa: `${katakana}協会`,
      nameEn: `${word} Association`,
    });
    expect(org.status).toBe(201);

    const everything = [`answer:${answer.id}`, `comment:${comment.id}`, `issue:${issue.id}`, `organization:${org.body.id}`];
    for (const reader of [dev, dev2, support, secretariat, mhlw, jlis, mic]) {
      const found = await search(reader, word, ['issue', 'comment', 'answer', 'organization']);
      expect(found.map((r) => `${r.kind}:${r.id}`).sort(), reader.key).toEqual(everything);
    }

    // Its old session is refused, and the sources themselves give a deactivated reader nothing.
    expect((await deactivated.client.get(`/api/search?q=${word}`)).status).toBe(401);
    const actor = deactivated.actor!;
    expect(await issueSearch.readable(actor, 'issue', [issue.id])).toEqual([]);
    expect(await issueCommentSearch.readable(actor, 'comment', [comment.id])).toEqual([]);
    expect(await issueCommentSearch.readable(actor, 'answer', [answer.id])).toEqual([]);
    expect(await organizationSearch.readable(actor, 'organization', [org.body.id])).toEqual([]);
  });
});

describe('the sources', () => {
  it('give the same entries for stored, lean and rebuilt documents, and what readable gives is what was indexed', async () => {
    const word = uniqueWord('onaji');
    const issue = await raise(dev.client, `同じ記載の確認 ${word}`, `*強調*と[リンク](https://example.jp)の説明 ${word}`);
    const comment = await post(dev2.client, issue.id, 'comments', `> 引用\n\nコメント ${word}`);
    const org = (await secretariat.client.get<Organization>(`/api/organizations/${dev.actor!.organization.id}`)).body;

    const [storedIssue, leanIssue] = [await IssueModel.findById(issue.id), await IssueModel.findById(issue.id).lean()];
    expect(issueSearch.entriesOf(storedIssue!)).toEqual(issueSearch.entriesOf(leanIssue!));
    expect(issueSearch.entriesOf(leanIssue!)).toEqual([
      { kind: 'issue', id: issue.id, title: `同じ記載の確認 ${word}`, body: `強調とリンクの説明 ${word}\n${issue.number}` },
    ]);
    const readable = await issueSearch.readable(jlis.actor!, 'issue', [issue.id, 'not-an-id', '0123456789abcdef01234567']);
    expect(readable.map((item) => item.id)).toEqual([issue.id]);
    const [found] = readable;
    expect({ kind: found!.kind, id: found!.id, title: found!.title, body: found!.body }).toEqual(issueSearch.entriesOf(leanIssue!)[0]);

    const storedComment = await IssueCommentModel.findById(comment.id);
    expect(issueCommentSearch.entriesOf(storedComment!)).toEqual([
      { kind: 'comment', id: comment.id, title: '', body: `引用 コメント ${word}` },
      { kind: 'answer', id: comment.id, title: '', body: '' },
    ]);
    expect(await issueCommentSearch.readable(jlis.actor!, 'answer', [comment.id])).toEqual([]);
    expect(await issueCommentSearch.readable(jlis.actor!, 'comment', ['not-an-id'])).toEqual([]);

    const storedOrg = await OrganizationModel.findById(org.id);
    expect(organizationSearch.entriesOf(storedOrg!)).toEqual([
      { kind: 'organization', id: org.id, title: org.nameJa, body: [org.nameEn, org.corporateNumber].filter(Boolean).join('\n') },
    ]);

    // What a rebuild reads (npm run search:rebuild) gives the same entries as the writes did.
    const rebuilt = new Map<string, unknown>();
    for await (const doc of issueSearch.all()) for (const e of issueSearch.entriesOf(doc)) rebuilt.set(keyOf(e.kind, e.id), e);
    for await (const doc of issueCommentSearch.all())
      for (const e of issueCommentSearch.entriesOf(doc)) rebuilt.set(keyOf(e.kind, e.id), e);
    for await (const doc of organizationSearch.all())
      for (const e of organizationSearch.entriesOf(doc)) rebuilt.set(keyOf(e.kind, e.id), e);
    expect(rebuilt.get(`issue:${issue.id}`)).toEqual(issueSearch.entriesOf(storedIssue!)[0]);
    expect(rebuilt.get(`comment:${comment.id}`)).toEqual(issueCommentSearch.entriesOf(storedComment!)[0]);
    expect(rebuilt.get(`organization:${org.id}`)).toEqual(organizationSearch.entriesOf(storedOrg!)[0]);
  });
});
