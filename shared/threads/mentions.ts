/**
 * Mentions are stored in the markdown source as tokens, `@{user:<id>}` or `@{org:<id>}`. The server
 * resolves the ids it finds and stores the names it found beside the message; the client renders
 * each token as a highlighted name. While writing, the editor shows `@name` instead and turns it
 * into the token on sending (`mentionsToTokens`, `mentionsToNames`).
 */
export type MentionKind = 'user' | 'org';
const TOKEN = /@\{(user|org):([0-9a-f]{24})\}/g;

export function mentionToken(kind: MentionKind, id: string): string {
  return `@{${kind}:${id}}`;
}

/** The distinct ids mentioned in `body`, by kind. */
export function extractMentions(body: string): { users: string[]; organizations: string[] } {
  const users = new Set<string>();
  const organizations = new Set<string>();
  for (const [, kind, id] of body.matchAll(TOKEN)) (kind === 'user' ? users : organizations).add(id!);
  return { users: [...users], organizations: [...organizations] };
}

/** Replace each token with what `render` returns, e.g. a markdown link the renderer turns into a chip. */
export function replaceMentions(body: string, render: (kind: MentionKind, id: string) => string): string {
  return body.replace(TOKEN, (_all, kind: MentionKind, id: string) => render(kind, id));
}

/**
 * A mention as the editor shows it: `@name` in the text, standing for the person or organisation
 * `kind:id`. Only mentions chosen from the suggestions (or loaded from a stored message) are named
 * this way; an `@name` typed by hand stays plain text.
 */
export interface NamedMention {
  kind: MentionKind;
  id: string;
  name: string;
}

// Where a mention may begin: like the autocomplete, not after a word character (an e-mail address).
const WORD_BEFORE_AT = /[A-Za-z0-9._%+\-@]/;
const ASCII_WORD = /[A-Za-z0-9]/;

/**
 * The stored form of the editor's text: each `@name` of a mention in `named` becomes its token;
 * everything else, raw tokens included, is left as written. The longest name wins where one name
 * begins another (「田中」 and 「田中 陽子」), and a later entry for the same name replaces an earlier one
 * (the person chosen last). A name ending in a letter or digit must not run on into one (`@Sato`
 * is not in `@Satoshi`); Japanese needs no space after a name (`@田中 陽子さん`).
 */
export function mentionsToTokens(text: string, named: readonly NamedMention[]): string {
  const byName = new Map<string, NamedMention>();
  for (const mention of named) if (mention.name.trim()) byName.set(mention.name, mention);
  if (byName.size === 0) return text;
  const longestFirst = [...byName.values()].sort((a, b) => b.name.length - a.name.length);

  let out = '';
  let from = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    if (at < from || (at > 0 && WORD_BEFORE_AT.test(text[at - 1]!))) continue;
    const found = longestFirst.find(({ name }) => {
      if (!text.startsWith(name, at + 1)) return false;
      const next = text[at + 1 + name.length];
      return !(next && ASCII_WORD.test(next) && ASCII_WORD.test(name.at(-1)!));
    });
    if (!found) continue;
    out += text.slice(from, at) + mentionToken(found.kind, found.id);
    from = at + 1 + found.name.length;
  }
  return out + text.slice(from);
}

/**
 * What the editor shows for a stored body: tokens as `@name`, with the mentions so named, such that
 * `mentionsToTokens(text, named)` gives `body` back exactly, so opening a message for editing and
 * saving it unchanged stores the same text. A token keeps its raw form where its name would not come
 * back as the same token: its id has no name (`nameOf` gives none: unknown to the server), another
 * id of the body is already shown by that name, or the body has that `@name` as plain text too.
 */
export function mentionsToNames(body: string, nameOf: (kind: MentionKind, id: string) => string | undefined): { text: string; named: NamedMention[] } {
  const candidates = new Map<string, NamedMention>();
  for (const [, kind, id] of body.matchAll(TOKEN)) {
    const name = nameOf(kind as MentionKind, id!)?.trim();
    if (name) candidates.set(`${kind}:${id}`, { kind: kind as MentionKind, id: id!, name });
  }
  const show = (named: readonly NamedMention[]) =>
    replaceMentions(body, (kind, id) => {
      const mention = named.find((m) => m.kind === kind && m.id === id);
      return mention ? `@${mention.name}` : mentionToken(kind, id);
    });
  // Each mention is named only if the whole body still comes back exactly with it (a handful per message).
  const named: NamedMention[] = [];
  for (const candidate of candidates.values()) {
    const trying = [...named, candidate];
    if (mentionsToTokens(show(trying), trying) === body) named.push(candidate);
  }
  return { text: show(named), named };
}
