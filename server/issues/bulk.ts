/**
 * 一括操作 (the secretariat): one status change or one routing for many issues, each issue through the
 * same service as its single route (transitionIssue, updateIssue), so the same rules, history, audit
 * records and live updates apply per issue. One at a time, in the order given: the engine loses
 * concurrent writes, and 100 issues in sequence take well under a second.
 */
import { issueBulkVerdict } from '@shared/policies/issue';
import type { IssueStatus } from '@shared/register/rules';
import type { Issue, IssueBulkBody, IssueBulkChange, IssueBulkItem, IssueBulkResult } from '@shared/schemas/issues';
import { recordAudit } from '../audit/log';
import { enforce } from '../http/authorize';
import { HttpError } from '../http/errors';
import { ensureBeforeDeadline } from '../http/work';
import type { UserWithOrganization } from '../users/model';
import { toActor } from '../users/presenter';
import type { RegisterBroadcast } from './broadcast';
import { IssueModel } from './model';
import { updateIssue } from './service';
import { transitionIssue } from './workflow';

interface Input {
  user: UserWithOrganization;
  broadcast: RegisterBroadcast;
}

function applyOne({ user, broadcast }: Input, issueId: string, change: IssueBulkChange): Promise<Issue> {
  if (change.kind === 'route') return updateIssue({ user, issueId, change: { ministry: change.ministry }, broadcast });
  const { status, reason, duplicateOf } = change;
  return transitionIssue({ user, issueId, body: { to: status, reason, duplicateOf }, broadcast });
}

/** The number and status of an issue that could not be changed, to say which and why in the result (the secretariat reads every issue). */
async function factsOf(id: string): Promise<{ number?: string; status?: IssueStatus }> {
  const issue = await IssueModel.findById(id, { number: 1, status: 1 }).lean();
  return issue ? { number: issue.number, status: issue.status as IssueStatus } : {};
}

export async function bulkChangeIssues(input: Input & { body: IssueBulkBody }): Promise<IssueBulkResult> {
  const { user, body } = input;
  enforce(issueBulkVerdict(toActor(user)));
  const results: IssueBulkItem[] = [];
  const record = async () => {
    const succeeded = results.filter((r) => r.ok).length;
    const counts = { requested: body.ids.length, succeeded, failed: results.length - succeeded };
    await recordAudit({ actor: user, action: 'issue.bulk', detail: { change: body.change, ...counts, ids: body.ids } });
    return counts;
  };
  for (const id of body.ids) {
    try {
      // Past the request's deadline the caller has had a 503: the rest is not started.
      ensureBeforeDeadline();
      const issue = await applyOne(input, id, body.change);
      const { number, title, status, ministry } = issue;
      results.push({ id, number, ok: true, issue: { id, number, title, status, ministry } });
    } catch (err) {
      // A refusal of this issue is its result; anything else (the database gone) ends the request, on the record so far.
      if (!(err instanceof HttpError) || err.status >= 500) {
        await record();
        throw err;
      }
      results.push({ id, ...(await factsOf(id)), ok: false, code: err.code, message: err.message });
    }
  }
  const { succeeded, failed } = await record();
  return { results, succeeded, failed };
}
