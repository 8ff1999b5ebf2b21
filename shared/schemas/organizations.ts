import { z } from 'zod';
import { BUSINESS_AREA_KEYS } from '../reference/council';
import { OBSERVER_KINDS, ORG_KINDS, VENDOR_TYPES } from '../domain';
import { isValidCorporateNumber } from '../corporateNumber';

export const BusinessAreaKey = z.enum(BUSINESS_AREA_KEYS);

export const CorporateNumber = z
  .string()
  .regex(/^\d{13}$/, 'must be 13 digits')
  .refine(isValidCorporateNumber, 'check digit does not match (法人番号のチェックデジットが一致しません)');

export const OrganizationKey = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens only');

/**
 * A domain an organisation's e-mail addresses use (`example.co.jp`): normalised like `Email` (NFKC,
 * trimmed, lower case) so it compares with the part after an address's `@`.
 */
export const EmailDomain = z
  .string()
  .max(253)
  .transform((s) => s.normalize('NFKC').trim().toLowerCase())
  .pipe(z.string().regex(/^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/, 'must be a domain like example.co.jp'));

/** At most 20, each once. */
const EmailDomains = z
  .array(EmailDomain)
  .max(20)
  .transform((domains) => [...new Set(domains)]);

export const Organization = z
  .object({
    id: z.string(),
    key: z.string(),
    kind: z.enum(ORG_KINDS),
    vendorType: z.enum(VENDOR_TYPES).nullable(),
    observerKind: z.enum(OBSERVER_KINDS).nullable(),
    nameJa: z.string(),
    nameEn: z.string(),
    corporateNumber: z.string().nullable(),
    businessAreas: z.array(BusinessAreaKey),
    /**
     * The e-mail domains registered for it by the secretariat: its org admins create accounts with
     * these domains only (docs/ARCHITECTURE.md, "Accounts and sessions").
     */
    emailDomains: z.array(z.string()),
  })
  .meta({ id: 'Organization' });
export type Organization = z.infer<typeof Organization>;

/** A page of the directory when `page` is asked for without `pageSize`. */
export const ORGANIZATION_PAGE_SIZE = 30;

/**
 * The directory's filters, and a page of it: with `page` or `pageSize` the answer is that page
 * (`paging`); without either it is every matching organisation (the pickers read it whole).
 */
export const OrganizationQuery = z.strictObject({
  kind: z.enum(ORG_KINDS).optional(),
  vendorType: z.enum(VENDOR_TYPES).optional(),
  businessArea: BusinessAreaKey.optional(),
  /** Part of the name (Japanese or English) or of the 法人番号; full- and half-width, upper and lower case alike. */
  q: z.string().trim().min(1).max(100).optional(),
  page: z.coerce.number().int().min(1).max(1_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
});
export type OrganizationQuery = z.infer<typeof OrganizationQuery>;

export const OrganizationCounts = z.object({
  total: z.number().int(),
  byKind: z.object({ secretariat: z.number().int(), vendor: z.number().int(), observer: z.number().int() }),
  byVendorType: z.object({ development: z.number().int(), support: z.number().int() }),
});

export const OrganizationList = z
  .object({
    organizations: z.array(Organization),
    /** Of every matching organisation, not only the page. */
    counts: OrganizationCounts,
    /**
     * By vendor type, the organisations matching every filter but the vendor type: what choosing
     * a type would show.
     */
    facets: z.object({ vendorType: z.object({ development: z.number().int(), support: z.number().int() }) }),
    /** The page given, when one was asked for; `counts.total` is how many there are in all. */
    paging: z.object({ page: z.number().int(), pageSize: z.number().int() }).optional(),
  })
  .meta({ id: 'OrganizationList' });
export type OrganizationList = z.infer<typeof OrganizationList>;

const organizationFields = {
  nameJa: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  businessAreas: z.array(BusinessAreaKey).max(20).default([]),
  emailDomains: EmailDomains.default([]),
};

/** The secretariat registers a member vendor or an observer. */
export const OrganizationCreateBody = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('vendor'),
    key: OrganizationKey,
    vendorType: z.enum(VENDOR_TYPES),
    corporateNumber: CorporateNumber,
    ...organizationFields,
  }),
  z.strictObject({
    kind: z.literal('observer'),
    key: OrganizationKey,
    observerKind: z.enum(OBSERVER_KINDS),
    ...organizationFields,
  }),
]);
export type OrganizationCreateBody = z.infer<typeof OrganizationCreateBody>;

export const OrganizationUpdateBody = z
  .strictObject({
    nameJa: organizationFields.nameJa,
    nameEn: organizationFields.nameEn,
    businessAreas: z.array(BusinessAreaKey).max(20),
    emailDomains: EmailDomains,
    vendorType: z.enum(VENDOR_TYPES),
    corporateNumber: CorporateNumber,
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing to update');
export type OrganizationUpdateBody = z.infer<typeof OrganizationUpdateBody>;

export const BusinessAreaSchema = z
  .object({ key: BusinessAreaKey, ja: z.string(), en: z.string(), ministry: z.string() })
  .meta({ id: 'BusinessArea' });
