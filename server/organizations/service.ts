/** The council's organisations: the secretariat, the member vendors and the observers. */
import type { Actor } from '@shared/domain';
import type { OrganizationCreateBody, OrganizationQuery, OrganizationUpdateBody } from '@shared/schemas/organizations';
import { authorize } from '../http/authorize';
import { conflict, notFound } from '../http/errors';
import type { Realtime } from '../realtime/io';
import { OrganizationModel, type OrganizationDocument } from './model';

const KIND_ORDER = { secretariat: 0, observer: 1, vendor: 2 } as const;
const collator = new Intl.Collator('ja');

function byKindThenName(a: OrganizationDocument, b: OrganizationDocument): number {
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || collator.compare(a.nameJa, b.nameJa);
}

/** Every matching organisation (there are under 200) with counts by kind and vendor type. */
export async function listOrganizations(query: OrganizationQuery) {
  const filter: Record<string, string> = {};
  if (query.kind) filter.kind = query.kind;
  if (query.vendorType) filter.vendorType = query.vendorType;
  if (query.businessArea) filter.businessAreas = query.businessArea;
  const organizations = (await OrganizationModel.find(filter)).sort(byKindThenName);
  const counts = {
    total: organizations.length,
    byKind: { secretariat: 0, vendor: 0, observer: 0 },
    byVendorType: { development: 0, support: 0 },
  };
  for (const org of organizations) {
    counts.byKind[org.kind]++;
    if (org.vendorType) counts.byVendorType[org.vendorType]++;
  }
  return { organizations, counts };
}

export async function getOrganization(id: string): Promise<OrganizationDocument> {
  const org = await OrganizationModel.findById(id);
  if (!org) throw notFound('organisation');
  return org;
}

async function checkCorporateNumberFree(corporateNumber: string, exceptId?: string) {
  const holder = await OrganizationModel.findOne({ corporateNumber });
  if (holder && holder.id !== exceptId) {
    throw conflict('another organisation has this corporate number', 'body.corporateNumber');
  }
}

export async function createOrganization({ actor, input }: { actor: Actor; input: OrganizationCreateBody }) {
  authorize(actor, 'organization.manage');
  if (await OrganizationModel.exists({ key: input.key })) throw conflict('this key is already in use', 'body.key');
  if (input.kind === 'vendor') await checkCorporateNumberFree(input.corporateNumber);
  return OrganizationModel.create(input);
}

/**
 * Change an organisation. A change of what its members may read (a vendor's type: development
 * vendors read development-only threads) refreshes their live sockets at once, so none keeps rooms
 * it joined under the old type.
 */
export async function updateOrganization({ actor, id, input, realtime }: { actor: Actor; id: string; input: OrganizationUpdateBody; realtime: Pick<Realtime, 'refreshOrganizationSockets'> }) {
  authorize(actor, 'organization.manage');
  const org = await getOrganization(id);
  if (org.kind !== 'vendor' && (input.vendorType || input.corporateNumber)) {
    throw conflict('only vendor organisations have a vendor type and corporate number', input.vendorType ? 'body.vendorType' : 'body.corporateNumber');
  }
  if (input.corporateNumber) await checkCorporateNumberFree(input.corporateNumber, id);
  await OrganizationModel.updateOne({ _id: org._id }, input);
  if (input.vendorType !== undefined && input.vendorType !== org.vendorType) realtime.refreshOrganizationSockets(String(org._id));
  return getOrganization(id);
}
