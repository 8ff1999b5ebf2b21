/**
 * What a person may do with one issue of the register, and with one of its official answers. The
 * services enforce these verdicts; the issue page reads them as `abilities` from the server.
 */
import type { Actor } from '../domain';
import { can, decide } from '../permissions';
import { isOpen, type IssueStatus } from '../register/rules';
import { abilitiesOf, allowed, clash, firstOf, forbid, fromDecision, type Verdict } from './verdict';

/** The facts of an issue the rules depend on. */
export interface IssueFacts {
  status: IssueStatus;
  ministry: string | null;
  raisedBy: { id: string; organizationId: string };
}

export const ISSUE_ABILITIES = [
  'support',
  'withdrawSupport',
  'comment',
  'answer',
  'readAnswerDrafts',
  'manage',
  'editContent',
  'link',
] as const;
export type IssueAbility = (typeof ISSUE_ABILITIES)[number];

const whileOpen = (issue: IssueFacts, refusal: string) => () => (isOpen(issue.status) ? allowed : clash(refusal));

export function issueVerdicts(actor: Actor, issue: IssueFacts): Record<IssueAbility, Verdict> {
  const routed = { routedMinistry: issue.ministry };
  const secretariat = can(actor, 'issue.transition');
  const raiser = issue.raisedBy.id === actor.id && can(actor, 'issue.raise');
  const support = firstOf(() => fromDecision(decide(actor, 'issue.support')), whileOpen(issue, 'this issue is settled; support is closed'));
  return {
    /** 同様の課題あり: vendors, while the issue is open (the raiser's organisation supports it from the start). */
    support,
    withdrawSupport: firstOf(
      () => support,
      () =>
        issue.raisedBy.organizationId === actor.organization.id ? clash("the raiser's organisation always supports its issue") : allowed,
    ),
    /** Vendors and the secretariat; the routed ministry too (to ask the raiser before answering). */
    comment: fromDecision(decide(actor, 'issue.comment', routed), ` (this issue is routed to ${issue.ministry ?? 'no ministry'})`),
    /** Publish an official answer: the secretariat, or the ministry the issue is routed to, while open. */
    answer: firstOf(
      () => fromDecision(decide(actor, 'issue.answer', routed), ` (this issue is routed to ${issue.ministry ?? 'no ministry'})`),
      () => (isOpen(issue.status) ? allowed : clash(`this issue is ${issue.status}; reopen it before answering`)),
    ),
    /** See the answers being drafted (the secretariat, for its routing work) — one's own organisation's come with `answer`. */
    readAnswerDrafts: secretariat ? allowed : forbid('only the secretariat sees the answers other organisations are drafting'),
    /** Move the issue between statuses, and set priority, ministry and due date. */
    manage: secretariat ? allowed : forbid('only the secretariat sets priority, ministry and due date'),
    /** Change what the issue says: the raiser while 新規, the secretariat always. */
    editContent:
      secretariat || (raiser && issue.status === 'new')
        ? allowed
        : forbid(
            raiser
              ? 'the issue has been accepted; ask the secretariat to change it'
              : 'only the raiser (while new) or the secretariat may change an issue',
          ),
    /** Link threads: vendors and the secretariat (who may comment wherever the issue is routed). */
    link: can(actor, 'issue.comment') ? allowed : forbid('you may not link issues'),
  };
}

export type IssueAbilities = Record<IssueAbility, boolean>;

/** 事務局メモ: internal notes on an issue, read and written by the secretariat only (never sent to anyone else). */
export const issueNotesVerdict = (actor: Actor): Verdict =>
  can(actor, 'issue.transition') ? allowed : forbid('only the secretariat reads and writes its internal notes');
/** 一括操作: change the status or routing of many issues at once (the secretariat's register work). */
export const issueBulkVerdict = (actor: Actor): Verdict =>
  can(actor, 'issue.transition') ? allowed : forbid('only the secretariat changes issues in bulk');
export const issueAbilities = (actor: Actor, issue: IssueFacts): IssueAbilities => abilitiesOf(issueVerdicts(actor, issue));

/** The facts of a comment or answer its edit rule depends on. */
export interface AnswerFacts {
  kind: 'comment' | 'answer';
  authorId: string;
}

/** Edit an official answer: its author, while they still answer for the issue's routing. */
export function answerEditVerdict(actor: Actor, issue: Pick<IssueFacts, 'ministry'>, answer: AnswerFacts): Verdict {
  return firstOf(
    () => (answer.kind === 'answer' ? allowed : forbid('only official answers can be edited')),
    () => fromDecision(decide(actor, 'issue.editOwnAnswer', { routedMinistry: issue.ministry })),
    () => (answer.authorId === actor.id ? allowed : forbid('only the author may edit an answer')),
  );
}
