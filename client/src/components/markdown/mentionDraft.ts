import type { Message, Person } from '@shared/schemas/threads';
import { mentionsToNames, mentionsToTokens, type NamedMention } from '@shared/threads/mentions';
import type { Language } from '@client/i18n';

/** A person or an organisation offered by the @ autocomplete. */
export type MentionCandidate = { kind: 'user'; person: Person } | { kind: 'org'; organization: Person['organization'] };

export type Mentions = Message['mentions'];
export const noMentions: Mentions = { users: [], organizations: [] };

/**
 * The mentions of a text being written. The text shows each as `@name`; `named` says which
 * person or organisation each chosen name stands for, so the text is stored with the server's
 * tokens (`storedBody`), and `mentions` gives the tokens their names in the preview and the
 * pending copy before the server resolves them.
 */
export interface MentionDraft {
  named: NamedMention[];
  mentions: Mentions;
}
export const noMentionDraft: MentionDraft = { named: [], mentions: noMentions };

/** How a candidate is written in the text: a person's name, an organisation's in the UI language. */
export function candidateName(candidate: MentionCandidate, language: Language): string {
  if (candidate.kind === 'user') return candidate.person.displayName;
  return language === 'ja' ? candidate.organization.nameJa : candidate.organization.nameEn;
}

/** The draft after choosing `candidate` from the suggestions (a later choice of the same name wins). */
export function withMention(draft: MentionDraft, candidate: MentionCandidate, language: Language): MentionDraft {
  const name = candidateName(candidate, language);
  const id = candidate.kind === 'user' ? candidate.person.id : candidate.organization.id;
  const named = [...draft.named.filter((m) => m.name !== name), { kind: candidate.kind, id, name }];
  const { users, organizations } = draft.mentions;
  if (candidate.kind === 'user') {
    const { displayName } = candidate.person;
    return { named, mentions: users.some((u) => u.id === id) ? draft.mentions : { organizations, users: [...users, { id, displayName }] } };
  }
  return { named, mentions: organizations.some((o) => o.id === id) ? draft.mentions : { users, organizations: [...organizations, candidate.organization] } };
}

/** What is sent and stored for the text shown: chosen names as mention tokens. */
export function storedBody(text: string, draft: MentionDraft): string {
  return mentionsToTokens(text, draft.named);
}

/** A stored message opened for editing: its tokens shown as names, with the draft that turns them back. */
export function editableBody(body: string, mentions: Mentions, language: Language): { text: string; draft: MentionDraft } {
  const { text, named } = mentionsToNames(body, (kind, id) => {
    if (kind === 'user') return mentions.users.find((u) => u.id === id)?.displayName;
    const org = mentions.organizations.find((o) => o.id === id);
    return org && (language === 'ja' ? org.nameJa : org.nameEn);
  });
  return { text, draft: { named, mentions } };
}
