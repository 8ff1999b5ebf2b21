/**
 * Whether a person may read what a notification points to, now: checked when notifications are sent
 * (the notifier drops those who may not) and again when an inbox is shown (a person who lost access
 * stops seeing them). Each feature's rule is its own policy, given here per target type; threads and
 * issues are answered from the in-memory views, meetings by one `_id` `$in`.
 */
import mongoose from 'mongoose';
import type { Actor } from '@shared/domain';
import { can, decide } from '@shared/permissions';
import { readVerdict } from '@shared/policies/thread';
import { isPublic, type MeetingStatus } from '@shared/meetings/rules';
import type { NotificationTarget } from '@shared/schemas/notifications';
import { threadView } from '../threads/threadView';
import { registerView } from '../issues/registerView';
import { MeetingModel } from '../meetings/model';
import type { TargetAccess } from './types';
import { singleFlight } from '../db/singleFlight';

type TargetType = NotificationTarget['type'];

const threads: TargetAccess = async (actor, ids) => {
  const rows = await threadView.current();
  return new Set(
    ids.filter((id) => {
      const thread = rows.get(id);
      return thread != null && readVerdict(actor, thread).allowed;
    }),
  );
};

const issues: TargetAccess = async (actor, ids) => {
  if (!decide(actor, 'issue.read').allowed) return new Set();
  const rows = await registerView.current();
  return new Set(ids.filter((id) => rows.has(id)));
};

/** The notifier asks once per organisation at the same moment: those identical reads share one. */
const meetingStatuses = singleFlight((ids: string) =>
  MeetingModel.find({ _id: mongoose.trusted({ $in: ids.split(',') }) }, { status: 1 }).lean(),
);

const meetings: TargetAccess = async (actor, ids) => {
  if (!decide(actor, 'meeting.read').allowed) return new Set();
  const valid = ids.filter((id) => mongoose.isValidObjectId(id));
  if (!valid.length) return new Set();
  const rows = await meetingStatuses(valid.join(','));
  const manage = can(actor, 'meeting.manage');
  return new Set(rows.filter((m) => manage || isPublic(m.status as MeetingStatus)).map((m) => String(m._id)));
};

const accounts: TargetAccess = async (actor, ids) => new Set(ids.filter((id) => id === actor.id));

/** Nothing is readable of a type no feature has given a rule for (announcements, status reports until theirs are set). */
const nothing: TargetAccess = async () => new Set();

const access: Record<TargetType, TargetAccess> = {
  thread: threads,
  issue: issues,
  meeting: meetings,
  account: accounts,
  announcement: nothing,
  statusRound: nothing,
  statusReport: nothing,
};

/** A feature gives its rule for its own targets (announcements: server/announcements/access.ts; status reports: server/statusReports/access.ts). */
export function setTargetAccess(type: TargetType, rule: TargetAccess): void {
  access[type] = rule;
}

export const targetKey = (target: Pick<NotificationTarget, 'type' | 'id'>) => `${target.type}:${target.id}`;

/** The keys (`type:id`) of the targets `actor` may read now. */
export async function readableTargets(actor: Actor, targets: readonly Pick<NotificationTarget, 'type' | 'id'>[]): Promise<Set<string>> {
  const byType = new Map<TargetType, Set<string>>();
  for (const t of targets) {
    const ids = byType.get(t.type) ?? new Set<string>();
    ids.add(t.id);
    byType.set(t.type, ids);
  }
  const out = new Set<string>();
  await Promise.all(
    [...byType].map(async ([type, ids]) => {
      for (const id of await access[type](actor, [...ids])) out.add(`${type}:${id}`);
    }),
  );
  return out;
}
