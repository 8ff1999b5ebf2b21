/**
 * The demo's 開発状況報告, planned in memory: two rounds over the council's 20 business areas —
 * 「令和8年度 第1回 開発状況調査」 (closed) and 「令和8年度 第2回」 (open, compared with the first) —
 * and plausible, clearly fictional reports of the seeded vendors for the areas their profiles name:
 * phases that move on between the rounds, customers, migration timing, 特定移行支援 counts (mostly
 * none, some 事由4), tracks with explanations, spec versions and real days.
 *
 * Deterministic: one PRNG over the vendors in the order of their keys, days counted from the seed
 * date, so a fresh start always shows the same figures. Pure: `statusReports.ts` writes the plan with
 * the models (the demo), `scripts/bench/status.ts` with the driver (everyone submitted).
 */
import { Types } from 'mongoose';
import { dateOnly, DAY_MS, startOfJapanDay, todayInJapan } from '@shared/japanDates';
import { BUSINESS_AREAS } from '@shared/reference/council';
import {
  emptyAreaEntry,
  PHASES,
  reportAreas,
  type AreaEntry,
  type Phase,
  type SpecialReasonKey,
  type Track,
} from '@shared/statusReports/rules';
import type { PersonRecord } from '../users/person';
import { prng } from './vendorNames';

export const DEMO_ROUND_TITLES = { closed: '令和8年度 第1回 開発状況調査', open: '令和8年度 第2回 開発状況調査' } as const;

/** A vendor as the plan needs it. */
export interface PlanVendor {
  id: Types.ObjectId;
  key: string;
  nameJa: string;
  nameEn: string;
  businessAreas: readonly string[];
}

export interface StatusPlanInput {
  /** The vendors, in any order (the plan goes by their keys). */
  vendors: readonly PlanVendor[];
  now: Date;
  /** Opens and closes the rounds, returns reports. */
  secretariat: PersonRecord;
  /**
   * The demo's own organisations, by id: their open-round reports are drafts half typed by `drafter`
   * (a demo account), and `submitter` (when one signs in as the org admin) sent their first-round report.
   */
  demo?: ReadonlyMap<string, { drafter: PersonRecord; submitter?: PersonRecord }>;
  /** Register issues the reports may cite as blocking (number and areas). */
  issues?: ReadonlyArray<{ number: string; businessAreas: readonly string[] }>;
  /** The bench: every vendor submits in both rounds, nothing is returned or left as a draft. */
  everyoneSubmits?: boolean;
  titles?: { closed: string; open: string };
}

/** The documents, in the shapes server/statusReports/model.ts stores. */
export interface RoundDoc {
  _id: Types.ObjectId;
  title: string;
  periodStart: Date;
  periodEnd: Date;
  deadline: Date;
  businessAreas: string[];
  note: string;
  state: 'open' | 'closed';
  createdBy: PersonRecord;
  openedAt: Date;
  closedAt: Date | null;
  previousRoundId: Types.ObjectId | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface SubmittedDoc {
  at: Date;
  by: PersonRecord;
  version: number;
  areas: Array<{ area: string; entry: AreaEntry }>;
  comment: string;
}

export interface ReportDoc {
  _id: Types.ObjectId;
  roundId: Types.ObjectId;
  organizationId: Types.ObjectId;
  state: 'draft' | 'submitted' | 'returned';
  version: number;
  areas: Record<string, AreaEntry>;
  added: Array<{ area: string; reason: string }>;
  removed: Array<{ area: string; reason: string }>;
  comment: string;
  updatedAt: Date;
  updatedBy: PersonRecord;
  submitted: SubmittedDoc | null;
  returned: { reason: string; by: PersonRecord; at: Date } | null;
}

export interface VersionDoc extends SubmittedDoc {
  _id: string;
  reportId: Types.ObjectId;
  roundId: Types.ObjectId;
  organizationId: Types.ObjectId;
}

export interface StatusPlan {
  /** The closed round, then the open one. */
  rounds: [RoundDoc, RoundDoc];
  reports: ReportDoc[];
  versions: VersionDoc[];
}

// ---- words ------------------------------------------------------------------------------------------

const SURNAMES = [
  '佐々木',
  '山本',
  '中村',
  '小林',
  '加藤',
  '吉田',
  '山口',
  '松本',
  '井上',
  '木村',
  '斎藤',
  '清水',
  '森',
  '池田',
  '橋本',
  '石川',
];
const GIVEN_NAMES = [
  '大輔',
  '恵',
  '翔太',
  '由香',
  '拓也',
  '亜希子',
  '健太',
  '真由美',
  '直人',
  '裕子',
  '隆',
  '智子',
  '和也',
  '舞',
  '剛',
  '美穂',
];
const SPEC_VERSIONS = ['第3.0版', '第3.1版', '第4.0版', '第4.1版', '第5.0版'];

const EXPLANATIONS: Record<Exclude<Track, 'onTrack'>, string[]> = {
  atRisk: [
    '標準仕様書の改定への対応で改修範囲が広がり、結合テストの開始が遅れるおそれがあります。',
    'ガバメントクラウド上の検証環境の準備に時間を要しており、日程に余裕がありません。',
    '移行元システムのデータ項目の突合に想定以上の工数がかかっています。',
    '複数団体の移行作業が同じ時期に重なるため、要員の確保が課題です。',
  ],
  delayed: [
    '技術者の確保が難しく、開発が当初計画から約2か月遅れています。',
    '外字の同定作業が遅れており、一部団体の移行時期を見直しています。',
    '他システムとの連携テストで不具合が見つかり、提供開始日を延期しました。',
    '制度改正に伴う仕様変更の反映を優先したため、全体の日程を見直しています。',
  ],
};
const RISKS = [
  '制度改正に伴う標準仕様書の再改定',
  '他業務システムとの連携テストの日程調整',
  '顧客団体側の移行判定会議の開催時期',
  'データ移行リハーサルでの文字化けの解消',
  'ガバメントクラウドの運用経費の確定時期',
];
const COMMENTS = [
  '前回調査から顧客団体数に大きな変更はありません。',
  '標準仕様書の改定時期について、早めの情報提供をお願いします。',
  '特定移行支援システムに該当する見込みの団体については、個別にご相談させてください。',
  '一部の団体で移行時期を見直したため、内訳を更新しました。',
];
const RETURN_REASONS = [
  (area: string) => `${area}の顧客団体数と移行時期の内訳が一致していません。内訳をご確認のうえ、再提出をお願いします。`,
  (area: string) => `${area}が「遅延」となっていますが、提供開始日（予定）が前回から変わっていません。ご確認ください。`,
];
const ADDED_REASON = '令和8年度から本業務の標準準拠システムの保守を新たに受託したため';
const REMOVED_REASON = '本業務は他社製品への移行支援のみで、自社の標準準拠システムは提供しないため';

// ---- days -------------------------------------------------------------------------------------------

const addDays = (day: string, n: number): string => dateOnly(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS))!;
const dayDate = (day: string): Date => new Date(`${day}T00:00:00.000Z`);
/** The instant of `hour`:00 on a day in Japan. */
const atJapan = (day: string, hour: number, minute = 0): Date => new Date(startOfJapanDay(day).getTime() + (hour * 60 + minute) * 60_000);

// ---- one area over two rounds ----------------------------------------------------------------------

type Rand = () => number;
const between = (rand: Rand, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const pickOf = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
function weighted<T>(rand: Rand, choices: ReadonlyArray<readonly [T, number]>): T {
  let r = rand() * choices.reduce((s, [, w]) => s + w, 0);
  for (const [value, weight] of choices) if ((r -= weight) < 0) return value;
  return choices[choices.length - 1]![0];
}

/** migrated / by FY-end / after for `customers` at `phase`, `migrated` given; a few left undecided. */
function timingOf(rand: Rand, phase: Phase, customers: number, migrated: number) {
  const rest = customers - migrated;
  const share = { notStarted: [0, 0.15], design: [0, 0.25], development: [0.1, 0.6], testing: [0.4, 0.9], available: [0.3, 0.8] }[phase];
  const plannedByFyEnd = Math.round(rest * (share[0]! + rand() * (share[1]! - share[0]!)));
  const undecided = rand() < 0.2 ? Math.min(rest - plannedByFyEnd, between(rand, 1, 2)) : 0;
  return { migrated, plannedByFyEnd, plannedAfter: rest - plannedByFyEnd - undecided };
}

/** 特定移行支援 by reason: mostly none; 事由4 (vendors' stretched resources) the commonest. */
function specialOf(rand: Rand, customers: number, phase: Phase): Record<SpecialReasonKey, number> {
  const late = phase !== 'available';
  const special = { mainframe: 0, 'custom-built': 0, 'vendor-withdrawal': 0, 'vendor-resources': 0 };
  if (rand() < (late ? 0.3 : 0.1)) special['vendor-resources'] = between(rand, 1, Math.max(1, Math.min(6, Math.ceil(customers / 4))));
  if (rand() < 0.05) special.mainframe = 1;
  if (rand() < 0.05) special['custom-built'] = between(rand, 1, 2);
  if (rand() < 0.02) special['vendor-withdrawal'] = 1;
  // Never more than the customers.
  let room = customers;
  for (const k of ['vendor-resources', 'custom-built', 'mainframe', 'vendor-withdrawal'] as const) {
    special[k] = Math.min(special[k], room);
    room -= special[k];
  }
  return special;
}

function trackOf(rand: Rand, phase: Phase): Track {
  if (phase === 'available')
    return weighted(rand, [
      ['onTrack', 0.93],
      ['atRisk', 0.07],
    ]);
  return weighted(rand, [
    ['onTrack', 0.64],
    ['atRisk', 0.23],
    ['delayed', 0.13],
  ]);
}

/** The first planned day of availability of a phase not yet available, counted from `day`. */
function plannedFrom(rand: Rand, day: string, phase: Phase): string {
  const days: Record<Phase, readonly [number, number]> = {
    notStarted: [240, 600],
    design: [150, 450],
    development: [60, 300],
    testing: [14, 120],
    available: [0, 0],
  };
  const [lo, hi] = days[phase];
  return addDays(day, between(rand, lo, hi));
}

interface AreaHistory {
  first: AreaEntry;
  second: AreaEntry;
}

/**
 * One vendor's area in both rounds: `first` as reported in the closed round (around `firstDay`),
 * `second` in the open one (around `today`), the phase the same or one step on.
 */
function areaHistory(
  rand: Rand,
  input: {
    area: string;
    areaIndex: number;
    today: string;
    firstDay: string;
    issues: ReadonlyArray<{ number: string; businessAreas: readonly string[] }>;
  },
): AreaHistory {
  const { today, firstDay } = input;
  const phase2 = weighted<Phase>(rand, [
    ['notStarted', 0.02],
    ['design', 0.05],
    ['development', 0.15],
    ['testing', 0.23],
    ['available', 0.55],
  ]);
  const index2 = PHASES.indexOf(phase2);
  const phase1 = index2 > 0 && rand() < 0.35 ? PHASES[index2 - 1]! : phase2;

  // Customers: many small, a few large (1–120).
  const customers2 = 1 + Math.floor(119 * rand() ** 2.2);
  const customers1 = Math.min(120, Math.max(1, customers2 + (rand() < 0.15 ? (rand() < 0.5 ? -1 : 1) * between(rand, 1, 3) : 0)));
  const migrated2 =
    phase2 === 'available'
      ? Math.round(customers2 * (0.35 + rand() * 0.6))
      : phase2 === 'testing'
        ? Math.round(customers2 * rand() * 0.2)
        : 0;
  const migrated1 =
    phase1 === 'available' || phase1 === 'testing' ? Math.min(customers1, Math.floor(migrated2 * (0.5 + rand() * 0.45))) : 0;

  // Days: an area available in the first round has been for a while; one that became available since, after the first round.
  let actual1: string | null = null;
  let actual2: string | null = null;
  if (phase1 === 'available') actual1 = actual2 = addDays(today, -between(rand, 200, 900));
  else if (phase2 === 'available') actual2 = addDays(today, -between(rand, 15, 110));
  const planned1 = phase1 === 'available' ? addDays(actual1!, -between(rand, 0, 60)) : plannedFrom(rand, firstDay, phase1);

  const track2 = trackOf(rand, phase2);
  const track1: Track =
    track2 === 'delayed' ? (rand() < 0.6 ? 'atRisk' : 'delayed') : phase1 === 'available' ? 'onTrack' : trackOf(rand, phase1);
  let planned2 = planned1;
  if (phase2 !== 'available') {
    // A slipping plan moves on; a plan never stays in the past for what is not yet available.
    if (track2 !== 'onTrack') planned2 = addDays(planned1, between(rand, 30, 120));
    if (planned2 <= today) planned2 = addDays(today, between(rand, 7, 60));
  }

  const latest = 2 + (input.areaIndex % 3);
  const spec2 = SPEC_VERSIONS[rand() < 0.75 ? latest : latest - 1]!;
  const spec1 = rand() < 0.8 ? spec2 : SPEC_VERSIONS[Math.max(0, SPEC_VERSIONS.indexOf(spec2) - 1)]!;

  const special2 = specialOf(rand, customers2, phase2);
  const special1 = { ...special2 };
  if (special1['vendor-resources'] > 0 && rand() < 0.3) special1['vendor-resources']--;
  let room = customers1;
  for (const k of Object.keys(special1) as SpecialReasonKey[]) {
    special1[k] = Math.min(special1[k], room);
    room -= special1[k];
  }

  const cited = input.issues.filter((i) => i.businessAreas.includes(input.area));
  const entry = (
    phase: Phase,
    customers: number,
    migrated: number,
    track: Track,
    planned: string,
    actual: string | null,
    spec: string,
    special: Record<SpecialReasonKey, number>,
    canCite: boolean,
  ): AreaEntry => ({
    ...emptyAreaEntry(),
    phase,
    specVersion: spec,
    plannedAvailability: planned,
    actualAvailability: actual,
    customers,
    ...timingOf(rand, phase, customers, migrated),
    special,
    track,
    explanation: track === 'onTrack' ? '' : pickOf(rand, EXPLANATIONS[track]),
    risks: rand() < 0.3 ? pickOf(rand, RISKS) : '',
    blockingIssues: canCite && track !== 'onTrack' && cited.length && rand() < 0.4 ? [pickOf(rand, cited).number] : [],
  });
  return {
    // The register's issues are today's: only the second round cites them.
    first: entry(phase1, customers1, migrated1, track1, planned1, actual1, spec1, special1, false),
    second: entry(phase2, customers2, migrated2, track2, planned2, actual2, spec2, special2, true),
  };
}

/** A draft's area as typed so far: the phase, the version, the day and the customers, the rest still empty. */
function halfTyped(entry: AreaEntry): AreaEntry {
  return {
    ...emptyAreaEntry(),
    phase: entry.phase,
    specVersion: entry.specVersion,
    plannedAvailability: entry.phase === 'available' ? null : entry.plannedAvailability,
    actualAvailability: entry.actualAvailability,
    customers: entry.customers,
    migrated: entry.migrated,
  };
}

// ---- the plan ------------------------------------------------------------------------------------

export function planStatusReports(input: StatusPlanInput): StatusPlan {
  const rand = prng(20_261_205);
  const today = dateOnly(todayInJapan(input.now))!;
  const titles = input.titles ?? DEMO_ROUND_TITLES;
  const allAreas = BUSINESS_AREAS.map((a) => a.key);
  const areaName = new Map(BUSINESS_AREAS.map((a) => [a.key as string, a.ja]));
  const issues = input.issues ?? [];
  const demo = input.demo ?? new Map();
  const everyone = input.everyoneSubmits ?? false;

  // ---- the rounds: the first ran some five months ago, the second opened ten days ago.
  const first = { start: addDays(today, -160), end: addDays(today, -130) };
  const second = { start: addDays(today, -10), end: addDays(today, 20) };
  const round = (
    title: string,
    period: { start: string; end: string },
    state: 'open' | 'closed',
    previous: Types.ObjectId | null,
    note: string,
  ): RoundDoc => {
    const openedAt = atJapan(period.start, 9);
    const closedAt = state === 'closed' ? atJapan(addDays(period.end, 7), 10) : null;
    return {
      _id: new Types.ObjectId(),
      title,
      periodStart: dayDate(period.start),
      periodEnd: dayDate(period.end),
      deadline: atJapan(period.end, 17),
      businessAreas: [...allAreas],
      note,
      state,
      createdBy: input.secretariat,
      openedAt,
      closedAt,
      previousRoundId: previous,
      createdAt: new Date(openedAt.getTime() - 5 * DAY_MS),
      updatedAt: closedAt ?? openedAt,
    };
  };
  const closed = round(
    titles.closed,
    first,
    'closed',
    null,
    '令和8年度第1回の開発状況調査です。各業務の標準準拠システムの開発状況と、顧客団体の移行見込みをご報告ください。\n\n（デモ用の架空のデータです）',
  );
  const open = round(
    titles.open,
    second,
    'open',
    closed._id,
    '前回調査（第1回）からの変更点を中心にご報告ください。特定移行支援システムに該当する見込みの団体数は、事由別にご記入ください。\n\n（デモ用の架空のデータです）',
  );

  // ---- who does what, by vendor (in the order of their keys, so the same every time).
  const vendors = [...input.vendors].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const others = vendors.filter((v) => !demo.has(String(v.id)));
  const shuffled = [...others];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  type OpenState = 'submitted' | 'resubmitted' | 'edited' | 'returned' | 'draft' | 'notStarted';
  const openState = new Map<string, OpenState>();
  const closedSubmits = new Set<string>(demo.keys());
  const n = vendors.length;
  const counts = { submitted: Math.round(n * 0.6), returned: 2, edited: 3, draft: Math.round(n * 0.2) - demo.size - 3 };
  shuffled.forEach((v, i) => {
    const id = String(v.id);
    let state: OpenState;
    if (everyone) state = 'submitted';
    else if (i < counts.submitted) state = i < 4 ? 'resubmitted' : 'submitted';
    else if (i < counts.submitted + counts.returned) state = 'returned';
    else if (i < counts.submitted + counts.returned + counts.edited) state = 'edited';
    else if (i < counts.submitted + counts.returned + counts.edited + Math.max(0, counts.draft)) state = 'draft';
    else state = 'notStarted';
    openState.set(id, state);
    // 90% reported in the first round (the bench: everyone).
    if (everyone || rand() < 0.9) closedSubmits.add(id);
  });
  for (const id of demo.keys()) openState.set(id, 'draft');

  // A report that added an area the profile lacks, and one that removed one it names (both with a reason).
  const adder = everyone ? undefined : shuffled.find((v, i) => i >= 4 && i < counts.submitted && v.businessAreas.length < allAreas.length);
  const remover = everyone
    ? undefined
    : shuffled.find((v, i) => i >= 4 && i < counts.submitted && v !== adder && v.businessAreas.length >= 3);

  const fictional = new Map<string, PersonRecord>();
  const personFor = (v: PlanVendor): PersonRecord => {
    let p = fictional.get(String(v.id));
    if (!p) {
      p = {
        id: new Types.ObjectId(),
        displayName: `${pickOf(rand, SURNAMES)} ${pickOf(rand, GIVEN_NAMES)}`,
        organization: { id: v.id, nameJa: v.nameJa, nameEn: v.nameEn },
      } as PersonRecord;
      fictional.set(String(v.id), p);
    }
    return p;
  };

  const reports: ReportDoc[] = [];
  const versions: VersionDoc[] = [];
  const submission = (
    report: Omit<ReportDoc, 'submitted' | 'version' | 'updatedAt' | 'updatedBy' | 'returned' | 'state' | 'areas'>,
    contents: Array<{ at: Date; by: PersonRecord; areas: Array<{ area: string; entry: AreaEntry }>; comment: string }>,
  ): SubmittedDoc => {
    contents.forEach((c, i) => {
      versions.push({
        _id: `${String(report._id)}:${i + 1}`,
        reportId: report._id,
        roundId: report.roundId,
        organizationId: report.organizationId,
        version: i + 1,
        ...c,
      });
    });
    const last = contents[contents.length - 1]!;
    return { ...last, version: contents.length };
  };
  /** Somewhere in [from, to), to the minute. */
  const instant = (from: Date, to: Date) =>
    new Date(from.getTime() + Math.floor(rand() * ((to.getTime() - from.getTime()) / 60_000)) * 60_000);
  const secondUntil = new Date(Math.min(input.now.getTime() - 2 * 3600_000, atJapan(second.end, 17).getTime()));

  for (const v of vendors) {
    const id = String(v.id);
    const demoRole = demo.get(id);
    const state = openState.get(id)!;
    const added = v === adder ? [{ area: allAreas.find((a) => !v.businessAreas.includes(a))!, reason: ADDED_REASON }] : [];
    const removed = v === remover ? [{ area: v.businessAreas[v.businessAreas.length - 1]!, reason: REMOVED_REASON }] : [];
    const firstAreas = reportAreas({ roundAreas: allAreas, profileAreas: v.businessAreas, added: [], removed: [] });
    const secondAreas = reportAreas({ roundAreas: allAreas, profileAreas: v.businessAreas, added, removed });
    const histories = new Map<string, AreaHistory>();
    for (const area of new Set([...firstAreas, ...secondAreas]))
      histories.set(
        area,
        areaHistory(rand, { area, areaIndex: allAreas.indexOf(area), today, firstDay: addDays(first.start, 15), issues }),
      );
    const comment = () => (rand() < 0.25 ? pickOf(rand, COMMENTS) : '');

    // The first round: submitted once, a few twice (returned, corrected, submitted again).
    if (closedSubmits.has(id)) {
      const by = demoRole?.submitter ?? personFor(v);
      const areas = firstAreas.map((area) => ({ area, entry: histories.get(area)!.first }));
      const at = instant(atJapan(first.start, 10), atJapan(addDays(first.end, -3), 17));
      const twice = !everyone && !demoRole && rand() < 0.03;
      const text = comment();
      const contents = twice
        ? [
            {
              at,
              by,
              areas: areas.map((a, i) => (i === 0 ? { ...a, entry: { ...a.entry, plannedAfter: 0, migrated: 0, plannedByFyEnd: 0 } } : a)),
              comment: text,
            },
            { at: new Date(at.getTime() + 2 * DAY_MS), by, areas, comment: text },
          ]
        : [{ at, by, areas, comment: text }];
      const base = { _id: new Types.ObjectId(), roundId: closed._id, organizationId: v.id, added: [], removed: [], comment: text };
      const submitted = submission(base, contents);
      reports.push({
        ...base,
        state: 'submitted',
        version: contents.length,
        areas: Object.fromEntries(areas.map((a) => [a.area, a.entry])),
        updatedAt: submitted.at,
        updatedBy: by,
        submitted,
        returned: null,
      });
    }

    // The second round.
    if (state === 'notStarted') continue;
    const by = demoRole?.drafter ?? personFor(v);
    const areas = secondAreas.map((area) => ({ area, entry: histories.get(area)!.second }));
    const text = comment();
    const base = { _id: new Types.ObjectId(), roundId: open._id, organizationId: v.id, added, removed, comment: text };
    if (state === 'draft') {
      // Typed so far: the first areas whole, the next half, the rest not yet (a demo organisation: one whole, one half).
      const whole = demoRole ? Math.min(1, areas.length - 1) : Math.floor(rand() * areas.length);
      const typed = areas
        .slice(0, Math.min(areas.length, whole + 1))
        .map((a, i) => [a.area, i < whole ? a.entry : halfTyped(a.entry)] as const);
      reports.push({
        ...base,
        comment: demoRole ? '' : text,
        state: 'draft',
        version: 0,
        areas: Object.fromEntries(typed),
        updatedAt: demoRole ? new Date(input.now.getTime() - DAY_MS) : instant(atJapan(second.start, 10), secondUntil),
        updatedBy: by,
        submitted: null,
        returned: null,
      });
      continue;
    }
    // From the round's second day, so that a corrected report's first submission falls inside it too.
    const at = instant(atJapan(addDays(second.start, 1), 10), secondUntil);
    const contents = [{ at, by, areas, comment: text }];
    if (state === 'resubmitted') {
      // Corrected after a return: the first submission had the first area's customers wrong.
      const wrong = areas.map((a, i) => (i === 0 ? { ...a, entry: { ...a.entry, customers: (a.entry.customers ?? 0) + 20 } } : a));
      contents.unshift({ at: new Date(at.getTime() - DAY_MS), by, areas: wrong, comment: text });
    }
    const submitted = submission(base, contents);
    let current = Object.fromEntries(areas.map((a) => [a.area, a.entry]));
    let reportState: ReportDoc['state'] = 'submitted';
    let returned: ReportDoc['returned'] = null;
    let updatedAt = at;
    if (state === 'returned') {
      reportState = 'returned';
      updatedAt = new Date(Math.min(at.getTime() + DAY_MS, input.now.getTime() - 3600_000));
      returned = {
        reason: pickOf(rand, RETURN_REASONS)(areaName.get(areas[0]!.area) ?? areas[0]!.area),
        by: input.secretariat,
        at: updatedAt,
      };
    } else if (state === 'edited') {
      // Submitted, then changed again: a draft until it is submitted once more (its last submission still counts).
      const [firstArea] = areas;
      const e = firstArea!.entry;
      const more = Math.min(2, e.plannedByFyEnd ?? 0);
      current = {
        ...current,
        [firstArea!.area]: { ...e, migrated: (e.migrated ?? 0) + more, plannedByFyEnd: (e.plannedByFyEnd ?? 0) - more },
      };
      reportState = 'draft';
      updatedAt = new Date(Math.min(at.getTime() + 2 * DAY_MS, input.now.getTime() - 3600_000));
    }
    reports.push({ ...base, state: reportState, version: contents.length, areas: current, updatedAt, updatedBy: by, submitted, returned });
  }
  return { rounds: [closed, open], reports, versions };
}
