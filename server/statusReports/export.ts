/**
 * A round of 開発状況報告 handed out as a spreadsheet (the secretariat's; audited): an Excel
 * workbook with one sheet per view of the picture — 提出状況, 業務別フェーズ, 移行時期, 特定移行支援,
 * 前回比 — and the raw rows (報告データ: one row per organisation × area of its last submission,
 * numbers as numbers, days as dates); and the raw rows alone as CSV (UTF-8 with a BOM, so Excel reads
 * the Japanese). Text is neutralised so nothing a vendor typed is read as a formula. Built from
 * memory (picture.ts), like the overview.
 */
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { TZDate } from '@date-fns/tz';
import { format as formatDate } from 'date-fns';
import { JAPAN_TIME_ZONE, parseDateOnly } from '@shared/japanDates';
import { roundVerdicts } from '@shared/policies/statusReport';
import { BUSINESS_AREAS, MIGRATION_FIGURES, SPECIAL_MIGRATION_REASONS } from '@shared/reference/council';
import { neutralizeCell } from '@shared/register/rules';
import type { Progress } from '@shared/schemas/statusReports';
import { figuresChange, type AreaFigures } from '@shared/statusReports/aggregate';
import {
  PHASES,
  SPECIAL_REASON_KEYS,
  TRACKS,
  type AreaEntry,
  type Phase,
  type ReportState,
  type SpecialReasonKey,
  type Track,
} from '@shared/statusReports/rules';
import { recordAudit } from '../audit/log';
import type { CouncilOrganization } from '../announcements/audience';
import { enforce } from '../http/authorize';
import type { UserWithOrganization } from '../users/model';
import { toActor } from '../users/presenter';
import { countedSubmission, previousPicture, readableRound, roundPicture, type RoundPicture } from './picture';
import { progressRows } from './progress';

export const PHASE_LABELS: Record<Phase, string> = {
  notStarted: '未着手',
  design: '設計',
  development: '開発',
  testing: 'テスト',
  available: '提供開始済',
};
export const TRACK_LABELS: Record<Track, string> = { onTrack: '順調', atRisk: '遅延リスクあり', delayed: '遅延' };
export const STATE_LABELS: Record<ReportState, string> = {
  notStarted: '未着手',
  draft: '作成中',
  submitted: '提出済み',
  returned: '差戻し',
};
const VENDOR_TYPE_LABELS = { development: '開発事業者', support: '支援事業者' } as const;
const REASON_LABELS = Object.fromEntries(SPECIAL_MIGRATION_REASONS.map((r) => [r.key, `事由${r.no}`])) as Record<SpecialReasonKey, string>;
const AREA_NAMES = new Map(BUSINESS_AREAS.map((a) => [a.key as string, a.ja]));
const areaName = (key: string) => AREA_NAMES.get(key) ?? key;

const TOTAL = '合計';
export const REFERENCE_LABEL = `参考値 (${MIGRATION_FIGURES.as_of})`;
export const SHEET_NAMES = ['提出状況', '業務別フェーズ', '移行時期', '特定移行支援', '前回比', '報告データ'] as const;

type Cell = string | number | Date | null;
const safe = (v: Cell): Cell => (typeof v === 'string' ? neutralizeCell(v) : v);

/** An instant as Japan's wall clock, for a spreadsheet cell (which has no time zone). */
const japanWallClock = (at: Date) => new Date(formatDate(new TZDate(at, JAPAN_TIME_ZONE), "yyyy-MM-dd'T'HH:mm:ss'Z'"));
const japanMinute = (at: Date) => formatDate(new TZDate(at, JAPAN_TIME_ZONE), 'yyyy-MM-dd HH:mm');

// ---- the raw rows ------------------------------------------------------------------------------------

/** One area of one organisation's last submission. */
export interface RawRow {
  organization: CouncilOrganization;
  state: ReportState;
  /** In the aggregates: false for a report the secretariat returned (withdrawn until submitted again). */
  counted: boolean;
  version: number;
  submittedAt: Date;
  area: string;
  entry: AreaEntry;
}

/** Every organisation's last submission, area by area (organisations by name, areas in the council's order). */
export function rawRows(picture: RoundPicture): RawRow[] {
  const inRound = new Set<string>(picture.areas);
  return picture.organizations.flatMap((o) => {
    const submitted = o.report?.submitted;
    if (!submitted) return [];
    const common = {
      organization: o.organization,
      state: o.state,
      counted: countedSubmission(o.report) !== null,
      version: submitted.version,
      submittedAt: new Date(submitted.at),
    };
    return submitted.areas.filter((a) => inRound.has(a.area)).map((a) => ({ ...common, area: a.area, entry: a.entry }));
  });
}

interface RawColumn {
  header: string;
  width: number;
  value: (r: RawRow) => Cell;
  /** `date`: a calendar day; `time`: an instant (Japan time). */
  kind?: 'date' | 'time';
}

const day = (value: string | null) => parseDateOnly(value);

export const RAW_COLUMNS: RawColumn[] = [
  { header: '組織', width: 32, value: (r) => r.organization.nameJa },
  { header: '組織ID', width: 26, value: (r) => r.organization.id },
  { header: '種別', width: 11, value: (r) => (r.organization.vendorType ? VENDOR_TYPE_LABELS[r.organization.vendorType] : null) },
  { header: '状態', width: 9, value: (r) => STATE_LABELS[r.state] },
  { header: '集計対象', width: 8, value: (r) => (r.counted ? '対象' : '対象外（差戻し）') },
  { header: '版', width: 5, value: (r) => r.version },
  { header: '提出日時（日本時間）', width: 18, value: (r) => r.submittedAt, kind: 'time' },
  { header: '業務', width: 24, value: (r) => areaName(r.area) },
  { header: '業務キー', width: 24, value: (r) => r.area },
  { header: 'フェーズ', width: 10, value: (r) => (r.entry.phase ? PHASE_LABELS[r.entry.phase] : null) },
  { header: '標準仕様書の版', width: 12, value: (r) => r.entry.specVersion || null },
  { header: '提供開始予定日', width: 12, value: (r) => day(r.entry.plannedAvailability), kind: 'date' },
  { header: '提供開始日（実績）', width: 12, value: (r) => day(r.entry.actualAvailability), kind: 'date' },
  { header: '顧客団体数', width: 9, value: (r) => r.entry.customers },
  { header: '移行済み', width: 9, value: (r) => r.entry.migrated },
  { header: '令和7年度末までに移行予定', width: 12, value: (r) => r.entry.plannedByFyEnd },
  { header: '令和8年度以降に移行予定', width: 12, value: (r) => r.entry.plannedAfter },
  ...SPECIAL_REASON_KEYS.map((k): RawColumn => ({
    header: `特定移行支援 ${REASON_LABELS[k]}`,
    width: 10,
    value: (r) => r.entry.special[k] ?? null,
  })),
  { header: '状況', width: 12, value: (r) => (r.entry.track ? TRACK_LABELS[r.entry.track] : null) },
  { header: '状況の説明', width: 40, value: (r) => r.entry.explanation || null },
  { header: 'リスク', width: 40, value: (r) => r.entry.risks || null },
  { header: '関連する課題', width: 20, value: (r) => r.entry.blockingIssues.join(' ') || null },
];

// ---- the views -----------------------------------------------------------------------------------------

interface Sheet {
  name: (typeof SHEET_NAMES)[number];
  columns: Array<{ header: string; width: number; numFmt?: string }>;
  rows: Cell[][];
  /** How many of `rows` the autofilter covers (the rest: totals and notes below the table). */
  filtered?: number;
}

const figuresColumns = (label: string) => [{ header: label, width: 26 }];
const count = (header: string) => ({ header, width: 12 });

function phaseSheet(picture: RoundPicture): Sheet {
  const row = (label: string, f: AreaFigures): Cell[] => [
    label,
    f.vendors,
    ...PHASES.flatMap((p) => [f.phases[p].vendors, f.phases[p].customers]),
  ];
  return {
    name: '業務別フェーズ',
    columns: [
      ...figuresColumns('業務'),
      count('報告事業者数'),
      ...PHASES.flatMap((p) => [count(`${PHASE_LABELS[p]}（事業者数）`), count(`${PHASE_LABELS[p]}（顧客団体数）`)]),
    ],
    rows: [...picture.areas.map((a) => row(areaName(a), picture.byArea.get(a)!)), row(TOTAL, picture.total)],
    filtered: picture.areas.length,
  };
}

function timingSheet(picture: RoundPicture): Sheet {
  const row = (label: string, f: AreaFigures): Cell[] => [
    label,
    f.vendors,
    f.timing.customers,
    f.timing.migrated,
    f.timing.byFyEnd,
    f.timing.after,
  ];
  const width = 6;
  const pad = (cells: Cell[]) => [...cells, ...Array<Cell>(width - cells.length).fill(null)];
  return {
    name: '移行時期',
    columns: [
      ...figuresColumns('業務'),
      count('報告事業者数'),
      count('顧客団体数'),
      count('移行済み'),
      count('令和7年度末までに移行予定'),
      count('令和8年度以降に移行予定'),
    ],
    rows: [
      ...picture.areas.map((a) => row(areaName(a), picture.byArea.get(a)!)),
      row(TOTAL, picture.total),
      pad([]),
      pad([`${REFERENCE_LABEL} 標準準拠システムへの移行対象システム数`, null, MIGRATION_FIGURES.systems_total]),
      pad([`${REFERENCE_LABEL} 特定移行支援システム数`, null, MIGRATION_FIGURES.special_migration_systems]),
      pad(['参考値は協議会資料の数値であり、本調査の集計ではありません。']),
    ],
    filtered: picture.areas.length,
  };
}

function specialSheet(picture: RoundPicture): Sheet {
  const sum = (f: AreaFigures) => SPECIAL_REASON_KEYS.reduce((s, k) => s + f.special[k], 0);
  const row = (label: string, f: AreaFigures): Cell[] => [label, ...SPECIAL_REASON_KEYS.map((k) => f.special[k]), sum(f)];
  const bySystems = new Map(SPECIAL_MIGRATION_REASONS.map((r) => [r.key, r.systems]));
  return {
    name: '特定移行支援',
    columns: [...figuresColumns('業務'), ...SPECIAL_REASON_KEYS.map((k) => count(REASON_LABELS[k])), count('合計')],
    rows: [
      ...picture.areas.map((a) => row(areaName(a), picture.byArea.get(a)!)),
      row(TOTAL, picture.total),
      [null, null, null, null, null, null],
      [
        `${REFERENCE_LABEL} システム数`,
        ...SPECIAL_REASON_KEYS.map((k) => bySystems.get(k) ?? null),
        MIGRATION_FIGURES.special_migration_systems,
      ],
    ],
    filtered: picture.areas.length,
  };
}

/** Every figure of an area, flat, in the 前回比 sheet's column order. */
const changeCells = (f: AreaFigures): number[] => [
  f.vendors,
  ...PHASES.map((p) => f.phases[p].vendors),
  f.timing.customers,
  f.timing.migrated,
  f.timing.byFyEnd,
  f.timing.after,
  ...SPECIAL_REASON_KEYS.map((k) => f.special[k]),
  ...TRACKS.map((t) => f.tracks[t]),
];
const CHANGE_HEADERS = [
  '報告事業者数',
  ...PHASES.map((p) => `${PHASE_LABELS[p]}（事業者数）`),
  '顧客団体数',
  '移行済み',
  '令和7年度末までに移行予定',
  '令和8年度以降に移行予定',
  ...SPECIAL_REASON_KEYS.map((k) => `特定移行支援 ${REASON_LABELS[k]}`),
  ...TRACKS.map((t) => TRACK_LABELS[t]),
];

function changeSheet(picture: RoundPicture, previous: RoundPicture | null): Sheet {
  const columns = [...figuresColumns('業務'), ...CHANGE_HEADERS.map(count)];
  const blank = () => Array<Cell>(CHANGE_HEADERS.length).fill(null);
  if (!previous) return { name: '前回比', columns, rows: [['前回の調査はありません', ...blank()]], filtered: 0 };
  return {
    name: '前回比',
    columns,
    rows: [
      ...picture.areas.map((a): Cell[] => {
        const before = previous.byArea.get(a);
        return [areaName(a), ...(before ? changeCells(figuresChange(picture.byArea.get(a)!, before)) : blank())];
      }),
      [TOTAL, ...changeCells(figuresChange(picture.total, previous.total))],
      [null, ...blank()],
      [`比較対象: ${previous.round.title}（今回 − 前回。空欄は前回の対象外の業務）`, ...blank()],
    ],
    filtered: picture.areas.length,
  };
}

function progressSheet(rows: Progress['rows']): Sheet {
  const at = (s: string | null) => (s ? japanWallClock(new Date(s)) : null);
  return {
    name: '提出状況',
    columns: [
      { header: '組織', width: 32 },
      { header: '種別', width: 11 },
      { header: '業務', width: 48 },
      { header: '状態', width: 9 },
      { header: '版', width: 5 },
      { header: '最終更新（日本時間）', width: 18, numFmt: 'yyyy-mm-dd hh:mm' },
      { header: '提出日時（日本時間）', width: 18, numFmt: 'yyyy-mm-dd hh:mm' },
    ],
    rows: rows.map((r) => [
      r.organization.nameJa,
      r.vendorType ? VENDOR_TYPE_LABELS[r.vendorType] : null,
      r.areas.map(areaName).join('、'),
      STATE_LABELS[r.state],
      r.version,
      at(r.updatedAt),
      at(r.submittedAt),
    ]),
  };
}

function rawSheet(rows: readonly RawRow[]): Sheet {
  return {
    name: '報告データ',
    columns: RAW_COLUMNS.map((c) => ({
      header: c.header,
      width: c.width,
      ...(c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : c.kind === 'time' ? { numFmt: 'yyyy-mm-dd hh:mm' } : {}),
    })),
    rows: rows.map((r) => RAW_COLUMNS.map((c) => (c.kind === 'time' ? japanWallClock(c.value(r) as Date) : c.value(r)))),
  };
}

function addSheet(workbook: ExcelJS.Workbook, spec: Sheet): void {
  const sheet = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spec.columns.map((c) => ({ header: c.header, width: c.width, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
  sheet.getRow(1).font = { bold: true };
  for (const cells of spec.rows) {
    const row = sheet.addRow(cells.map(safe));
    if (cells[0] === TOTAL) row.font = { bold: true };
  }
  const filtered = spec.filtered ?? spec.rows.length;
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, filtered + 1), column: spec.columns.length } };
}

/** The whole round as a workbook: one sheet per view, then the raw rows. */
export async function roundXlsx(picture: RoundPicture, previous: RoundPicture | null): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '事業者協議会プラットフォーム';
  workbook.title = picture.round.title;
  for (const sheet of [
    progressSheet(progressRows(picture)),
    phaseSheet(picture),
    timingSheet(picture),
    specialSheet(picture),
    changeSheet(picture, previous),
    rawSheet(rawRows(picture)),
  ])
    addSheet(workbook, sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The raw rows as CSV: days as `YYYY-MM-DD`, instants as Japan's `YYYY-MM-DD HH:mm`, empty for nothing. */
export function roundCsv(rows: readonly RawRow[]): string {
  const text = (v: Cell, kind: RawColumn['kind']) =>
    v === null ? '' : v instanceof Date ? (kind === 'time' ? japanMinute(v) : v.toISOString().slice(0, 10)) : String(safe(v));
  const lines = [RAW_COLUMNS.map((c) => c.header), ...rows.map((r) => RAW_COLUMNS.map((c) => text(c.value(r), c.kind)))];
  return `\uFEFF${stringify(lines, { record_delimiter: '\r\n' })}`;
}

/** A round for a download (the secretariat's: roundVerdicts().export; not a draft), put on the audit record. */
export async function exportRound(input: {
  user: UserWithOrganization;
  roundId: string;
  format: 'xlsx' | 'csv';
}): Promise<Buffer | string> {
  const { user, format } = input;
  const actor = toActor(user);
  const round = await readableRound(actor, input.roundId);
  enforce(roundVerdicts(actor, round).export);
  const [picture, previous] = await Promise.all([roundPicture(round), previousPicture(round)]);
  const rows = rawRows(picture);
  const data = format === 'xlsx' ? await roundXlsx(picture, previous) : roundCsv(rows);
  await recordAudit({
    actor: user,
    action: 'export.statusRound',
    target: { kind: 'statusRound', id: String(round._id), label: round.title },
    detail: { format, rows: rows.length, organizations: picture.organizations.length },
  });
  return data;
}
