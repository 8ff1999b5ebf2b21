/**
 * The whole permission matrix of DESIGN.md §2, written out independently of the rules and walked
 * cell by cell: every action × every kind of person, with and without the context that matters.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from './domain';
import { ACTIONS, abilitiesOf, decide, type Action, type PermissionContext } from './permissions';

const org = (id: string, kind: Actor['organization']['kind'], extra: Partial<Actor['organization']> = {}) => ({
  id,
  key: id,
  kind,
  ...extra,
});
const ACTORS = {
  devMember: { id: 'u1', role: 'member', active: true, organization: org('dev-co', 'vendor', { vendorType: 'development' }) },
  devAdmin: { id: 'u2', role: 'orgAdmin', active: true, organization: org('dev-co', 'vendor', { vendorType: 'development' }) },
  supportMember: { id: 'u3', role: 'member', active: true, organization: org('support-co', 'vendor', { vendorType: 'support' }) },
  supportAdmin: { id: 'u4', role: 'orgAdmin', active: true, organization: org('support-co', 'vendor', { vendorType: 'support' }) },
  secretariat: { id: 'u5', role: 'secretariat', active: true, organization: org('digital-agency', 'secretariat') },
  ministry: { id: 'u6', role: 'member', active: true, organization: org('mhlw', 'observer', { observerKind: 'ministry' }) },
  body: { id: 'u7', role: 'member', active: true, organization: org('jlis', 'observer', { observerKind: 'body' }) },
} satisfies Record<string, Actor>;
type Who = keyof typeof ACTORS;
const WHO = Object.keys(ACTORS) as Who[];

// Columns: devMember devAdmin supportMember supportAdmin secretariat ministry body
const EXPECTED = `
thread.readCouncil      Y Y Y Y Y Y Y
thread.readVendors      Y Y Y Y Y . .
thread.readDevelopment  Y Y . . Y . .
thread.create           Y Y Y Y Y . .
message.post            Y Y Y Y Y . .
message.editOwn         Y Y Y Y Y . .
issue.read              Y Y Y Y Y Y Y
issue.raise             Y Y Y Y Y . .
issue.support           Y Y Y Y . . .
issue.comment           Y Y Y Y Y . .
issue.answer            . . . . Y . .
issue.editOwnAnswer     . . . . Y . .
issue.transition        . . . . Y . .
issue.merge             . . . . Y . .
meeting.read            Y Y Y Y Y Y Y
meeting.manage          . . . . Y . .
minutes.publish         . . . . Y . .
meeting.speak           Y Y Y Y Y . .
meeting.raiseHand       . . . . . Y Y
moderate                . . . . Y . .
account.manage          . . . . Y . .
account.resetSecondFactor . . . . Y . .
organization.manage     . . . . Y . .
audit.read              . . . . Y . .
announcement.publish    . . . . Y . .
announcement.confirm    Y Y Y Y . Y Y
status.manage           . . . . Y . .
status.report           . . . . . . .
status.submit           . . . . . . .
status.readAggregates   Y Y Y Y Y Y Y
status.readFigures      . . . . Y . .
status.designateReporters . . . . Y . .
`;

/** Cells that change with context: [action, context, who may, given that context]. */
const WITH_CONTEXT: Array<[Action, PermissionContext, Who[]]> = [
  ['issue.comment', { routedMinistry: 'mhlw' }, ['devMember', 'devAdmin', 'supportMember', 'supportAdmin', 'secretariat', 'ministry']],
  ['issue.comment', { routedMinistry: 'mic' }, ['devMember', 'devAdmin', 'supportMember', 'supportAdmin', 'secretariat']],
  ['issue.answer', { routedMinistry: 'mhlw' }, ['secretariat', 'ministry']],
  ['issue.answer', { routedMinistry: 'mic' }, ['secretariat']],
  ['issue.editOwnAnswer', { routedMinistry: 'mhlw' }, ['secretariat', 'ministry']],
  ['meeting.speak', { hasFloor: true }, ['devMember', 'devAdmin', 'supportMember', 'supportAdmin', 'secretariat', 'ministry', 'body']],
  ['meeting.raiseHand', { hasFloor: true }, []],
  ['meeting.raiseHand', { hasFloor: false }, ['ministry', 'body']],
  ['account.manage', { targetOrganizationId: 'dev-co' }, ['devAdmin', 'secretariat']],
  ['account.manage', { targetOrganizationId: 'support-co' }, ['supportAdmin', 'secretariat']],
  ['account.manage', { targetOrganizationId: 'mhlw' }, ['secretariat']],
  ['status.report', { targetOrganizationId: 'dev-co' }, ['devMember', 'devAdmin']],
  ['status.report', { targetOrganizationId: 'support-co' }, ['supportMember', 'supportAdmin']],
  ['status.submit', { targetOrganizationId: 'dev-co' }, ['devAdmin']],
  ['status.submit', { targetOrganizationId: 'dev-co', statusReporter: true }, ['devMember', 'devAdmin']],
  ['status.submit', { targetOrganizationId: 'support-co', statusReporter: true }, ['supportMember', 'supportAdmin']],
  ['status.readFigures', { targetOrganizationId: 'dev-co' }, ['devMember', 'devAdmin', 'secretariat']],
  ['status.readFigures', { areaMinistry: 'mhlw' }, ['secretariat', 'ministry']],
  ['status.readFigures', { areaMinistry: 'mic' }, ['secretariat']],
  ['status.designateReporters', { targetOrganizationId: 'support-co' }, ['supportAdmin', 'secretariat']],
];

const table = new Map(
  EXPECTED.trim()
    .split('\n')
    .map((line) => {
      const [action, ...cells] = line.trim().split(/\s+/);
      return [action as Action, cells.map((c) => c === 'Y')] as const;
    }),
);

describe('the permission matrix', () => {
  it('lists every action exactly once in the expected table', () => {
    expect([...table.keys()].sort()).toEqual([...ACTIONS].sort());
  });

  it('decides every action × person as DESIGN.md §2 says, without context', () => {
    const cells: string[] = [];
    for (const action of ACTIONS) {
      WHO.forEach((who, i) => {
        const expected = table.get(action)![i];
        const decision = decide(ACTORS[who], action);
        if (decision.allowed !== expected) cells.push(`${action} × ${who}: expected ${expected}`);
        if (!decision.allowed) expect(decision.reason).toMatch(/may not/);
      });
    }
    expect(cells).toEqual([]);
  });

  it.each(WITH_CONTEXT)('decides %s with %o for exactly %o', (action, context, allowed) => {
    for (const who of WHO) expect(decide(ACTORS[who], action, context).allowed, who).toBe(allowed.includes(who));
  });

  it('refuses everything to a deactivated account', () => {
    for (const who of WHO) {
      for (const action of ACTIONS) {
        const decision = decide({ ...ACTORS[who], active: false }, action, {
          routedMinistry: 'mhlw',
          hasFloor: true,
          targetOrganizationId: ACTORS[who].organization.id,
        });
        expect(decision).toEqual({ allowed: false, reason: 'this account is deactivated' });
      }
    }
  });

  it('reports abilities in the person’s own context (org admins manage their own accounts)', () => {
    expect(abilitiesOf(ACTORS.devAdmin)['account.manage']).toBe(true);
    expect(abilitiesOf(ACTORS.devMember)['account.manage']).toBe(false);
    expect(abilitiesOf(ACTORS.ministry)).toMatchObject({ 'thread.readCouncil': true, 'thread.readVendors': false, 'issue.answer': false });
    expect(Object.keys(abilitiesOf(ACTORS.body)).sort()).toEqual([...ACTIONS].sort());
  });
});
