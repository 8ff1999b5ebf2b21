/** Files handed out as downloads: exports as .xlsx or CSV, named with today's date in Japan. */
import type { Response } from 'express';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_TYPE = 'text/csv; charset=utf-8';

/** `attachment` with an ASCII fallback name and the Japanese name for browsers that read `filename*`. */
export function downloadName(asciiBase: string, japaneseBase: string, ext: string): string {
  const stamp = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
  return `attachment; filename="${asciiBase}-${stamp}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${japaneseBase}_${stamp}.${ext}`)}`;
}

/** Send an export: never cached, named `<ascii>-<date>` / `<日本語>_<date>`. */
export function sendExport(
  res: Response,
  file: { format: 'xlsx' | 'csv'; data: Buffer | string; asciiName: string; japaneseName: string },
): void {
  res
    .set({
      'Content-Type': file.format === 'xlsx' ? XLSX_TYPE : CSV_TYPE,
      'Content-Disposition': downloadName(file.asciiName, file.japaneseName, file.format),
      'Cache-Control': 'no-store',
    })
    .send(file.data);
}
