/** A short plain-text excerpt of Markdown for a notification (the inbox row, the e-mail). */
const LENGTH = 140;

export function excerpt(markdown: string): string {
  const text = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`~|-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > LENGTH ? `${text.slice(0, LENGTH - 1)}…` : text;
}
