/**
 * The register's personal filters: `mine=raised` (自組織が登録), `mine=supported` (自組織が賛同) and
 * `following`. Each is one equality lookup on an indexed field — the organisation's supports by
 * `organizationId`, the person's follows by `userId` — intersected with the in-memory register
 * (registerView.ts) or added to an export's query; never a scan.
 */
import { trusted, type QueryFilter } from 'mongoose';
import type { Actor } from '@shared/domain';
import type { IssueListQuery } from '@shared/schemas/issues';
import { issueFollowsOf } from './follows';
import { IssueSupportModel, type IssueRecord, type IssueRow } from './model';

export type PersonalFilters = Pick<IssueListQuery, 'mine' | 'following'>;

/** The personal filters, and the rest (which the view filters and keeps per query for everyone). */
export function splitPersonal<Q extends PersonalFilters>(query: Q): { personal: PersonalFilters; shared: Omit<Q, 'mine' | 'following'> } {
  const { mine, following, ...shared } = query;
  return { personal: { mine, following }, shared };
}

interface Personal {
  /** Raised by this organisation. */
  raisedBy?: string;
  /** Among these issues. */
  among?: Set<string>;
  /** Not among these issues. */
  notAmong?: Set<string>;
}

async function personalOf(actor: Actor, { mine, following }: PersonalFilters): Promise<Personal | null> {
  if (!mine && following === undefined) return null;
  const out: Personal = {};
  if (mine === 'raised') out.raisedBy = actor.organization.id;
  const [supported, follows] = await Promise.all([
    mine === 'supported' ? IssueSupportModel.find({ organizationId: actor.organization.id }, { issueId: 1 }).lean() : null,
    following === undefined ? null : issueFollowsOf(actor.id),
  ]);
  if (supported) out.among = new Set(supported.map((s) => String(s.issueId)));
  if (follows) {
    const followed = new Set([...follows].filter(([, state]) => state === 'following').map(([id]) => id));
    if (following) out.among = out.among ? new Set([...out.among].filter((id) => followed.has(id))) : followed;
    else out.notAmong = followed;
  }
  return out;
}

/** A test of a register row for the personal filters, or null when there are none. */
export async function personalTest(actor: Actor, filters: PersonalFilters): Promise<((row: IssueRow) => boolean) | null> {
  const p = await personalOf(actor, filters);
  if (!p) return null;
  return (row) => {
    const id = String(row._id);
    return (
      (!p.raisedBy || String(row.raisedBy.organization.id) === p.raisedBy) &&
      (!p.among || p.among.has(id)) &&
      (!p.notAmong || !p.notAmong.has(id))
    );
  };
}

/** The same conditions for a query of the database (exports). */
export async function personalConditions(actor: Actor, filters: PersonalFilters): Promise<QueryFilter<IssueRecord>[]> {
  const p = await personalOf(actor, filters);
  if (!p) return [];
  const conditions: QueryFilter<IssueRecord>[] = [];
  if (p.raisedBy) conditions.push({ 'raisedBy.organization.id': p.raisedBy });
  if (p.among) conditions.push({ _id: trusted({ $in: [...p.among] }) });
  if (p.notAmong?.size) conditions.push({ _id: trusted({ $nin: [...p.notAmong] }) });
  return conditions;
}
