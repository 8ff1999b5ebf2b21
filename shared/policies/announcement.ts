/**
 * What a person may do with one announcement (お知らせ). Reading is decided before this (an
 * announcement one may not read is not found: see server/announcements/access.ts); the services
 * enforce these verdicts and the presenter sends them as `abilities`.
 */
import type { Actor } from '../domain';
import { can, decide } from '../permissions';
import type { AnnouncementStatus } from '../announcements/rules';
import { abilitiesOf, allowed, clash, firstOf, forbid, fromDecision, type Verdict } from './verdict';

/** The facts of an announcement (and of the reader's organisation) the rules depend on. */
export interface AnnouncementFacts {
  status: AnnouncementStatus;
  mustConfirm: boolean;
  /** The reader's organisation is in the announcement's audience. */
  addressed: boolean;
}

export const ANNOUNCEMENT_ABILITIES = ['edit', 'publish', 'withdraw', 'confirm', 'track', 'remind'] as const;
export type AnnouncementAbility = (typeof ANNOUNCEMENT_ABILITIES)[number];
export type AnnouncementAbilities = Record<AnnouncementAbility, boolean>;

const SECRETARIAT_ONLY = 'only the secretariat writes, publishes and tracks announcements';

export function announcementVerdicts(actor: Actor, a: AnnouncementFacts): Record<AnnouncementAbility, Verdict> {
  const secretariat = can(actor, 'announcement.publish');
  const manage = (check: () => Verdict) => (secretariat ? check() : forbid(SECRETARIAT_ONLY));
  const asksConfirmation = () => (a.mustConfirm ? allowed : clash('this announcement does not ask organisations to confirm it'));
  return {
    /** Drafts are written freely; a published one may be corrected (audited); a withdrawn one is fixed. */
    edit: manage(() => (a.status === 'withdrawn' ? clash('this announcement was withdrawn; it can no longer be changed') : allowed)),
    publish: manage(() => (a.status === 'draft' ? allowed : clash(`this announcement is ${a.status}; only a draft is published`))),
    withdraw: manage(() =>
      a.status === 'published' ? allowed : clash(`this announcement is ${a.status}; only a published one is withdrawn`),
    ),
    /** 組織として確認しました: a member of an addressed organisation, once per organisation (again is a no-op). */
    confirm: firstOf(
      () => fromDecision(decide(actor, 'announcement.confirm')),
      () => (a.addressed ? allowed : forbid('this announcement is not addressed to your organisation')),
      () => (a.status === 'published' ? allowed : clash(`this announcement is ${a.status}; it cannot be confirmed`)),
      asksConfirmation,
    ),
    track: manage(() => allowed),
    /** Remind the organisations that have not confirmed: while it is published and asks for confirmation. */
    remind: manage(() =>
      firstOf(
        () => (a.status === 'published' ? allowed : clash(`this announcement is ${a.status}; only a published one is reminded of`)),
        asksConfirmation,
      ),
    ),
  };
}

export const announcementAbilities = (actor: Actor, a: AnnouncementFacts): AnnouncementAbilities =>
  abilitiesOf(announcementVerdicts(actor, a));
