/**
 * What the reader may do on one issue. The general abilities come with /api/me; answering
 * depends on where the issue is routed, so it is asked of the shared rules with that fact.
 */
import { can } from '@shared/permissions';
import { isOpen } from '@shared/register/rules';
import type { Issue, IssueComment } from '@shared/schemas/issues';
import type { Me } from '@shared/schemas/users';

export interface IssueAbilities {
  /** 同様の課題あり (vendors; the raiser's organisation supports it from the start). */
  support: boolean;
  comment: boolean;
  /** Publish an official answer: the secretariat, or the ministry the issue is routed to, while open. */
  answer: boolean;
  /** Move the issue between statuses, and set priority, ministry and due date. */
  manage: boolean;
  /** Change what the issue says: the raiser while 新規, the secretariat always. */
  editContent: boolean;
  /** Link threads (whoever may comment). */
  link: boolean;
  editAnswer: (answer: IssueComment) => boolean;
}

export function issueAbilities(me: Me, issue: Issue): IssueAbilities {
  const routed = { routedMinistry: issue.ministry };
  const manage = me.abilities['issue.transition'] === true;
  const raiser = issue.raisedBy.id === me.id && me.abilities['issue.raise'] === true;
  return {
    support: me.abilities['issue.support'] === true,
    comment: me.abilities['issue.comment'] === true,
    answer: can(me, 'issue.answer', routed) && isOpen(issue.status),
    manage,
    editContent: manage || (raiser && issue.status === 'new'),
    link: me.abilities['issue.comment'] === true,
    editAnswer: (answer) => answer.kind === 'answer' && answer.author.id === me.id && can(me, 'issue.editOwnAnswer', routed),
  };
}
