/**
 * 提出の督促: the secretariat reminds the organisations of an open round that have not submitted (not
 * started, a draft, returned). Their active members are notified (`status.reminder`); the reminder is
 * logged with how many organisations and people it reached (the progress shows the log) and audited.
 * As an announcement's reminder (server/announcements/tracker.ts), a second within 10 minutes is refused.
 */
import { roundVerdicts } from '@shared/policies/statusReport';
import type { StatusReminder } from '@shared/schemas/statusReports';
import type { RoundState } from '@shared/statusReports/rules';
import { recordAudit } from '../audit/log';
import { enforce } from '../http/authorize';
import { isDuplicateKey } from '../db/keys';
import { conflict } from '../http/errors';
import type { Notifier } from '../notifications/types';
import type { UserWithOrganization } from '../users/model';
import { personOf } from '../users/person';
import { toActor } from '../users/presenter';
import { membersOf } from '../notifications/people';
import { managedRound } from './access';
import { StatusReminderModel, type ReminderRecord } from './model';
import type { StatusBroadcast } from './broadcast';
import { notifyRound } from './notices';
import { presentReminder } from './presenter';
import { organizationsInRound } from './roundReports';

/** Two clicks (or two secretariat members) must not mail every vendor twice in a minute. */
const REMIND_AGAIN_MS = 10 * 60_000;

export async function remindRound(input: {
  user: UserWithOrganization;
  roundId: string;
  notifier: Notifier;
  broadcast: StatusBroadcast;
}): Promise<StatusReminder> {
  const { user, notifier } = input;
  const actor = toActor(user);
  const round = await managedRound(actor, input.roundId);
  enforce(roundVerdicts(actor, { state: round.state as RoundState }).remind);
  const waiting = (await organizationsInRound(round)).filter((o) => o.state !== 'submitted').map((o) => o.organization.id);
  if (!waiting.length) throw conflict('every organisation expected in this round has submitted; there is nobody to remind');
  // One round's reminders (indexed on roundId, newest first): a handful.
  const last = await StatusReminderModel.findOne({ roundId: round._id }, { at: 1 }).sort({ at: -1 }).lean();
  if (last && Date.now() - last.at.getTime() < REMIND_AGAIN_MS)
    throw conflict('a reminder was sent less than 10 minutes ago; wait before reminding again');
  const recipients = await membersOf(waiting);
  const at = new Date();
  const reminder = await StatusReminderModel.create({
    _id: `${String(round._id)}:${Math.floor(at.getTime() / REMIND_AGAIN_MS)}`,
    roundId: round._id,
    by: personOf(user),
    at,
    organizations: waiting.length,
    people: recipients.length,
  }).catch((err: unknown) => {
    // Another reminder claimed this 10-minute window a moment ago (two clicks, two secretariat members).
    if (isDuplicateKey(err)) throw conflict('a reminder was sent less than 10 minutes ago; wait before reminding again');
    throw err;
  });
  await recordAudit({
    actor: user,
    action: 'status.reminded',
    target: { kind: 'statusRound', id: String(round._id), label: round.title },
    detail: { organizations: waiting.length, people: recipients.length },
  });
  input.broadcast.reminded(String(round._id));
  await notifyRound('status.reminder', round, { user, notifier, organizationIds: waiting, recipients });
  return presentReminder(reminder.toObject() as ReminderRecord);
}
