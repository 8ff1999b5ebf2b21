/**
 * An issue's discussion comments (kind `comment`) and official answers (kind `answer`) in "search everywhere":
 * each document gives the entry of its own kind, the other stays empty. Everyone who reads the issue sees all its
 * comments and answers on its page (issues/service.ts `issueDetail`), so a comment is readable exactly when its
 * issue is. Answers being drafted are another collection (issues/answerDrafts.ts) and are never indexed.
 */
import mongoose, { type Types } from 'mongoose';
import type { Actor } from '@shared/domain';
import type { SearchKind } from '@shared/schemas/search';
import { ISSUE_COMMENT_SEARCH_FIELDS, IssueCommentModel } from '../../issues/model';
import type { PersonRecord } from '../../users/person';
import { issueHref, personLine, readableIssues } from './issues';
import { plainText } from './plainText';
import type { FoundItem, IndexEntry, SearchSource } from './types';

/** What a comment's entries are made of: a stored document or a lean one alike. */
export interface IssueCommentText {
  _id: Types.ObjectId;
  kind: 'comment' | 'answer';
  body: string;
}

const KINDS = ['comment', 'answer'] as const satisfies readonly SearchKind[];

function entriesOf(comment: IssueCommentText): IndexEntry[] {
  const id = String(comment._id);
  return KINDS.map((kind) => ({ kind, id, title: '', body: comment.kind === kind ? plainText(comment.body ?? '') : '' }));
}

type StoredComment = IssueCommentText & {
  issueId: Types.ObjectId;
  author: PersonRecord;
  editedAt?: Date | null;
  createdAt: Date;
};

export const issueCommentSearch: SearchSource<IssueCommentText> = {
  kinds: KINDS,
  fields: ISSUE_COMMENT_SEARCH_FIELDS,
  entriesOf,
  async *all() {
    yield* IssueCommentModel.find({}, { kind: 1, body: 1 }).lean<IssueCommentText[]>().cursor();
  },
  async readable(actor: Actor, kind: SearchKind, ids: readonly string[]): Promise<FoundItem[]> {
    if (kind !== 'comment' && kind !== 'answer') return [];
    const valid = [...new Set(ids)].filter((id) => mongoose.isValidObjectId(id));
    if (valid.length === 0) return [];
    const issues = await readableIssues(actor);
    if (issues.size === 0) return [];
    const comments = await IssueCommentModel.find({ _id: mongoose.trusted({ $in: valid }) }).lean<StoredComment[]>();
    return comments.flatMap((comment) => {
      const issue = issues.get(String(comment.issueId));
      if (!issue || comment.kind !== kind) return [];
      const entry = entriesOf(comment).find((e) => e.kind === kind)!;
      const organizations = new Set([String(issue.raisedBy.organization.id), String(comment.author.organization.id)]);
      return [
        {
          ...entry,
          where: `${issue.number} ${issue.title}`,
          href: issueHref(String(issue._id)),
          who: personLine(comment.author),
          at: comment.editedAt ?? comment.createdAt,
          number: issue.number,
          status: issue.status,
          areas: [...issue.businessAreas],
          organizations: [...organizations],
        },
      ];
    });
  },
};
