/**
 * Mentions are stored in the markdown source as tokens, `@{user:<id>}` or `@{org:<id>}`, which the
 * composer's autocomplete inserts. The server resolves the ids it finds and stores the names it
 * found beside the message; the client renders each token as a highlighted name.
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
