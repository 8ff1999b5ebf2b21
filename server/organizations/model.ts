import mongoose, { Schema, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { OBSERVER_KINDS, ORG_KINDS, VENDOR_TYPES } from '@shared/domain';
import { BUSINESS_AREA_KEYS } from '@shared/reference/council';
import { recordWritesIn } from '../db/collectionView';
import { indexWritesIn } from '../search/indexWrites';
import { PEOPLE_LOG } from '../users/model';

const organizationSchema = new Schema(
  {
    key: { type: String, required: true, unique: true },
    kind: { type: String, enum: ORG_KINDS, required: true },
    vendorType: { type: String, enum: [...VENDOR_TYPES, null], default: null },
    observerKind: { type: String, enum: [...OBSERVER_KINDS, null], default: null },
    nameJa: { type: String, required: true },
    nameEn: { type: String, required: true },
    corporateNumber: { type: String, default: null },
    businessAreas: { type: [{ type: String, enum: BUSINESS_AREA_KEYS }], default: [] },
    /** Registered by the secretariat: the domains its org admins may give new accounts (users/accountEmail.ts). */
    emailDomains: { type: [String], default: [] },
  },
  { timestamps: true },
);
organizationSchema.index({ kind: 1, vendorType: 1 });
organizationSchema.index({ businessAreas: 1 });
/** In the same log as users: one look at it before a request brings both up to date (users/peopleView.ts). */
recordWritesIn(organizationSchema, PEOPLE_LOG);
/** What "search everywhere" reads of an organisation (server/search/kinds/organizations.ts). */
export const ORGANIZATION_SEARCH_FIELDS = ['nameJa', 'nameEn', 'corporateNumber'] as const;
indexWritesIn(organizationSchema, 'organizations', ORGANIZATION_SEARCH_FIELDS);

export type OrganizationRecord = InferSchemaType<typeof organizationSchema>;
export type OrganizationDocument = HydratedDocument<OrganizationRecord>;
export const OrganizationModel = mongoose.model('Organization', organizationSchema);
