/** The audit log as a spreadsheet (.xlsx) or CSV (UTF-8 with BOM), with formula-like text neutralised. */
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import type { AuditEntry } from '@shared/schemas/audit';
import { neutralizeCell } from '@shared/register/rules';

type Cell = string | number | Date | null;
const COLUMNS: Array<{ header: string; width: number; value: (e: AuditEntry) => Cell }> = [
  { header: '番号', width: 8, value: (e) => e.seq },
  { header: '日時', width: 20, value: (e) => new Date(e.at) },
  { header: '操作', width: 22, value: (e) => e.action },
  { header: '実行者', width: 14, value: (e) => e.actor?.displayName ?? null },
  { header: '組織', width: 24, value: (e) => e.actor?.organization ?? null },
  { header: '役割', width: 10, value: (e) => e.actor?.role ?? null },
  { header: '対象種別', width: 10, value: (e) => e.target?.kind ?? null },
  { header: '対象', width: 28, value: (e) => e.target?.label ?? e.target?.id ?? null },
  { header: '詳細', width: 40, value: (e) => (Object.keys(e.detail).length ? JSON.stringify(e.detail) : null) },
  { header: '経路', width: 8, value: (e) => e.origin.channel },
  { header: '接続元', width: 16, value: (e) => e.origin.ip },
  { header: 'ハッシュ', width: 20, value: (e) => e.hash },
];

const safe = (v: Cell): Cell => (typeof v === 'string' ? neutralizeCell(v) : v);

export async function auditToXlsx(entries: readonly AuditEntry[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '事業者協議会プラットフォーム';
  const sheet = workbook.addWorksheet('監査ログ', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  sheet.getColumn(2).numFmt = 'yyyy-mm-dd hh:mm:ss';
  sheet.getRow(1).font = { bold: true };
  // Excel has no time zones: the time is written as Japan time.
  for (const entry of entries) {
    sheet.addRow(
      COLUMNS.map((c) => {
        const v = c.value(entry);
        return v instanceof Date ? new Date(v.getTime() + 9 * 3_600_000) : safe(v);
      }),
    );
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, entries.length + 1), column: COLUMNS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function auditToCsv(entries: readonly AuditEntry[]): string {
  const text = (v: Cell) => (v instanceof Date ? v.toISOString() : v === null ? '' : String(safe(v)));
  const rows = [COLUMNS.map((c) => c.header), ...entries.map((e) => COLUMNS.map((c) => text(c.value(e))))];
  return `\uFEFF${stringify(rows, { record_delimiter: '\r\n' })}`;
}
