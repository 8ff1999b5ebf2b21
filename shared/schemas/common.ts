import { z } from 'zod';

/** A MongoDB ObjectId in its 24-hex-digit string form, lower case only, as the server writes ids: one id has one spelling, so rooms and keys built from it always match. */
export const ObjectIdString = z.string().regex(/^[0-9a-f]{24}$/, 'must be a 24-character lower-case hex id');

export const IdParams = z.strictObject({ id: ObjectIdString });

/** Normalised e-mail: NFKC, trimmed, lower case, so one address has one key. */
export const Email = z
  .string()
  .max(254)
  .transform((s) => s.normalize('NFKC').trim().toLowerCase())
  .pipe(z.email('must be an e-mail address'));

export const Password = z.string().min(1, 'required').max(200);
/** A password someone chooses: long enough to resist guessing, short enough to hash cheaply. */
export const NewPassword = z.string().min(12, 'must be at least 12 characters').max(200);

export const ErrorCode = z.enum([
  'bad_request',
  'unauthenticated',
  'forbidden',
  /** Signed in, but a role that needs a second factor has not enrolled one yet: only enrolment is open. */
  'mfa_enrolment_required',
  'not_found',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/**
 * Refusals the client explains in the reader's own words: the message stays English (for logs and
 * API users), the reason names the case so the screens can translate it.
 */
export const ErrorReason = z.enum([
  'accountHeldBySecretariat',
  'noEmailDomains',
  'emailDomainNotRegistered',
  'emailInOrganization',
  'emailUnavailable',
  'emailTaken',
  // A thread opened by someone its visibility leaves out (an observer, a support vendor).
  'threadForVendors',
  'threadForDevelopment',
]);
export type ErrorReason = z.infer<typeof ErrorReason>;

export const ErrorBody = z
  .object({
    error: z.object({
      code: ErrorCode,
      message: z.string(),
      field: z.string().optional(),
      reason: ErrorReason.optional(),
      /** A server failure's (5xx) request id, for a person to quote when they report it. */
      requestId: z.string().optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** What the reader may do with one entity, from the server's policy (shared/policies): one boolean per ability. */
export function abilitiesSchema<const K extends string>(keys: readonly K[], id: string) {
  return z.object(Object.fromEntries(keys.map((k) => [k, z.boolean()])) as Record<K, z.ZodBoolean>).meta({ id });
}
