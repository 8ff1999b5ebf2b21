/**
 * The notifications 開発状況報告 sends (shared/notifications/kinds.ts, stream `status`): a round opened
 * (`status.opened`, to the expected vendors' active members), a reminder (`status.reminder`, to those of
 * the organisations that have not submitted) and a report returned (`status.returned`, to its
 * organisation's active members). The recipients come from the in-memory directory and `notify` only
 * queues: the request does not wait for delivery.
 */
import { personOf, presentPerson } from '../users/person';
import type { ActingUser } from '../users/model';
import type { Notifier } from '../notifications/types';
import { membersOf } from '../notifications/people';
import { reportTargetId } from './access';
import type { RoundRow } from './model';

/** Tell the active members of `organizationIds` of a round opened or of a reminder (with its deadline). */
export async function notifyRound(
  kind: 'status.opened' | 'status.reminder',
  round: RoundRow,
  input: { user: ActingUser; notifier: Notifier; organizationIds: Iterable<string>; recipients?: readonly string[] },
): Promise<void> {
  const recipients = input.recipients ?? (await membersOf(input.organizationIds));
  input.notifier.notify({
    kind,
    recipients,
    actor: presentPerson(personOf(input.user)),
    target: { type: 'statusRound', id: String(round._id), title: round.title, number: null, seq: null },
    detail: { when: round.deadline.toISOString() },
  });
}

/** Tell an organisation's active members that the secretariat returned its report, with the reason. */
export async function notifyReturned(
  round: RoundRow,
  organizationId: string,
  input: { user: ActingUser; notifier: Notifier; reason: string },
): Promise<void> {
  input.notifier.notify({
    kind: 'status.returned',
    recipients: await membersOf([organizationId]),
    actor: presentPerson(personOf(input.user)),
    target: { type: 'statusReport', id: reportTargetId(String(round._id), organizationId), title: round.title, number: null, seq: null },
    detail: { excerpt: input.reason.slice(0, 400) },
  });
}
