/**
 * Meetings (全体会議・課題協議会議): the invited organisations hear of an invitation (a meeting
 * scheduled), a change of time or place, a cancellation; presenters of minutes circulated for
 * confirmation; the invited of minutes published; an organisation of an action item assigned to it
 * (at publication) and again when it is due in three days (a job, once per item: actionsDue).
 */
import mongoose from 'mongoose';
import { isInvited, type MeetingStatus } from '@shared/meetings/rules';
import type { Person } from '@shared/schemas/threads';
import { DAY_MS, todayInJapan } from '@shared/japanDates';
import { MeetingModel, type MeetingDocument } from '../../meetings/model';
import { invitationOf } from '../../meetings/access';
import { ignoringDuplicate } from '../../db/keys';
import { membersOf, membersWhere } from '../people';
import type { Notifier, NotifyInput } from '../types';
import { excerpt } from './excerpt';

/** What a change of time or place compares. */
export interface MeetingPlace {
  startsAt: Date;
  endsAt: Date;
  venue: string | null | undefined;
  onlineUrl: string | null | undefined;
}

const DueClaimModel = mongoose.model(
  'ActionDueClaim',
  new mongoose.Schema({ _id: { type: String, required: true }, at: { type: Date, required: true } }, { versionKey: false }),
  'action_due_notices',
);

export function meetingNotifications(notifier: Notifier) {
  const targetOf = (meeting: Pick<MeetingDocument, '_id' | 'title'>) => ({
    type: 'meeting' as const,
    id: String(meeting._id),
    title: meeting.title,
    number: null,
    seq: null,
  });
  const invited = (meeting: MeetingDocument) => membersWhere((org) => isInvited(invitationOf(meeting), org));
  const placeOf = (m: MeetingDocument) => ({ when: m.startsAt.toISOString(), ...(m.venue ? { place: m.venue } : {}) });
  const send = (kind: NotifyInput['kind'], meeting: MeetingDocument, recipients: Iterable<string>, actor: Person | null, detail = {}) =>
    notifier.notify({ kind, recipients, actor, target: targetOf(meeting), detail });

  return {
    /** Run a method in the notifier's queue (the broadcast's calls). */
    run: (what: string, job: () => Promise<void>) => notifier.run(what, job),
    async moved(meetingId: string, from: MeetingStatus, to: MeetingStatus, by: Person): Promise<void> {
      if (to !== 'scheduled' && to !== 'cancelled') return;
      if (to === 'scheduled' && from !== 'draft') return;
      const meeting = await MeetingModel.findById(meetingId);
      if (!meeting) return;
      send(to === 'scheduled' ? 'meeting.invited' : 'meeting.cancelled', meeting, await invited(meeting), by, placeOf(meeting));
    },
    async rescheduled(meetingId: string, before: MeetingPlace, by: Person): Promise<void> {
      const meeting = await MeetingModel.findById(meetingId);
      if (!meeting || meeting.status !== 'scheduled') return;
      const moved =
        meeting.startsAt.getTime() !== before.startsAt.getTime() ||
        meeting.endsAt.getTime() !== before.endsAt.getTime() ||
        (meeting.venue ?? null) !== (before.venue ?? null) ||
        (meeting.onlineUrl ?? null) !== (before.onlineUrl ?? null);
      if (moved) send('meeting.changed', meeting, await invited(meeting), by, placeOf(meeting));
    },
    async minutesCirculated(organizationIds: readonly string[], meetingId: string): Promise<void> {
      const meeting = await MeetingModel.findById(meetingId);
      if (meeting) send('minutes.circulated', meeting, await membersOf(organizationIds), null);
    },
    async minutesPublished(organizationIds: readonly string[], meetingId: string): Promise<void> {
      const meeting = await MeetingModel.findById(meetingId);
      if (!meeting) return;
      send('minutes.published', meeting, await membersOf(organizationIds), null);
      for (const item of meeting.minutes?.items ?? []) {
        for (const action of item.actionItems) {
          if (!action.owner?.id) continue;
          send('action.assigned', meeting, await membersOf([String(action.owner.id)]), null, {
            excerpt: excerpt(action.text ?? ''),
            ...(action.dueDate ? { when: action.dueDate.toISOString() } : {}),
          });
        }
      }
    },
    /**
     * Action items of published minutes due within three days, each told once (a unique insert per
     * item claims it, so several processes or runs never tell it twice).
     */
    async actionsDue(now = new Date()): Promise<number> {
      const today = todayInJapan(now).getTime();
      const meetings = await MeetingModel.find({ status: 'minutesPublished' as MeetingStatus })
        .sort({ startsAt: -1 })
        .limit(200);
      let told = 0;
      for (const meeting of meetings) {
        for (const item of meeting.minutes?.items ?? []) {
          for (const action of item.actionItems) {
            const due = action.dueDate?.getTime();
            if (due == null || action.done || !action.owner?.id || due < today || due > today + 3 * DAY_MS) continue;
            const claimed = await ignoringDuplicate(DueClaimModel.create({ _id: `${String(meeting._id)}:${action.id}`, at: now }));
            if (!claimed) continue;
            send('action.due', meeting, await membersOf([String(action.owner.id)]), null, {
              excerpt: excerpt(action.text ?? ''),
              when: action.dueDate!.toISOString(),
            });
            told++;
          }
        }
      }
      return told;
    },
  };
}
export type MeetingNotifications = ReturnType<typeof meetingNotifications>;
