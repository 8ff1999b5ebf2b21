import type { Message, Person } from '@shared/schemas/threads';

/** A person or an organisation offered by the @ autocomplete. */
export type MentionCandidate = { kind: 'user'; person: Person } | { kind: 'org'; organization: Person['organization'] };

export type Mentions = Message['mentions'];
export const noMentions: Mentions = { users: [], organizations: [] };

/**
 * Names for the tokens a draft contains, so its preview and its pending copy show names before
 * the server resolves them.
 */
export function withMention(mentions: Mentions, candidate: MentionCandidate): Mentions {
  if (candidate.kind === 'user') {
    const { id, displayName } = candidate.person;
    return mentions.users.some((u) => u.id === id) ? mentions : { ...mentions, users: [...mentions.users, { id, displayName }] };
  }
  const org = candidate.organization;
  return mentions.organizations.some((o) => o.id === org.id) ? mentions : { ...mentions, organizations: [...mentions.organizations, org] };
}
