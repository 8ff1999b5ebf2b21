/**
 * The register (課題管理表), from its history — every change to an issue is recorded there, by every
 * path (a page, a bulk operation, a meeting's decision), so notifying from it misses none:
 * - a new issue waits for triage: the secretariat;
 * - routed to a ministry (at raising, from its business areas, or by the secretariat): that ministry;
 * - a status change (`detail.from`/`to` are status keys: shared/register/rules.ts), a comment, an official answer, a duplicate: the organisations that raised or
 *   support it and the people following it, less those who muted it.
 */
import type { HistoryEntry } from '@shared/schemas/issues';
import type { IssueStatus } from '@shared/register/rules';
import { IssueSupportModel, type IssueRow } from '../../issues/model';
import { issueFollowersOf } from '../../issues/follows';
import { registerView } from '../../issues/registerView';
import { membersOf, membersWhere } from '../people';
import type { Notifier, NotifyInput } from '../types';

export function registerNotifications(notifier: Notifier) {
  /** Raiser's and supporters' members and followers, less those who muted the issue. */
  async function concerned(issue: IssueRow): Promise<string[]> {
    const issueId = String(issue._id);
    const [supports, follows] = await Promise.all([
      IssueSupportModel.find({ issueId }, { organizationId: 1 }).lean(),
      issueFollowersOf(issueId),
    ]);
    const orgs = new Set([String(issue.raisedBy.organization.id), ...supports.map((s) => String(s.organizationId))]);
    const people = new Set(await membersOf(orgs));
    for (const [id, state] of follows) {
      if (state === 'following') people.add(id);
      if (state === 'muted') people.delete(id);
    }
    return [...people];
  }

  const ministryMembers = (ministry: string) =>
    membersWhere((org) => org.kind === 'observer' && org.observerKind === 'ministry' && org.key === ministry);

  return {
    history(issueId: string, entry: HistoryEntry): void {
      notifier.run('an issue', () => history(issueId, entry));
    },
  };

  async function history(issueId: string, entry: HistoryEntry): Promise<void> {
    const issue = (await registerView.current()).get(issueId);
    if (!issue) return;
    const target = { type: 'issue' as const, id: issueId, title: issue.title, number: issue.number, seq: null };
    const actor = entry.by;
    const send = (kind: NotifyInput['kind'], recipients: Iterable<string>, detail: NotifyInput['detail'] = {}) =>
      notifier.notify({ kind, recipients, actor, target, detail });
    switch (entry.type) {
      case 'created': {
        send('issue.triage', await membersWhere((org) => org.kind === 'secretariat'));
        if (issue.ministry) send('issue.routed', await ministryMembers(issue.ministry));
        return;
      }
      case 'changed': {
        const routed = entry.changes.find((c) => c.field === 'ministry' && typeof c.to === 'string');
        if (routed) send('issue.routed', await ministryMembers(routed.to as string));
        return;
      }
      case 'transition': {
        const change = entry.changes.find((c) => c.field === 'status');
        if (!change) return;
        const to = change.to as IssueStatus;
        const detail = { from: String(change.from), to };
        if (to === 'duplicate') {
          const survivor = issue.duplicateOf ? (await registerView.current()).get(String(issue.duplicateOf)) : undefined;
          send('issue.duplicate', await concerned(issue), { ...detail, ...(survivor ? { duplicateOf: survivor.number } : {}) });
        } else {
          send('issue.status', await concerned(issue), detail);
        }
        return;
      }
      case 'comment':
        return send('issue.comment', await concerned(issue));
      case 'answer':
        return send('issue.answer', await concerned(issue));
      default:
        return;
    }
  }
}
export type RegisterNotifications = ReturnType<typeof registerNotifications>;
