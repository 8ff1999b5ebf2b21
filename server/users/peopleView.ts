/**
 * Users and organisations kept in memory in each app process (server/db/collectionView.ts): the
 * signed-in person behind every request and socket handshake is read from here, not by two `_id`
 * lookups on each (docs/PERFORMANCE.md, "The person behind a request"). Both collections record
 * their writes in one change log (PEOPLE_LOG), so one look at it brings the view up to date.
 */
import mongoose, { type Types } from 'mongoose';
import { OrganizationModel, type OrganizationDocument, type OrganizationRecord } from '../organizations/model';
import { PEOPLE_LOG, UserModel, withOrganization, type UserRecord, type UserWithOrganization } from './model';
import { CollectionView } from '../db/collectionView';

type Stored<T> = T & { _id: Types.ObjectId };
export type PersonRow =
  | { _id: Types.ObjectId; kind: 'user'; doc: Stored<UserRecord> }
  | { _id: Types.ObjectId; kind: 'organization'; doc: Stored<OrganizationRecord> };

export const peopleView = new CollectionView<PersonRow>(PEOPLE_LOG, async (ids) => {
  const filter = ids ? { _id: mongoose.trusted({ $in: ids }) } : {};
  const [users, organizations] = await Promise.all([
    UserModel.find(filter).lean<Stored<UserRecord>[]>(),
    OrganizationModel.find(filter).lean<Stored<OrganizationRecord>[]>(),
  ]);
  return [
    ...users.map((doc) => ({ _id: doc._id, kind: 'user' as const, doc })),
    ...organizations.map((doc) => ({ _id: doc._id, kind: 'organization' as const, doc })),
  ];
});

/**
 * The user with `id` and its organisation, as documents of their own (a route may change and save
 * them; the view's copies are never handed out): the signed-in person of every request and socket
 * handshake (passport's deserializer), without a database read. Null when there is no such user.
 */
export async function findUserWithOrganization(id: string): Promise<UserWithOrganization | null> {
  const rows = await peopleView.current();
  const user = rows.get(id) ?? (await peopleView.missing(id));
  if (user?.kind !== 'user') return null;
  const orgId = String(user.doc.organization);
  const organization = rows.get(orgId) ?? (await peopleView.missing(orgId));
  // Organisations are never deleted: a dangling reference is a broken database, not a signed-out person.
  if (organization?.kind !== 'organization') throw new Error(`user ${id}: organisation ${orgId} not found`);
  return withOrganization(UserModel.hydrate(copy(user.doc)), OrganizationModel.hydrate(copy(organization.doc)) as OrganizationDocument);
}

/** A copy deep enough that nothing a route changes reaches the view: arrays and dates are copied too. */
function copy<T extends object>(doc: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    out[key] = Array.isArray(value) ? [...(value as unknown[])] : value instanceof Date ? new Date(value) : value;
  }
  return out as T;
}
