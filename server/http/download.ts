/** Headers for a file handed out as a download, named with today's date in Japan. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `attachment` with an ASCII fallback name and the Japanese name for browsers that read `filename*`. */
export function downloadName(asciiBase: string, japaneseBase: string, ext: string): string {
  const stamp = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
  return `attachment; filename="${asciiBase}-${stamp}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${japaneseBase}_${stamp}.${ext}`)}`;
}
