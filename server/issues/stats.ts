/** The register's dashboard figures, by aggregation (only $match and $group: the portable subset). */
import { trusted } from 'mongoose';
import type { Actor } from '@shared/domain';
import type { RegisterStats } from '@shared/schemas/issues';
import { OPEN_STATUSES } from '@shared/register/rules';
import { authorize } from '../http/authorize';
import { IssueModel } from './model';
import { endOfJapanDay, todayInJapan } from '@shared/japanDates';
import { registerView, statsOf } from './registerView';

async function countBy(field: string, match: Record<string, unknown>) {
  const rows = await IssueModel.aggregate<{ _id: string | null; count: number }>([
    { $match: match },
    { $group: { _id: `$${field}`, count: { $sum: 1 } } },
  ]);
  return rows
    .filter((r) => r._id !== null)
    .map((r) => ({ key: String(r._id), count: r.count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

function spreadAreas(rows: Array<{ _id: { status: string; areas: string[] }; count: number }>): RegisterStats['openByStatusAndArea'] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    for (const area of new Set(row._id.areas)) {
      const key = `${row._id.status}|${area}`;
      counts.set(key, (counts.get(key) ?? 0) + row.count);
    }
  }
  return [...counts]
    .map(([key, count]) => {
      const [status, area] = key.split('|');
      return { status, area, count } as RegisterStats['openByStatusAndArea'][number];
    })
    .sort((a, b) => b.count - a.count);
}

/** The dashboard, from the in-memory view (registerView.ts). */
export async function registerStats(actor: Actor, now = new Date()): Promise<RegisterStats> {
  authorize(actor, 'issue.read');
  return statsOf((await registerView.current()).values(), todayInJapan(now));
}

/** The same figures by aggregation in the database (the view's check in tests). */
export async function registerStatsFromDatabase(): Promise<RegisterStats> {
  const open = { status: trusted({ $in: OPEN_STATUSES }) };
  const today = todayInJapan();
  const [byArea, byStatus, openByReason, openByMinistry, openByCategory, answeredWithDue, total, openCount, overdue] = await Promise.all([
    // Not $unwind: FerretDB 1.24's $unwind drops the other fields (docs/DATABASE.md). Group by the
    // whole area list, then spread it here.
    IssueModel.aggregate<{ _id: { status: string; areas: string[] }; count: number }>([
      { $match: open },
      { $group: { _id: { status: '$status', areas: '$businessAreas' }, count: { $sum: 1 } } },
    ]),
    countBy('status', {}),
    countBy('specialReason', open),
    countBy('ministry', open),
    countBy('category', open),
    IssueModel.find({ dueDate: trusted({ $ne: null }), answeredAt: trusted({ $ne: null }) }, { dueDate: 1, answeredAt: 1 }).lean(),
    IssueModel.countDocuments({}),
    IssueModel.countDocuments(open),
    IssueModel.countDocuments({ dueDate: trusted({ $lt: today }), status: trusted({ $in: ['new', 'accepted', 'reviewing'] }) }),
  ]);
  // Answered by the end of the due date, Japan time.
  const withinDue = answeredWithDue.filter((i) => i.answeredAt! < endOfJapanDay(i.dueDate!)).length;
  return {
    openByStatusAndArea: spreadAreas(byArea),
    byStatus: byStatus,
    openByReason,
    openByMinistry,
    openByCategory,
    answeredWithinDue: {
      answered: answeredWithDue.length,
      withinDue,
      rate: answeredWithDue.length ? withinDue / answeredWithDue.length : null,
    },
    total,
    open: openCount,
    overdue,
  };
}
