/** Mentions: resolving the ids in a message's tokens, and candidates for the composer's autocomplete. */
import { trusted } from 'mongoose';
import type { MentionCandidates } from '@shared/schemas/threads';
import { extractMentions, replaceMentions } from '@shared/threads/mentions';
import { escapeRegex } from '../db/keys';
import { OrganizationModel } from '../organizations/model';
import { UserModel } from '../users/model';
import type { MessageRecord } from './model';

type StoredMentions = MessageRecord['mentions'];

/** The people and organisations a body mentions that exist; unknown ids are left as plain text. */
export async function resolveMentions(body: string): Promise<StoredMentions> {
  const ids = extractMentions(body);
  const [users, organizations] = await Promise.all([
    ids.users.length ? UserModel.find({ _id: trusted({ $in: ids.users }) }, { displayName: 1 }).lean() : [],
    ids.organizations.length ? OrganizationModel.find({ _id: trusted({ $in: ids.organizations }) }, { nameJa: 1, nameEn: 1 }).lean() : [],
  ]);
  return {
    users: users.map((u) => ({ id: u._id, displayName: u.displayName })),
    organizations: organizations.map((o) => ({ id: o._id, nameJa: o.nameJa, nameEn: o.nameEn })),
  } as StoredMentions;
}

/** The text search sees: mention tokens read as the names they stand for. */
export function searchableText(body: string, mentions: StoredMentions): string {
  const names = new Map<string, string>();
  for (const u of mentions.users) names.set(`user:${String(u.id)}`, u.displayName ?? '');
  for (const o of mentions.organizations) names.set(`org:${String(o.id)}`, `${o.nameJa ?? ''} ${o.nameEn ?? ''}`);
  return replaceMentions(body, (kind, id) => `@${names.get(`${kind}:${id}`) ?? ''}`);
}

export async function mentionCandidates(q: string): Promise<MentionCandidates> {
  const pattern = trusted({ $regex: escapeRegex(q.normalize('NFKC')), $options: 'i' });
  const [users, organizations] = await Promise.all([
    UserModel.find({ active: true, displayName: pattern })
      .limit(8)
      .populate<{ organization: { _id: unknown; nameJa: string; nameEn: string } }>('organization', { nameJa: 1, nameEn: 1 })
      .lean(),
    OrganizationModel.find({ $or: [{ nameJa: pattern }, { nameEn: pattern }, { key: pattern }] }, { nameJa: 1, nameEn: 1 })
      .limit(8)
      .lean(),
  ]);
  return {
    users: users.map(({ _id, displayName, organization: org }) => ({
      id: String(_id),
      displayName,
      organization: { id: String(org._id), nameJa: org.nameJa, nameEn: org.nameEn },
    })),
    organizations: organizations.map((o) => ({ id: String(o._id), nameJa: o.nameJa, nameEn: o.nameEn })),
  };
}
