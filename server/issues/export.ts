/**
 * The register handed out as a spreadsheet: .xlsx (exceljs: Japanese headers, dates as dates, an
 * autofilter and a frozen header row) and CSV (UTF-8 with a BOM so Excel reads the Japanese).
 * Text that begins like a formula is neutralised in both.
 */
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { Issue } from '@shared/schemas/issues';
import { BUSINESS_AREAS, OBSERVERS, SPECIAL_MIGRATION_REASONS } from '@shared/reference/council';
import { CATEGORY_LABELS, neutralizeCell, PRIORITY_LABELS, STATUS_LABELS } from '@shared/register/rules';

type Cell = string | number | Date | null;
interface Column {
  header: string;
  width: number;
  value: (i: Issue) => Cell;
  date?: boolean;
}

const date = (s: string | null) => (s ? new Date(`${s.slice(0, 10)}T00:00:00.000Z`) : null);
const areaName = (key: string) => BUSINESS_AREAS.find((a) => a.key === key)?.ja ?? key;
const ministryName = (key: string | null) => (key ? (OBSERVERS.find((o) => o.key === key)?.ja ?? key) : null);
const reasonName = (key: string | null) => {
  const r = SPECIAL_MIGRATION_REASONS.find((x) => x.key === key);
  return r ? `事由${r.no}` : null;
};

export const EXPORT_COLUMNS: Column[] = [
  { header: '番号', width: 11, value: (i) => i.number },
  { header: '件名', width: 40, value: (i) => i.title },
  { header: 'ステータス', width: 9, value: (i) => STATUS_LABELS[i.status].ja },
  { header: '業務', width: 24, value: (i) => i.businessAreas.map(areaName).join('、') },
  { header: '分類', width: 20, value: (i) => CATEGORY_LABELS[i.category].ja },
  { header: '特例事由', width: 9, value: (i) => reasonName(i.specialReason) },
  { header: '提起組織', width: 28, value: (i) => i.raisedBy.organization.nameJa },
  { header: '提起者', width: 14, value: (i) => i.raisedBy.displayName },
  { header: '優先度', width: 7, value: (i) => (i.priority ? PRIORITY_LABELS[i.priority].ja : null) },
  { header: '担当府省', width: 12, value: (i) => ministryName(i.ministry) },
  { header: '期限', width: 12, value: (i) => date(i.dueDate), date: true },
  { header: '施行日', width: 12, value: (i) => date(i.lawEnforcementDate), date: true },
  { header: '仕様書公開日', width: 12, value: (i) => date(i.specPublishedDate), date: true },
  { header: 'リードタイム(日)', width: 10, value: (i) => i.leadTimeDays },
  { header: '1年未満', width: 8, value: (i) => (i.leadTimeShort ? '要注意' : null) },
  { header: '支持数', width: 7, value: (i) => i.supportCount },
  { header: '回答数', width: 7, value: (i) => i.answerCount },
  { header: '回答日', width: 12, value: (i) => date(i.answeredAt), date: true },
  { header: '期限超過', width: 8, value: (i) => (i.overdue ? '超過' : null) },
  { header: '却下理由', width: 24, value: (i) => i.rejectionReason },
  { header: '重複先', width: 11, value: (i) => i.duplicateOf?.number ?? null },
  { header: '登録日', width: 12, value: (i) => date(i.createdAt), date: true },
  { header: '更新日', width: 12, value: (i) => date(i.updatedAt), date: true },
];

const safe = (v: Cell): Cell => (typeof v === 'string' ? neutralizeCell(v) : v);

export async function issuesToXlsx(issues: readonly Issue[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '事業者協議会プラットフォーム';
  const sheet = workbook.addWorksheet('課題管理表', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((c) => ({ header: c.header, width: c.width, ...(c.date ? { style: { numFmt: 'yyyy-mm-dd' } } : {}) }));
  sheet.getRow(1).font = { bold: true };
  for (const issue of issues) sheet.addRow(EXPORT_COLUMNS.map((c) => safe(c.value(issue))));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, issues.length + 1), column: EXPORT_COLUMNS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function issuesToCsv(issues: readonly Issue[]): string {
  const text = (v: Cell) => (v instanceof Date ? v.toISOString().slice(0, 10) : v === null ? '' : String(safe(v)));
  const rows = [EXPORT_COLUMNS.map((c) => c.header), ...issues.map((i) => EXPORT_COLUMNS.map((c) => text(c.value(i))))];
  return `\uFEFF${stringify(rows, { record_delimiter: '\r\n' })}`;
}
