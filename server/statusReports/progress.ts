/**
 * The secretariat's submission progress of a round (提出状況): every expected organisation with its
 * state, areas, version and dates, from memory (picture.ts); and the reminders sent, by one equality
 * lookup on the indexed `roundId` of a tiny collection.
 */
import type { Actor } from '@shared/domain';
import { roundVerdicts } from '@shared/policies/statusReport';
import type { Progress, ProgressQuery } from '@shared/schemas/statusReports';
import { enforce } from '../http/authorize';
import { StatusReminderModel, type ReminderRecord } from './model';
import { readableRound, roundPicture, vendorTypeOf, type RoundPicture } from './picture';
import { organizationRef, presentReminder } from './presenter';

/** Every expected organisation of the round, by name, as the progress table and the export list them. */
export function progressRows(picture: RoundPicture): Progress['rows'] {
  return picture.organizations.map((o) => ({
    organization: organizationRef(o.organization),
    vendorType: vendorTypeOf(o.organization),
    areas: o.areas,
    state: o.state,
    version: o.report?.version ?? 0,
    updatedAt: o.report?.updatedAt ? o.report.updatedAt.toISOString() : null,
    submittedAt: o.report?.submitted ? new Date(o.report.submitted.at).toISOString() : null,
  }));
}

/** The progress of a round (the secretariat's: roundVerdicts().track), its rows filtered by `state` when given. */
export async function roundProgress(input: { actor: Actor; roundId: string; query: ProgressQuery }): Promise<Progress> {
  const { actor, query } = input;
  const round = await readableRound(actor, input.roundId);
  enforce(roundVerdicts(actor, round).track);
  const [picture, reminders] = await Promise.all([
    roundPicture(round),
    StatusReminderModel.find({ roundId: round._id }).sort({ at: -1 }).lean<ReminderRecord[]>(),
  ]);
  const rows = progressRows(picture);
  return {
    round: { id: String(round._id), title: round.title, state: round.state },
    counts: picture.progress,
    rows: query.state ? rows.filter((r) => r.state === query.state) : rows,
    reminders: reminders.map(presentReminder),
  };
}
