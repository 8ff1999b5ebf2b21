/**
 * The status workflow, exhaustively: from every status to every status, the secretariat succeeds
 * exactly where TRANSITIONS allows it (409 naming the allowed list elsewhere), and no other role
 * can move an issue at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Issue } from '../shared/schemas/issues';
import { ISSUE_STATUSES, TRANSITIONS, type IssueStatus } from '../shared/register/rules';
import type { ApiClient } from './support/client';
import type { ErrorBody } from './support/json';
import { startTestServer, type TestServer } from './support/server';

let server: TestServer;
let dev: ApiClient, secretariat: ApiClient, others: ApiClient[];
let survivor: Issue;
beforeAll(async () => {
  server = await startTestServer();
  let devAdmin: ApiClient, support: ApiClient, mhlw: ApiClient, jlis: ApiClient;
  [dev, secretariat, devAdmin, support, mhlw, jlis] = await server.signInAll(
    'dev@demo.example',
    'secretariat@demo.example',
    'dev-admin@demo.example',
    'support@demo.example',
    'mhlw@demo.example',
    'jlis@demo.example',
  );
  others = [dev, devAdmin, support, mhlw, jlis];
  survivor = await raise();
});
afterAll(() => server.close());

async function raise(): Promise<Issue> {
  return (
    await dev.post<Issue>('/api/issues', { title: '遷移', description: '説明', businessAreas: ['national-pension'], category: 'spec' })
  ).body;
}
const bodyFor = (to: IssueStatus) => ({
  to,
  ...(to === 'rejected' ? { reason: '理由' } : {}),
  ...(to === 'duplicate' ? { duplicateOf: survivor.id } : {}),
});
const move = (id: string, to: IssueStatus, client = secretariat) =>
  client.post<Issue & ErrorBody>(`/api/issues/${id}/transition`, bodyFor(to));

/** An issue brought to `status` by allowed steps (an official answer brings it to 回答済). */
async function issueIn(status: IssueStatus): Promise<Issue> {
  const issue = await raise();
  const path: Record<IssueStatus, Array<IssueStatus | 'answer'>> = {
    new: [],
    accepted: ['accepted'],
    reviewing: ['accepted', 'reviewing'],
    answered: ['accepted', 'reviewing', 'answer'],
    closed: ['accepted', 'reviewing', 'answer', 'closed'],
    rejected: ['rejected'],
    duplicate: ['duplicate'],
  };
  for (const step of path[status]) {
    const res =
      step === 'answer' ? await secretariat.post(`/api/issues/${issue.id}/answers`, { body: '公式回答' }) : await move(issue.id, step);
    expect(res.status, `${status} via ${step}`).toBeLessThan(300);
  }
  return issue;
}

describe('every transition', () => {
  for (const from of ISSUE_STATUSES) {
    it(`from ${from}`, async () => {
      for (const to of ISSUE_STATUSES) {
        const issue = await issueIn(from);
        for (const client of others) expect((await move(issue.id, to, client)).status).toBe(403);
        const res = await move(issue.id, to);
        // 検討中 → 回答済 needs an answer first; publishing one makes the move itself.
        const needsAnswer = from === 'reviewing' && to === 'answered';
        if (TRANSITIONS[from].includes(to) && !needsAnswer) {
          expect(res.status, `${from} → ${to}`).toBe(200);
          expect(res.body.status).toBe(to);
        } else {
          expect(res.status, `${from} → ${to}`).toBe(409);
          if (!needsAnswer) expect(res.body.error.message).toContain(`allowed from ${from}: ${TRANSITIONS[from].join(', ')}`);
        }
      }
    }, 60_000);
  }
});
