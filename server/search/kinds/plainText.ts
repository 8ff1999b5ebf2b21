/**
 * Markdown source as plain text, close enough for matching and snippets: code fences, link targets, heading and
 * quote marks and emphasis go. A `#` that is not a heading mark stays (`#12` is a reference search finds exactly).
 */
export function plainText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^[ \t]*(#{1,6}|>+)[ \t]+/gm, '')
    .replace(/[*_`~|]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
