/**
 * Text must be valid Unicode. JSON can spell half a UTF-16 surrogate pair (`"\ud800"`), and a URL
 * its bytes (`%ED%A0%80`); the database's UTF-8 (and Node's query parser) would put U+FFFD in its
 * place, so what is stored would differ from what was sent and nobody would be told. REST input and
 * socket payloads are checked here once, before their zod schemas read them, so every text field
 * of every schema is covered, present and future.
 */
import { isUtf8 } from 'node:buffer';
import { unescape } from 'node:querystring';
import { badRequest, type HttpError } from './errors';

/** With the `u` flag a surrogate code unit matches only when it is not half of a pair. */
const LONE_SURROGATE = /\p{Cs}/u;

interface Frame {
  key: string;
  container: Record<string, unknown>;
  keys: string[];
  next: number;
}

/** Arrays and parsed JSON objects hold text; a Buffer (socket binary) or a Date does not. */
function isContainer(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}

/**
 * The path (`body.title`, `payload.body`) of the first string in `value` with a lone surrogate —
 * or of the object, when one of its keys has one; undefined when all its text is well formed.
 * Depth first without recursion: a body may nest 10,000 deep.
 */
export function illFormedField(value: unknown, location: string): string | undefined {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? location : undefined;
  if (!isContainer(value)) return undefined;
  const frames: Frame[] = [{ key: location, container: value, keys: Object.keys(value), next: 0 }];
  const pathTo = (...last: string[]) => [...frames.map((f) => f.key), ...last].join('.');
  while (frames.length) {
    const frame = frames[frames.length - 1]!;
    const key = frame.keys[frame.next++];
    if (key === undefined) {
      frames.pop();
      continue;
    }
    if (LONE_SURROGATE.test(key)) return pathTo();
    const item = frame.container[key];
    if (typeof item === 'string') {
      if (LONE_SURROGATE.test(item)) return pathTo(key);
    } else if (isContainer(item)) {
      frames.push({ key, container: item, keys: Object.keys(item), next: 0 });
    }
  }
  return undefined;
}

/** Every run of %-escapes in `raw` decodes to UTF-8. */
const escapesAreUtf8 = (raw: string) =>
  [...raw.matchAll(/(?:%[0-9a-f]{2})+/gi)].every(([run]) => isUtf8(Buffer.from(run.replaceAll('%', ''), 'hex')));

/**
 * The first query parameter (`query.q`) whose %-escapes are not UTF-8, read from the raw URL:
 * the parsed `req.query` already holds U+FFFD in their place.
 */
export function illFormedQueryField(url: string): string | undefined {
  const start = url.indexOf('?');
  if (start < 0) return undefined;
  for (const pair of url.slice(start + 1).split('&')) {
    if (escapesAreUtf8(pair)) continue;
    const key = pair.split('=', 1)[0]!;
    return escapesAreUtf8(key) ? `query.${unescape(key.replaceAll('+', ' '))}` : 'query';
  }
  return undefined;
}

export const notUnicode = (field: string): HttpError =>
  badRequest(`${field}: must be valid Unicode text (no lone surrogates, no bytes that are not UTF-8)`, field);
