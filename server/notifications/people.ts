/**
 * Who is who, for deciding whom an event concerns: every user and organisation is held in memory
 * (server/users/peopleView.ts), so turning "the members of these organisations" or "the secretariat"
 * into people costs no database read.
 */
import type { Actor, ActorOrganization } from '@shared/domain';
import type { Person } from '@shared/schemas/threads';
import { peopleView, type PersonRow } from '../users/peopleView';

type OrgRow = Extract<PersonRow, { kind: 'organization' }>['doc'];
type UserRow = Extract<PersonRow, { kind: 'user' }>['doc'];

export interface Member {
  actor: Actor;
  email: string;
  displayName: string;
  organization: OrgRow;
}

function organizationOf(org: OrgRow): ActorOrganization {
  return { id: String(org._id), key: org.key, kind: org.kind, vendorType: org.vendorType ?? null, observerKind: org.observerKind ?? null };
}

function memberOf(user: UserRow, org: OrgRow): Member {
  return {
    actor: { id: String(user._id), role: user.role, active: user.active, organization: organizationOf(org) },
    email: user.email,
    displayName: user.displayName,
    organization: org,
  };
}

/** The active people among `ids`, with their organisations. */
export async function activeMembers(ids: Iterable<string>): Promise<Map<string, Member>> {
  const rows = await peopleView.current();
  const out = new Map<string, Member>();
  for (const id of ids) {
    const user = rows.get(id);
    if (user?.kind !== 'user' || !user.doc.active) continue;
    const org = rows.get(String(user.doc.organization));
    if (org?.kind !== 'organization') continue;
    out.set(id, memberOf(user.doc, org.doc));
  }
  return out;
}

/** The ids of every active person whose organisation passes `test`. */
export async function membersWhere(test: (org: ActorOrganization & { businessAreas: readonly string[] }) => boolean): Promise<string[]> {
  const rows = await peopleView.current();
  const passes = new Map<string, boolean>();
  const out: string[] = [];
  for (const row of rows.values()) {
    if (row.kind !== 'user' || !row.doc.active) continue;
    const orgId = String(row.doc.organization);
    let ok = passes.get(orgId);
    if (ok === undefined) {
      const org = rows.get(orgId);
      ok = org?.kind === 'organization' && test({ ...organizationOf(org.doc), businessAreas: org.doc.businessAreas ?? [] });
      passes.set(orgId, ok);
    }
    if (ok) out.push(String(row._id));
  }
  return out;
}

/**
 * The active members of the organisations `orgIds`: from a map of organisation → members worked out
 * once per change to the people (every post asks, for the organisations it mentions, usually none).
 */
export async function membersOf(orgIds: Iterable<string>): Promise<string[]> {
  const ids = [...orgIds].map(String);
  if (!ids.length) return [];
  const byOrganization = await peopleView.derived('activeMembersByOrganization', (rows) => {
    const map = new Map<string, string[]>();
    for (const row of rows.values()) {
      if (row.kind !== 'user' || !row.doc.active) continue;
      const orgId = String(row.doc.organization);
      const members = map.get(orgId);
      if (members) members.push(String(row._id));
      else map.set(orgId, [String(row._id)]);
    }
    return map;
  });
  return [...new Set(ids)].flatMap((id) => byOrganization.get(id) ?? []);
}

/** A person as notifications name them. */
export async function personById(id: string): Promise<Person | null> {
  const rows = await peopleView.current();
  const user = rows.get(id);
  if (user?.kind !== 'user') return null;
  const org = rows.get(String(user.doc.organization));
  if (org?.kind !== 'organization') return null;
  return { id, displayName: user.doc.displayName, organization: { id: String(org._id), nameJa: org.doc.nameJa, nameEn: org.doc.nameEn } };
}
