/**
 * What a person may do with a reporting round and with one organisation's report in it (開発状況報告).
 * Reading is decided before this (a report one may not read is not found: server/statusReports/access.ts);
 * the services enforce these verdicts and the presenters send them as `abilities`.
 */
import type { Actor } from '../domain';
import { can, decide } from '../permissions';
import type { ReportState, RoundState } from '../statusReports/rules';
import { abilitiesOf, allowed, clash, firstOf, forbid, fromDecision, type Verdict } from './verdict';

export const ROUND_ABILITIES = ['edit', 'open', 'close', 'track', 'remind', 'export'] as const;
export type RoundAbility = (typeof ROUND_ABILITIES)[number];
export type RoundAbilities = Record<RoundAbility, boolean>;

const SECRETARIAT_ONLY = 'only the secretariat runs reporting rounds';

export function roundVerdicts(actor: Actor, round: { state: RoundState }): Record<RoundAbility, Verdict> {
  const manage = (check: () => Verdict) => (can(actor, 'status.manage') ? check() : forbid(SECRETARIAT_ONLY));
  const whenOpen = (what: string) => () =>
    round.state === 'open' ? allowed : clash(`this round is ${round.state}; only an open round ${what}`);
  return {
    /** A draft changes freely; an open round's deadline and note may move; a closed round is fixed. */
    edit: manage(() => (round.state === 'closed' ? clash('this round is closed; it can no longer be changed') : allowed)),
    open: manage(() => (round.state === 'draft' ? allowed : clash(`this round is ${round.state}; only a draft is opened`))),
    close: manage(whenOpen('is closed')),
    track: manage(() => allowed),
    remind: manage(whenOpen('sends reminders')),
    export: manage(() => (round.state === 'draft' ? clash('this round is a draft; there is nothing to export') : allowed)),
  };
}

export const roundAbilities = (actor: Actor, round: { state: RoundState }): RoundAbilities => abilitiesOf(roundVerdicts(actor, round));

export const REPORT_ABILITIES = ['edit', 'submit', 'return'] as const;
export type ReportAbility = (typeof REPORT_ABILITIES)[number];
export type ReportAbilities = Record<ReportAbility, boolean>;

/** The facts of a report (and of the reader) the rules depend on. */
export interface ReportFacts {
  organizationId: string;
  roundState: RoundState;
  state: ReportState;
  /** The reader is a member the organisation's admins allowed to submit. */
  statusReporter: boolean;
}

export function reportVerdicts(actor: Actor, r: ReportFacts): Record<ReportAbility, Verdict> {
  const context = { targetOrganizationId: r.organizationId, statusReporter: r.statusReporter };
  const roundOpen = () =>
    r.roundState === 'open' ? allowed : clash(`this round is ${r.roundState}; reports change only while it is open`);
  return {
    /** Any member of the organisation, while the round is open; editing a submitted report makes it a draft again. */
    edit: firstOf(() => fromDecision(decide(actor, 'status.report', context)), roundOpen),
    /** The org admins and the members they allowed; a submitted report is submitted again only after a change. */
    submit: firstOf(
      () => fromDecision(decide(actor, 'status.submit', context), ' (ask your organisation’s admin to allow you to submit)'),
      roundOpen,
      () => (r.state === 'notStarted' ? clash('nothing has been written yet') : allowed),
      () => (r.state === 'submitted' ? clash('this report is submitted; change it before submitting again') : allowed),
    ),
    /** The secretariat returns a submitted report for correction, with a reason. */
    return: firstOf(
      () => fromDecision(decide(actor, 'status.manage')),
      roundOpen,
      () => (r.state === 'submitted' ? allowed : clash(`this report is ${r.state}; only a submitted report is returned`)),
    ),
  };
}

export const reportAbilities = (actor: Actor, r: ReportFacts): ReportAbilities => abilitiesOf(reportVerdicts(actor, r));
