/**
 * Register issues in "search everywhere" (kind `issue`): the title, and the description with the issue's number,
 * so `2026-0012` finds it exactly. Read from the in-memory register (server/issues/registerView.ts), under the
 * register's own rule (`issue.read`, as notifications/access.ts gives it).
 */
import type { Types } from 'mongoose';
import type { Actor } from '@shared/domain';
import { decide } from '@shared/permissions';
import type { SearchKind } from '@shared/schemas/search';
import { ISSUE_SEARCH_FIELDS, IssueModel, type IssueRow } from '../../issues/model';
import { registerView } from '../../issues/registerView';
import type { PersonRecord } from '../../users/person';
import { plainText } from './plainText';
import type { FoundItem, IndexEntry, SearchSource } from './types';

/** What an issue's entry is made of: a stored document, a lean row or a register view row alike. */
export type IssueText = { _id: Types.ObjectId } & Pick<IssueRow, 'number' | 'title' | 'description'>;

/** How a person is named under a result: as the issue page shows them, with their organisation. */
export const personLine = (p: Pick<PersonRecord, 'displayName' | 'organization'>) => `${p.displayName}（${p.organization.nameJa}）`;

/** The client path of an issue's page (client/src/pages/register/routes.tsx). */
export const issueHref = (issueId: string) => `/register/${issueId}`;

function entryOf(issue: IssueText): IndexEntry {
  const description = plainText(issue.description ?? '');
  return {
    kind: 'issue',
    id: String(issue._id),
    title: issue.title ?? '',
    body: description ? `${description}\n${issue.number}` : (issue.number ?? ''),
  };
}

/** The register as `actor` may read it now: every issue for a reader with `issue.read`, none otherwise. */
export async function readableIssues(actor: Actor): Promise<ReadonlyMap<string, IssueRow>> {
  if (!decide(actor, 'issue.read').allowed) return new Map();
  return registerView.current();
}

export const issueSearch: SearchSource<IssueText> = {
  kinds: ['issue'],
  fields: ISSUE_SEARCH_FIELDS,
  entriesOf: (issue) => [entryOf(issue)],
  async *all() {
    yield* IssueModel.find({}, { number: 1, title: 1, description: 1 }).lean<IssueText[]>().cursor();
  },
  async readable(actor: Actor, kind: SearchKind, ids: readonly string[]): Promise<FoundItem[]> {
    if (kind !== 'issue') return [];
    const rows = await readableIssues(actor);
    return ids.flatMap((id) => {
      const issue = rows.get(id);
      if (!issue) return [];
      return [
        {
          ...entryOf(issue),
          where: issue.number,
          href: issueHref(id),
          who: personLine(issue.raisedBy),
          at: issue.updatedAt,
          number: issue.number,
          status: issue.status,
          areas: [...issue.businessAreas],
          organizations: [String(issue.raisedBy.organization.id)],
        },
      ];
    });
  },
};
