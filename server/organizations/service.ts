/** The council's organisations: the secretariat, the member vendors and the observers. */
import {
  ORGANIZATION_PAGE_SIZE,
  type OrganizationCreateBody,
  type OrganizationQuery,
  type OrganizationUpdateBody,
} from '@shared/schemas/organizations';
import { authorize } from '../http/authorize';
import { conflict, notFound } from '../http/errors';
import type { Realtime } from '../realtime/io';
import { recordAudit } from '../audit/log';
import type { ActingUser } from '../users/model';
import { toActor } from '../users/presenter';
import { organizationsChanged } from './kinds';
import { OrganizationModel, type OrganizationDocument } from './model';

/** How an organisation is named on the audit record. */
const organizationTarget = (org: OrganizationDocument) => ({ kind: 'organization', id: String(org._id), label: org.nameJa });

const KIND_ORDER = { secretariat: 0, observer: 1, vendor: 2 } as const;
const collator = new Intl.Collator('ja');

function byKindThenName(a: OrganizationDocument, b: OrganizationDocument): number {
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || collator.compare(a.nameJa, b.nameJa);
}

/** Full- and half-width, upper and lower case alike. */
const fold = (s: string) => s.normalize('NFKC').toLowerCase();

/**
 * The matching organisations — a page of them when `page` or `pageSize` is given — with counts by
 * kind and vendor type of all that match, and the choices of vendor type with the other filters kept.
 *
 * The whole collection is read and filtered, counted and paged here: it holds the council's ~190
 * organisations and does not grow with use, and on the embedded engine any filter but `_id` reads it
 * all anyway (docs/DATABASE.md), so one read serves the page, the counts and the facets alike.
 */
export async function listOrganizations(query: OrganizationQuery) {
  const needle = query.q ? fold(query.q) : null;
  const anyType = (await OrganizationModel.find({})).filter(
    (org) =>
      (!query.kind || org.kind === query.kind) &&
      (!query.businessArea || org.businessAreas.includes(query.businessArea)) &&
      (!needle || fold(org.nameJa).includes(needle) || fold(org.nameEn).includes(needle) || (org.corporateNumber ?? '').includes(needle)),
  );
  const organizations = anyType.filter((org) => !query.vendorType || org.vendorType === query.vendorType).sort(byKindThenName);
  const counts = {
    total: organizations.length,
    byKind: { secretariat: 0, vendor: 0, observer: 0 },
    byVendorType: { development: 0, support: 0 },
  };
  for (const org of organizations) {
    counts.byKind[org.kind]++;
    if (org.vendorType) counts.byVendorType[org.vendorType]++;
  }
  const facets = { vendorType: { development: 0, support: 0 } };
  for (const org of anyType) if (org.vendorType) facets.vendorType[org.vendorType]++;
  if (query.page === undefined && query.pageSize === undefined) return { organizations, counts, facets };
  const paging = { page: query.page ?? 1, pageSize: query.pageSize ?? ORGANIZATION_PAGE_SIZE };
  const start = (paging.page - 1) * paging.pageSize;
  return { organizations: organizations.slice(start, start + paging.pageSize), counts, facets, paging };
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

export async function createOrganization({ by, input }: { by: ActingUser; input: OrganizationCreateBody }) {
  const actor = toActor(by);
  authorize(actor, 'organization.manage');
  if (await OrganizationModel.exists({ key: input.key })) throw conflict('this key is already in use', 'body.key');
  if (input.kind === 'vendor') await checkCorporateNumberFree(input.corporateNumber);
  const org = await OrganizationModel.create(input);
  organizationsChanged();
  await recordAudit({ actor: by, action: 'organization.created', target: organizationTarget(org), detail: { input } });
  return org;
}

/**
 * Change an organisation. A change of what its members may read (a vendor's type: development
 * vendors read development-only threads) refreshes their live sockets at once, so none keeps rooms
 * it joined under the old type.
 */
export async function updateOrganization({
  by,
  id,
  input,
  realtime,
}: {
  by: ActingUser;
  id: string;
  input: OrganizationUpdateBody;
  realtime: Pick<Realtime, 'refreshOrganizationSockets'>;
}) {
  const actor = toActor(by);
  authorize(actor, 'organization.manage');
  const org = await getOrganization(id);
  if (org.kind !== 'vendor' && (input.vendorType || input.corporateNumber)) {
    throw conflict(
      'only vendor organisations have a vendor type and corporate number',
      input.vendorType ? 'body.vendorType' : 'body.corporateNumber',
    );
  }
  if (input.corporateNumber) await checkCorporateNumberFree(input.corporateNumber, id);
  await OrganizationModel.updateOne({ _id: org._id }, input);
  organizationsChanged();
  if (input.vendorType !== undefined && input.vendorType !== org.vendorType) realtime.refreshOrganizationSockets(String(org._id));
  await recordAudit({ actor: by, action: 'organization.updated', target: organizationTarget(org), detail: { change: input } });
  return getOrganization(id);
}
