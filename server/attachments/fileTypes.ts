/**
 * Which files the council may exchange, judged by their content (magic numbers, the parts inside an
 * Office zip, the streams inside a legacy Office file), never by the name or the type the browser
 * claims — and the file name extensions each kind may go by.
 */
import { open } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';

/** A kind of file we accept: the type stored and served, and its extensions, the usual one first. */
export interface FileKind {
  mime: string;
  extensions: readonly [string, ...string[]];
}

const kind = (mime: string, ...extensions: [string, ...string[]]): FileKind => ({ mime, extensions });

const WORD = kind('application/msword', 'doc');
const EXCEL = kind('application/vnd.ms-excel', 'xls');
const POWERPOINT = kind('application/vnd.ms-powerpoint', 'ppt');

/** Detected MIME type → the kind it is stored as. */
const BY_DETECTED_TYPE = new Map<string, FileKind>(
  [
    kind('application/pdf', 'pdf'),
    kind('image/png', 'png'),
    kind('image/jpeg', 'jpg', 'jpeg'),
    kind('image/gif', 'gif'),
    kind('image/webp', 'webp'),
    kind('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'),
    kind('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'),
    kind('application/vnd.openxmlformats-officedocument.presentationml.presentation', 'pptx'),
  ].map((k) => [k.mime, k]),
);

/**
 * Legacy .doc/.xls/.ppt share the OLE compound-file container with installers (.msi), Outlook
 * mail and more; the application's main stream says which one a file is for.
 */
const LEGACY_OFFICE_STREAMS = new Map<string, FileKind>([
  ['WordDocument', WORD],
  ['Workbook', EXCEL],
  ['Book', EXCEL], // Excel 5/95
  ['PowerPoint Document', POWERPOINT],
]);

/**
 * Uploads stored before legacy Office files were told apart are served as `application/x-cfb`
 * (a container, not an application); a misnamed one is downloaded as .doc, a name Word refuses to
 * open rather than one the desktop would run.
 */
const STORED_BEFORE_ISSUE_16 = kind('application/x-cfb', 'doc', 'xls', 'ppt');

const ALL_KINDS = [...BY_DETECTED_TYPE.values(), WORD, EXCEL, POWERPOINT, STORED_BEFORE_ISSUE_16];

export const ALLOWED_DESCRIPTION = 'PDF, PNG, JPEG, GIF, WebP, Word, Excel or PowerPoint';

/** The kind of the content of `file`, or null when it is not one we accept. Reads only as much as it needs at a time. */
export async function allowedKindOf(file: string): Promise<FileKind | null> {
  const detected = await fileTypeFromFile(file);
  if (detected?.mime === 'application/x-cfb') return legacyOfficeKind(file);
  return detected ? (BY_DETECTED_TYPE.get(detected.mime) ?? null) : null;
}

/** The kind a stored attachment of type `mime` was accepted as. */
export function kindServedAs(mime: string): FileKind | undefined {
  return ALL_KINDS.find((k) => k.mime === mime);
}

/** Directory entries are read this many at a time (64 KiB). */
const ENTRIES_PER_READ = 512;

/**
 * The first Office main stream in a compound file's directory. Directory entries are 128 bytes,
 * in sectors of 512 or 4,096 bytes after a header of the same size, so every entry starts at a
 * multiple of 128: a UTF-16 name (64 bytes), its length in bytes with the terminator, the entry type
 * (2: stream). Scanning every such slot finds the directory without following the sector chain;
 * a slot inside some stream's data that happens to look like a stream entry could only pick which
 * of Word, Excel or PowerPoint names the file.
 */
async function legacyOfficeKind(file: string): Promise<FileKind | null> {
  const handle = await open(file);
  try {
    const slots = Buffer.alloc(ENTRIES_PER_READ * 128);
    for (let position = 512; ; position += slots.length) {
      const { bytesRead } = await handle.read(slots, 0, slots.length, position);
      for (let at = 0; at + 128 <= bytesRead; at += 128) {
        const nameBytes = slots.readUInt16LE(at + 64);
        if (slots[at + 66] !== 2 || nameBytes < 4 || nameBytes > 64 || nameBytes % 2) continue;
        const found = LEGACY_OFFICE_STREAMS.get(slots.toString('utf16le', at, at + nameBytes - 2));
        if (found) return found;
      }
      if (bytesRead < slots.length) return null;
    }
  } finally {
    await handle.close();
  }
}
