/**
 * The search bench's content (scripts/bench/search.ts), written straight into the database in the shapes the app's
 * models store: a few hundred threads of mixed visibility with their messages (seq, buckets, replies, a few hidden
 * and deleted), register issues and meetings with agendas and minutes. The text is Japanese made from the council's
 * vocabulary with a Zipf-like frequency (the n-th word is drawn 1/n as often as the first), so that some words are
 * in tens of thousands of items and some in a few dozen. Then the queries are chosen from what was written: common
 * and rare words, pairs and phrases that the searcher (a support vendor's member) may find.
 */
import { randomBytes } from 'node:crypto';
import { ObjectId, type Db } from 'mongodb';
import { BUSINESS_AREA_KEYS, BUSINESS_AREAS, MINISTRY_KEYS } from '@shared/reference/council';
import { ISSUE_CATEGORIES, ISSUE_STATUSES, PRIORITIES } from '@shared/register/rules';
import { bucketOf, type Visibility } from '@shared/threads/rules';
import { recordViewChange } from '@server/db/viewFeed';
import { searchFields } from '@server/issues/searchFields';
import { REGISTER_LOG } from '@server/issues/model';
import { MEETINGS_LOG } from '@server/meetings/model';
import { THREADS_LOG } from '@server/threads/model';
import { seeded, type BenchPerson } from './data';

// ---- the vocabulary ---------------------------------------------------------------------------------

/** The council's words, most common first (ranks 1 …); the business areas join them after the first few. */
const COUNCIL_WORDS = (
  '課題 自治体 標準仕様書 移行 対応 確認 事業者 標準準拠システム ガバメントクラウド データ連携 帳票 仕様 経過措置 検討 改定 ' +
  '全体会議 文字情報基盤 スケジュール 回答 法改正 事務局 資料 申請 様式 運用 費用 契約 外字 要件 機能要件 非機能要件 移行計画 ' +
  '本番稼働 並行稼働 試験 障害 性能 認証 権限 監査 バックアップ ネットワーク 団体内統合宛名 宛名管理 庁内データ連携機能 共通機能 ' +
  '申請管理 実装必須機能 標準オプション機能 施行日 照会 疑義 議事録 課題協議会議 分科会 デジタル庁 総務省 厚生労働省 文部科学省 ' +
  '法務省 こども家庭庁 見積 調達 補助金 特定移行支援システム 移行リハーサル 中間標準レイアウト 文字コード 異体字 同一性 閉域網 ' +
  '運用保守 移行ツール 互換性 冗長化 メインフレーム 個別開発 手数料 窓口 印刷 通知書 納付書 条例 独自施策 カスタマイズ 利用料 ' +
  '回線 端末 パッケージ 改修 影響調査 進捗 遅延 人員 体制 工程表 前倒し 後ろ倒し 公開 正誤表 質問票'
).split(' ');

/** Compounds (`児童手当帳票`, `住民基本台帳移行計画` …): the long tail, each drawn rarely. */
const HEADS = [
  ...BUSINESS_AREAS.map((a) => a.ja.replace(/・/g, '')),
  ...'宛名 税務 福祉 収納 滞納 住登外者 証明書 庁内 国保 介護認定 年金 健診 障害福祉 生保 附票 学齢簿 課税 口座振替 住所 世帯'.split(' '),
];
const TAILS = (
  '帳票 仕様 移行計画 移行リハーサル 連携仕様 画面 帳票レイアウト データ項目 様式 標準オプション 実装必須機能 非機能要件 経過措置 ' +
  '文字要件 運用手順 外部インターフェース 改修費用 見積 検証環境 本番切替 並行稼働 テストケース 障害対応 問合せ 疑義照会 改正対応 ' +
  '調査票 進捗報告 機能一覧 帳票一覧 項目定義 コード表 エラー処理 バッチ処理 税額計算 照会回答 移行データ 突合 差分 性能試験 ' +
  '操作研修 利用者マニュアル 権限設定 監査ログ 印字 文字化け 宛名連携 端数処理 基準日'
).split(' ');

function vocabularyOf(rand: () => number): string[] {
  const areas = BUSINESS_AREAS.map((a) => a.ja);
  // The areas from rank 6 on, one in every few council words.
  const head: string[] = COUNCIL_WORDS.slice(0, 5);
  COUNCIL_WORDS.slice(5).forEach((w, i) => {
    head.push(w);
    if (i % 4 === 0 && areas.length) head.push(areas.shift()!);
  });
  head.push(...areas);
  const compounds = HEADS.flatMap((h) => TAILS.map((t) => `${h}${t}`));
  for (let i = compounds.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [compounds[i], compounds[j]] = [compounds[j]!, compounds[i]!];
  }
  return [...new Set([...head, ...compounds])];
}

/** Draws word indices with weight 1/rank (Zipf, s = 1). */
function zipf(size: number, rand: () => number): () => number {
  const cumulative = new Float64Array(size);
  let sum = 0;
  for (let i = 0; i < size; i++) cumulative[i] = sum += 1 / (i + 1);
  return () => {
    const x = rand() * sum;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const JOINS = ['の', 'における', 'に関する', 'と', '及び'];
const ENDINGS = [
  'について確認させてください',
  'を共有します',
  'の扱いをご相談します',
  'を検討しています',
  'が必要です',
  'は未定です',
  'に対応する予定です',
  'の見直しを提案します',
  'について回答をお願いします',
  'が遅れています',
];
const ENGLISH = ['Thanks, we will check and follow up.', 'Same here in our test environment.', 'Please see the attached sheet.'];
const ISSUE_ENDINGS = ['明確化', '見直し', '取扱い', '追加', '解釈', '修正', '要件緩和'];
const THREAD_ENDINGS = ['相談', '情報共有', '質問', '要望'];

/** Text from the vocabulary; `drawn` collects the words used (for the counts), `clauses` the first clause's parts. */
class Writer {
  readonly words: string[];
  private readonly draw: () => number;
  private drawn = new Set<number>();

  constructor(private readonly rand: () => number) {
    this.words = vocabularyOf(rand);
    this.draw = zipf(this.words.length, rand);
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rand() * xs.length)]!;
  }
  noun(): string {
    const i = this.draw();
    this.drawn.add(i);
    return this.words[i]!;
  }
  /** The words drawn since the last call. */
  take(): number[] {
    const out = [...this.drawn];
    this.drawn = new Set();
    return out;
  }
  clause(): { text: string; parts: [string, string, string] } {
    const a = this.noun();
    const join = this.pick(JOINS);
    const b = this.noun();
    const topic = this.rand() < 0.3 ? `${this.noun()}は、` : '';
    return { text: `${topic}${a}${join}${b}${this.pick(ENDINGS)}。`, parts: [a, join, b] };
  }
  /** One to three clauses; now and then a register reference or a line in English. */
  message(): { text: string; first: [string, string, string] } {
    const first = this.clause();
    let text = first.text;
    const more = Math.floor(this.rand() * 3);
    for (let i = 0; i < more; i++) text += this.clause().text;
    if (this.rand() < 0.15)
      text += `（課題 ${2021 + Math.floor(this.rand() * 5)}-${String(1 + Math.floor(this.rand() * 2000)).padStart(4, '0')}）`;
    if (this.rand() < 0.03) text += `\n${this.pick(ENGLISH)}`;
    return { text, first: first.parts };
  }
  paragraph(min: number, max: number): string {
    let text = '';
    const n = min + Math.floor(this.rand() * (max - min + 1));
    for (let i = 0; i < n; i++) text += this.clause().text;
    return text;
  }
}

// ---- what is written ----------------------------------------------------------------------------------

export interface SearchSizes {
  threads: number;
  messages: number;
  issues: number;
  meetings: number;
}

export interface SearchCorpus {
  written: {
    threads: Record<Visibility, number>;
    messages: number;
    hiddenMessages: number;
    deletedMessages: number;
    issues: number;
    meetings: number;
    publishedMinutes: number;
    /** Index items the content gives (message, thread, issue, meeting, agenda, minutes), and those the searcher may read. */
    items: number;
    readableItems: number;
  };
  vocabulary: number;
  /** A council thread the searcher posts to. */
  sendThreadId: string;
  writeMs: number;
  /** For choosing the queries: each readable item's text, the words drawn into it, and pieces of messages and titles. */
  readable: string[];
  drawnCounts: Int32Array;
  words: string[];
  clauses: Array<[string, string, string]>;
  /** Titles the searcher may read (of threads, issues and meetings), and a word of each. */
  titles: string[];
  titleNouns: string[];
}

/** A 12-byte id whose time is `at` (as the app's ids are: the rebuild orders by it), unique by its random tail. */
const idAt = (at: Date) => {
  const bytes = randomBytes(12);
  bytes.writeUInt32BE(Math.floor(at.getTime() / 1000), 0);
  return new ObjectId(bytes);
};

/** The collections the corpus replaces (other scenarios' threads, messages, issues and meetings go first). */
const CONTENT = ['threads', 'messages', 'issues', 'meetings'];
const BATCH = 1000;
const DAY = 86_400_000;

type OrgRef = { id: ObjectId; nameJa: string; nameEn: string };

async function insertAll(db: Db, collection: string, docs: readonly object[]) {
  for (let i = 0; i < docs.length; i += BATCH)
    await db.collection(collection).insertMany(docs.slice(i, i + BATCH) as never[], { ordered: false });
}

/**
 * Write the corpus. `people` write it (any bench members); `searcher` is the one whose readable items are counted
 * (a support vendor's member: council and vendors threads, not development ones, no hidden messages, no drafts).
 */
export async function writeSearchCorpus(
  db: Db,
  people: readonly BenchPerson[],
  searcherOrganization: string,
  sizes: SearchSizes,
  say: (s: string) => void,
): Promise<SearchCorpus> {
  const started = Date.now();
  for (const collection of CONTENT) await db.collection(collection).deleteMany({});
  const rand = seeded(20);
  const w = new Writer(rand);
  const person = () => people[Math.floor(rand() * people.length)]!;
  const readable: string[] = [];
  const drawnCounts = new Int32Array(w.words.length);
  const clauses: Array<[string, string, string]> = [];
  const titles: string[] = [];
  const titleNouns: string[] = [];
  /** A title the searcher may read, and a word of it (suggestions are made from these). */
  const readableTitle = (title: string, noun: string) => {
    titles.push(title);
    titleNouns.push(noun);
  };
  let items = 0;
  /** An item of the index: counted, and kept for the queries when the searcher may read it. */
  const item = (text: string, searcherReads: boolean) => {
    const drawn = w.take();
    if (!text) return;
    items++;
    if (!searcherReads) return;
    readable.push(text);
    for (const i of drawn) drawnCounts[i]!++;
  };
  const now = Date.now();

  // Threads: the time order of their messages is planned first (seq, replies, the last activity).
  const T = Math.max(1, sizes.threads);
  const M = sizes.messages;
  const weights = Array.from({ length: T }, (_, t) => 1 / (t + 1) ** 0.8);
  const pickThread = (() => {
    const total = weights.reduce((a, b) => a + b, 0);
    return () => {
      let x = rand() * total;
      for (let t = 0; t < T; t++) if ((x -= weights[t]!) <= 0) return t;
      return T - 1;
    };
  })();
  const threadOf = new Int32Array(M);
  const seqOf = new Int32Array(M);
  const replyOf = new Int32Array(M).fill(-1);
  const parentOf = new Int32Array(M).fill(-1);
  const lastSeq = new Int32Array(T);
  const firstAt = new Int32Array(T).fill(-1);
  const lastAt = new Int32Array(T).fill(-1);
  const lastTop = new Int32Array(T).fill(-1);
  for (let i = 0; i < M; i++) {
    // Every thread gets its opening post first; after that, busy threads get more.
    const t = i < T ? i : pickThread();
    const seq = ++lastSeq[t]!;
    threadOf[i] = t;
    seqOf[i] = seq;
    if (firstAt[t] === -1) firstAt[t] = i;
    lastAt[t] = i;
    if (seq % 10 === 0 && lastTop[t] !== -1) {
      parentOf[i] = lastTop[t]!;
      replyOf[lastTop[t]!] = i;
    } else lastTop[t] = i;
  }
  const span = 730 * DAY;
  const timeOf = (i: number) => new Date(now - span + Math.floor((i / Math.max(1, M)) * span) - 3_600_000);
  const visibilities: Visibility[] = Array.from({ length: T }, (_, t) =>
    t === 0
      ? 'council'
      : t === 1
        ? 'vendors'
        : t === 2
          ? 'development'
          : rand() < 0.65
            ? 'council'
            : rand() < 0.57
              ? 'vendors'
              : 'development',
  );
  const searcherReadsThread = (t: number) => visibilities[t] !== 'development';
  const threadIds: ObjectId[] = [];
  const threads = visibilities.map((visibility, t) => {
    const creator = person();
    const at = firstAt[t]! >= 0 ? timeOf(firstAt[t]!) : new Date(now - span);
    const noun = w.noun();
    const title =
      rand() < 0.5 ? `${noun}の${w.noun()}について` : `【${w.pick(BUSINESS_AREAS).ja}】${noun}に関する${w.pick(THREAD_ENDINGS)}`;
    const id = idAt(at);
    threadIds.push(id);
    if (searcherReadsThread(t)) readableTitle(title, noun);
    item(title, searcherReadsThread(t));
    const activity = lastAt[t]! >= 0 ? timeOf(lastAt[t]!) : at;
    return {
      _id: id,
      title,
      visibility,
      businessAreas: rand() < 0.5 ? [w.pick(BUSINESS_AREA_KEYS)] : [],
      resolved: rand() < 0.2,
      pinned: false,
      locked: false,
      createdBy: creator,
      clientId: `bench-${randomBytes(6).toString('hex')}`,
      lastActivityAt: activity,
      lastSeq: lastSeq[t]!,
      participants: [creator.id],
      createdAt: at,
      updatedAt: activity,
      __v: 0,
    };
  });
  await insertAll(db, 'threads', threads);

  // Messages, oldest first, in batches.
  /** The ids of messages whose reply is still to be written. */
  const parents = new Map<number, ObjectId>();
  let hidden = 0;
  let deleted = 0;
  let batch: object[] = [];
  for (let i = 0; i < M; i++) {
    const t = threadOf[i]!;
    const at = timeOf(i);
    const { text, first } = w.message();
    const isHidden = rand() < 0.005;
    const isDeleted = !isHidden && rand() < 0.003;
    if (isHidden) hidden++;
    if (isDeleted) deleted++;
    const reads = searcherReadsThread(t) && !isHidden;
    if (reads && !isDeleted && clauses.length < 2_000) clauses.push(first);
    item(isDeleted ? '' : text, reads);
    const reply = replyOf[i]!;
    const id = idAt(at);
    if (reply >= 0) parents.set(i, id);
    batch.push({
      _id: id,
      threadId: threadIds[t]!,
      visibility: visibilities[t]!,
      seq: seqOf[i]!,
      bucket: bucketOf(seqOf[i]!),
      clientId: `bench-${i}-${randomBytes(4).toString('hex')}`,
      parentId: parentOf[i]! >= 0 ? parents.get(parentOf[i]!)! : null,
      author: person(),
      body: text,
      version: 1,
      editedAt: null,
      deletedAt: isDeleted ? new Date(at.getTime() + 60_000) : null,
      hidden: isHidden ? { reason: 'ガイドライン違反のため非表示', by: people[0]!.id, at: new Date(at.getTime() + 60_000) } : null,
      mentions: { users: [], organizations: [] },
      attachments: [],
      replyCount: reply >= 0 ? 1 : 0,
      lastReplyAt: reply >= 0 ? timeOf(reply) : null,
      createdAt: at,
      updatedAt: at,
      __v: 0,
    });
    if (parentOf[i]! >= 0) parents.delete(parentOf[i]!);
    if (batch.length === BATCH || i === M - 1) {
      await db.collection('messages').insertMany(batch as never[], { ordered: false });
      batch = [];
      if ((i + 1) % 20_000 === 0) say(`  ${i + 1} / ${M} messages`);
    }
  }
  // The next number of each thread follows its last (server/threads/messages.ts: the sequence `thread:<id>`).
  for (let t = 0; t < T; t++)
    await db
      .collection('sequence_counters')
      .updateOne({ _id: `thread:${String(threadIds[t])}` as unknown as ObjectId }, { $set: { seq: lastSeq[t]! } }, { upsert: true });

  // Issues: the register's shapes (as data.ts seedIssues writes them), the vocabulary's text.
  const issues: object[] = [];
  for (let i = 0; i < sizes.issues; i++) {
    const fiscalYear = 2021 + (i % 5);
    const seq = Math.floor(i / 5) + 1;
    const number = `${fiscalYear}-${String(seq).padStart(4, '0')}`;
    const noun = w.noun();
    const title = `${noun}における${w.noun()}の${w.pick(ISSUE_ENDINGS)}`;
    readableTitle(title, noun);
    const description = w.paragraph(2, 4);
    item(`${title}\n${description}\n${number}`, true);
    const status = w.pick(ISSUE_STATUSES);
    const at = new Date(Date.UTC(fiscalYear, 3, 1) + Math.floor(rand() * 360) * DAY);
    const raisedBy = people[i % people.length]!;
    issues.push({
      _id: idAt(at),
      fiscalYear,
      seq,
      number,
      title,
      description,
      businessAreas: [w.pick(BUSINESS_AREA_KEYS)],
      category: w.pick(ISSUE_CATEGORIES),
      specialReason: null,
      raisedBy,
      priority: rand() < 0.5 ? w.pick(PRIORITIES) : null,
      ministry: w.pick(MINISTRY_KEYS),
      ministryOverridden: false,
      assignee: null,
      dueDate: rand() < 0.5 ? new Date(at.getTime() + 60 * DAY) : null,
      lawEnforcementDate: null,
      specPublishedDate: null,
      specDeadline: null,
      publishedLate: false,
      status,
      rejectionReason: null,
      duplicateOf: null,
      supportCount: 1 + Math.floor(rand() * 30),
      answerCount: status === 'answered' || status === 'closed' ? 1 : 0,
      commentCount: 0,
      answeredAt: null,
      ...searchFields(title, description, number),
      createdAt: at,
      updatedAt: new Date(at.getTime() + Math.floor(rand() * 30) * DAY),
      __v: 0,
    });
  }
  await insertAll(db, 'issues', issues);

  // Meetings: plenaries and consultations over three years, agendas with presenters, minutes once held.
  const [vendors, secretariatOrg] = await Promise.all([
    db.collection('organizations').find({ kind: 'vendor' }).sort({ key: 1 }).limit(60).toArray(),
    db.collection('organizations').findOne({ kind: 'secretariat' }),
  ]);
  if (!vendors.length || !secretariatOrg)
    throw new Error('no vendors or secretariat in the database: start the app once so it seeds the council');
  const refOf = (o: (typeof vendors)[number]): OrgRef => ({ id: o._id, nameJa: o.nameJa as string, nameEn: o.nameEn as string });
  const creator = { id: new ObjectId(), displayName: 'ベンチ 事務局', organization: refOf(secretariatOrg) };
  const meetings: object[] = [];
  let publishedMinutes = 0;
  const lines = (xs: string[]) => xs.filter(Boolean).join('\n');
  for (let m = 0; m < sizes.meetings; m++) {
    const plenary = rand() < 0.3;
    const startsAt = new Date(now - 3 * 365 * DAY + Math.floor((m / Math.max(1, sizes.meetings)) * 3.1 * 365 * DAY));
    const past = startsAt.getTime() < now;
    const r = rand();
    const status = !past ? (r < 0.2 ? 'draft' : 'scheduled') : r < 0.03 ? 'cancelled' : r < 0.3 ? 'ended' : 'minutesPublished';
    const area = w.pick(BUSINESS_AREAS).ja;
    const title = plenary ? `第${m + 1}回 全体会議` : `${area} 課題協議会議（第${m + 1}回）`;
    const description = w.paragraph(1, 2);
    const venue = plenary ? null : 'デジタル庁 20階 会議室A';
    const meetingReads = status !== 'draft';
    item(lines([title, description, venue ?? '']), meetingReads);
    const agenda = Array.from({ length: 3 + Math.floor(rand() * 4) }, (_, k) => ({
      id: `a${k + 1}`,
      title: `${w.noun()}の${w.noun()}について`,
      presenter: rand() < 0.6 ? refOf(w.pick(vendors)) : null,
      minutes: 10 + 5 * Math.floor(rand() * 4),
      issueIds: [],
      threadIds: [],
    }));
    item(lines(agenda.map((a) => (a.presenter ? `${a.title}（${a.presenter.nameJa}）` : a.title))), meetingReads);
    let minutes: object | null = null;
    if (status === 'minutesPublished' || (status === 'ended' && rand() < 0.5)) {
      const published = status === 'minutesPublished';
      const minutesItems = agenda.map((a) => ({
        agendaItemId: a.id,
        summary: w.paragraph(1, 2),
        decisions: Array.from({ length: Math.floor(rand() * 3) }, () => ({
          text: `${w.noun()}は${w.noun()}のとおりとする。`,
          issueId: null,
          effect: 'record',
        })),
        actionItems: Array.from({ length: Math.floor(rand() * 3) }, (_, k) => ({
          id: `${a.id}-${k + 1}`,
          text: `${w.noun()}の${w.noun()}を次回までに提出する。`,
          owner: a.presenter,
          dueDate: null,
          done: false,
        })),
      }));
      const held = new Date(startsAt.getTime() + 2 * 3_600_000);
      minutes = {
        items: minutesItems,
        circulatedAt: new Date(held.getTime() + 3 * DAY),
        revisedAt: null,
        publishedAt: published ? new Date(held.getTime() + 10 * DAY) : null,
        ...(published ? { attendees: agenda.flatMap((a) => (a.presenter ? [a.presenter] : [])) } : {}),
      };
      if (published) publishedMinutes++;
      const text = lines(minutesItems.flatMap((i) => [i.summary, ...i.decisions.map((d) => d.text), ...i.actionItems.map((x) => x.text)]));
      // The searcher reads published minutes, and circulated drafts where its organisation presents.
      item(text, published || agenda.some((a) => String(a.presenter?.id) === searcherOrganization));
    }
    const createdAt = new Date(startsAt.getTime() - 30 * DAY);
    meetings.push({
      _id: idAt(createdAt),
      kind: plenary ? 'plenary' : 'consultation',
      title,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
      onlineUrl: plenary ? 'https://meet.example.jp/council' : null,
      venue,
      capacity: plenary ? null : 40,
      description,
      status,
      agenda,
      currentAgendaItemId: null,
      extraInvitees: [],
      minutes,
      createdBy: creator,
      createdAt,
      updatedAt: minutes ? new Date(startsAt.getTime() + 10 * DAY) : createdAt,
      __v: 0,
    });
    if (meetingReads) readableTitle(title, plenary ? '全体会議' : area);
  }
  await insertAll(db, 'meetings', meetings);

  // Written around the app: its in-memory thread list, register and agenda index read everything again.
  await recordViewChange(db, THREADS_LOG, '*');
  await recordViewChange(db, REGISTER_LOG, '*');
  await recordViewChange(db, MEETINGS_LOG, '*');
  const byVisibility = { council: 0, vendors: 0, development: 0 } as Record<Visibility, number>;
  for (const v of visibilities) byVisibility[v]++;
  return {
    written: {
      threads: byVisibility,
      messages: M,
      hiddenMessages: hidden,
      deletedMessages: deleted,
      issues: sizes.issues,
      meetings: sizes.meetings,
      publishedMinutes,
      items,
      readableItems: readable.length,
    },
    vocabulary: w.words.length,
    sendThreadId: String(threadIds[0]),
    writeMs: Date.now() - started,
    readable,
    drawnCounts,
    words: w.words,
    clauses,
    titles,
    titleNouns,
  };
}

// ---- the queries ----------------------------------------------------------------------------------------

export interface BenchQuery {
  q: string;
  /** What it stands for: `common`, `rare`, `pair`, `phrase`, `prefix` … */
  label: string;
  /**
   * Items the searcher may read that hold it (a plain `includes` over their text: what `matches` finds in Japanese);
   * for a suggestion, titles.
   */
  hits: number;
}

export interface BenchQueries {
  oneWord: BenchQuery[];
  twoWords: BenchQuery[];
  phrase: BenchQuery[];
  suggest: BenchQuery[];
}

/** The queries, from what the searcher may read: every one has hits (the bench checks the answers are not empty). */
export function chooseQueries(corpus: SearchCorpus): BenchQueries {
  const rand = seeded(2020);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const hitsOf = (...parts: string[]) => corpus.readable.reduce((n, t) => n + (parts.every((p) => t.includes(p)) ? 1 : 0), 0);
  const ranked = [...corpus.drawnCounts.keys()]
    .filter((i) => corpus.drawnCounts[i]! > 0)
    .sort((a, b) => corpus.drawnCounts[b]! - corpus.drawnCounts[a]!);
  const common = ranked.slice(0, 3).map((i) => corpus.words[i]!);
  // Rare: drawn into a few dozen items at the full size (a 4,000th of what the searcher reads), at least one.
  const aim = Math.max(1, Math.round(corpus.readable.length / 4000));
  const rare = ranked
    .filter((i) => !common.includes(corpus.words[i]!))
    .sort((a, b) => Math.abs(corpus.drawnCounts[a]! - aim) - Math.abs(corpus.drawnCounts[b]! - aim))
    .slice(0, 3)
    .map((i) => corpus.words[i]!);
  const one = (q: string, label: string): BenchQuery => ({ q, label, hits: hitsOf(q) });
  // Pieces a member would type or copy: a clause's two words and what joins them, up to 12 characters.
  const short = corpus.clauses.filter(([a, join, b]) => (a + join + b).length <= 12);
  const clause = () => pick(short.length ? short : corpus.clauses);
  const pairs: BenchQuery[] = [
    { q: `${common[0]} ${common[1]}`, label: 'common + common', hits: hitsOf(common[0]!, common[1]!) },
    { q: `${common[2]} ${rare[0]}`, label: 'common + rare', hits: hitsOf(common[2]!, rare[0]!) },
    ...[0, 1].map(() => {
      const [a, , b] = clause();
      return { q: `${a} ${b}`, label: 'two words of one message', hits: hitsOf(a, b) };
    }),
  ].filter((p) => p.hits > 0);
  const phrases = [0, 1, 2, 3].map((k) => {
    const [a, join, b] = clause();
    const piece = `${a}${join}${b}`;
    return { q: k % 2 ? `「${piece}」` : `"${piece}"`, label: 'phrase of a message', hits: hitsOf(piece) };
  });
  // Suggestions as typed: a title's word, and its first characters.
  const nouns = [...new Set(corpus.titleNouns)];
  const long = nouns.filter((n) => n.length >= 4);
  const suggest = [0, 1, 2, 3].map((k) => {
    const noun = k % 2 && long.length ? pick(long) : pick(nouns);
    const q = k % 2 ? noun.slice(0, Math.max(2, Math.ceil(noun.length / 2))) : noun;
    const inTitles = corpus.titles.reduce((n, t) => n + (t.includes(q) ? 1 : 0), 0);
    return { q, label: k % 2 ? 'first characters of a title word' : 'a title word', hits: inTitles };
  });
  return {
    oneWord: [...common.map((q) => one(q, 'common')), ...rare.map((q) => one(q, 'rare'))],
    twoWords: pairs,
    phrase: phrases,
    suggest,
  };
}

/** A message of the corpus's kind, for the sends and the index's adds. */
export function messageWriter(seed: number): () => string {
  const w = new Writer(seeded(seed));
  return () => w.message().text;
}
