/**
 * The names attachments are stored and downloaded under. A name is the uploader's to choose, but
 * it is kept honest: no path, no control or format characters that can disguise it, and an
 * extension that matches the content, so a file opened from the disk opens in the application its
 * content is for and never runs as a page or a program.
 */
import { badRequest } from '../http/errors';
import { kindServedAs, type FileKind } from './fileTypes';

/**
 * Never in a name: control characters (Cc: C0, DEL, C1); format characters (Cf: the bidi marks,
 * embeddings, overrides and isolates U+200E/U+200F, U+061C, U+202A–U+202E, U+2066–U+2069, and the
 * invisible ones: zero-width space and joiners, soft hyphen, BOM), which make `invoice‮gnp.exe` show
 * as `invoiceexe.png`; line and paragraph separators; lone surrogates; and what Windows forbids.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}"<>|:*?]/gu;
/** What the desktop takes for an extension: a letter, then letters or digits (`v1.2` has none). */
const EXTENSION = /\.[a-z][a-z0-9]{0,9}$/i;
/** Characters kept before the extension. */
const MAX_STEM = 200;

function stripped(raw: string): string {
  const base = raw.normalize('NFC').replace(UNSAFE, '').split(/[\\/]/).pop() ?? '';
  // No hidden files; and Windows drops trailing dots and spaces, so `report.html.` would be saved as `report.html`.
  return base.replace(/^[.\s]+|[.\s]+$/gu, '');
}

/** The last path segment of `raw` without unsafe characters; a 400 naming `query.name` when nothing is left. */
export function cleanFileName(raw: string): string {
  const cleaned = stripped(raw);
  if (!cleaned) throw badRequest('query.name: must be a file name', 'query.name');
  return cleaned;
}

/**
 * `name` with an extension of `kind`: its own when it is one (in any case), otherwise the kind's
 * usual one in its place (`report.html` holding a PNG becomes `report.png`; `report.html.png`
 * would show as `report.html` where Windows hides known extensions), or added when it has none.
 * The part before it is cut to 200 characters, whole code points, so the extension always stays.
 */
export function honestFileName(name: string, kind: FileKind): string {
  const ext = EXTENSION.exec(name)?.[0];
  const own = ext !== undefined && kind.extensions.includes(ext.slice(1).toLowerCase()) ? ext : undefined;
  const stem = ext === undefined ? name : name.slice(0, -ext.length);
  return `${[...stem].slice(0, MAX_STEM).join('')}${own ?? `.${kind.extensions[0]}`}`;
}

/**
 * The name a stored attachment is downloaded under: checked again, so that files stored before
 * names were checked (issue 16) reach the disk under an honest name too.
 */
export function downloadFileName(stored: string, mime: string): string {
  const name = stripped(stored) || 'file';
  const kind = kindServedAs(mime);
  return kind ? honestFileName(name, kind) : name;
}
