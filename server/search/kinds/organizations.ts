/**
 * The council's organisations in "search everywhere" (kind `organization`): the Japanese name as the title, and
 * what the organisation's page shows as text besides — the English name and the corporate number. Every active
 * signed-in member reads the directory (GET /organizations/:id is open to any `user`), so any active searcher may
 * read every organisation; they are read from the in-memory people view (server/users/peopleView.ts).
 */
import type { Types } from 'mongoose';
import type { Actor } from '@shared/domain';
import type { SearchKind } from '@shared/schemas/search';
import { ORGANIZATION_SEARCH_FIELDS, OrganizationModel, type OrganizationRecord } from '../../organizations/model';
import { peopleView } from '../../users/peopleView';
import type { FoundItem, IndexEntry, SearchSource } from './types';

/** What an organisation's entry is made of: a stored document or a lean one alike. */
export type OrganizationText = { _id: Types.ObjectId } & Pick<OrganizationRecord, 'nameJa' | 'nameEn' | 'corporateNumber'>;

function entryOf(org: OrganizationText): IndexEntry {
  return {
    kind: 'organization',
    id: String(org._id),
    title: org.nameJa ?? '',
    body: [org.nameEn, org.corporateNumber].filter(Boolean).join('\n'),
  };
}

export const organizationSearch: SearchSource<OrganizationText> = {
  kinds: ['organization'],
  fields: ORGANIZATION_SEARCH_FIELDS,
  entriesOf: (org) => [entryOf(org)],
  async *all() {
    yield* OrganizationModel.find({}, { nameJa: 1, nameEn: 1, corporateNumber: 1 }).lean<OrganizationText[]>().cursor();
  },
  async readable(actor: Actor, kind: SearchKind, ids: readonly string[]): Promise<FoundItem[]> {
    if (kind !== 'organization' || !actor.active) return [];
    const rows = await peopleView.current();
    return ids.flatMap((id) => {
      const row = rows.get(id);
      if (row?.kind !== 'organization') return [];
      const org = row.doc as typeof row.doc & { updatedAt?: Date; createdAt?: Date };
      return [
        {
          ...entryOf(org),
          where: null,
          href: `/organizations/${id}`,
          who: null,
          at: org.updatedAt ?? org.createdAt ?? org._id.getTimestamp(),
          number: null,
          status: null,
          areas: [...(org.businessAreas ?? [])],
          organizations: [id],
        },
      ];
    });
  },
};
