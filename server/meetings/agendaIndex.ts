/**
 * Which meetings put an issue on their agenda, kept in memory in each app process
 * (server/db/collectionView.ts): the issue page lists them, and "meetings whose agenda cites this
 * issue" is a match inside an array of subdocuments, which no index of the embedded engine serves —
 * it would decode every meeting for every issue page (docs/DATABASE.md). Meetings are few (the
 * council's plenaries and consultations: hundreds over years) and the rows hold only their titles,
 * dates, status and agenda issue ids. Every write to a meeting is recorded in the meetings' change
 * log (model.ts), so each process's rows follow every process's writes.
 */
import mongoose, { type Types } from 'mongoose';
import { CollectionView } from '../db/collectionView';
import { MEETINGS_LOG, MeetingModel } from './model';

interface AgendaRow {
  _id: Types.ObjectId;
  title: string;
  status: string;
  startsAt: Date;
  agenda: Array<{ issueIds: Types.ObjectId[] }>;
}

export const agendaIndex = new CollectionView<AgendaRow>(MEETINGS_LOG, (ids) =>
  MeetingModel.find(ids ? { _id: mongoose.trusted({ $in: ids }) } : {}, { title: 1, status: 1, startsAt: 1, agenda: 1 }).lean<
    AgendaRow[]
  >(),
);

const byStart = (a: AgendaRow, b: AgendaRow) => a.startsAt.getTime() - b.startsAt.getTime() || String(a._id).localeCompare(String(b._id));

/** Issue id → the meetings, drafts left out, whose agenda cites it, earliest first: built once per change to the meetings. */
function citations(rows: ReadonlyMap<string, AgendaRow>): Map<string, Array<{ id: string; title: string }>> {
  const byIssue = new Map<string, Array<{ id: string; title: string }>>();
  for (const m of [...rows.values()].sort(byStart)) {
    if (m.status === 'draft') continue;
    for (const issueId of new Set(m.agenda.flatMap((a) => a.issueIds.map(String)))) {
      const list = byIssue.get(issueId) ?? [];
      list.push({ id: String(m._id), title: m.title });
      byIssue.set(issueId, list);
    }
  }
  return byIssue;
}

/** The meetings, drafts left out, whose agenda cites the issue, earliest first. */
export async function meetingsCiting(issueId: Types.ObjectId | string): Promise<Array<{ id: string; title: string }>> {
  return (await agendaIndex.derived('citations', citations)).get(String(issueId)) ?? [];
}
