/**
 * 事務局メモ: the secretariat's internal notes on an issue. Each note is a document of its own
 * (`issue_notes`, read by `issueId`), served only by these two routes and only to the secretariat: no
 * issue payload, list, export, search or socket event carries them (test/register-notes.test.ts).
 */
import type { Actor } from '@shared/domain';
import { issueNotesVerdict } from '@shared/policies/issue';
import type { IssueNote, IssueNotes } from '@shared/schemas/issues';
import { enforce } from '../http/authorize';
import type { UserWithOrganization } from '../users/model';
import { personOf, presentPerson } from '../users/person';
import { toActor } from '../users/presenter';
import { readableIssue } from './access';
import { IssueNoteModel } from './model';

type StoredNote = InstanceType<typeof IssueNoteModel>;
const presentNote = (n: StoredNote): IssueNote => ({
  id: String(n._id),
  issueId: String(n.issueId),
  body: n.body,
  by: presentPerson(n.by),
  at: n.at.toISOString(),
});

export async function notesOf(actor: Actor, issueId: string): Promise<IssueNotes> {
  enforce(issueNotesVerdict(actor));
  const issue = await readableIssue(actor, issueId);
  const notes = await IssueNoteModel.find({ issueId: issue._id }).sort({ at: 1 });
  return { notes: notes.map(presentNote) };
}

export async function addNote(input: { user: UserWithOrganization; issueId: string; body: string }): Promise<IssueNote> {
  const actor = toActor(input.user);
  enforce(issueNotesVerdict(actor));
  const issue = await readableIssue(actor, input.issueId);
  const note = await IssueNoteModel.create({ issueId: issue._id, body: input.body, by: personOf(input.user), at: new Date() });
  return presentNote(note);
}
