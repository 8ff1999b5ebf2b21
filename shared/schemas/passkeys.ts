/**
 * Passkeys (WebAuthn): what the browser sends back from `navigator.credentials.create/get` (as
 * @simplewebauthn/browser serialises it), and what the server answers about a person's passkeys.
 * The cryptography is checked by @simplewebauthn/server; these schemas only keep malformed input
 * out with a 400 that names the field.
 */
import { z } from 'zod';

/** base64url without padding: how WebAuthn's JSON carries bytes. */
const Base64Url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be base64url');

/** A credential id (also the `_id` of its document). Authenticators make them at most 1023 bytes. */
export const CredentialId = Base64Url(1400);

const TRANSPORTS = ['ble', 'hybrid', 'internal', 'nfc', 'usb'] as const;
/** How the authenticator can be reached, kept as a hint for later; names not known here (older `cable`) are dropped. */
const Transports = z
  .array(z.string().max(30))
  .max(10)
  .transform((list) => list.filter((t): t is (typeof TRANSPORTS)[number] => (TRANSPORTS as readonly string[]).includes(t)));

/** Fields browsers add that we do not read (clientExtensionResults, publicKey…) pass through unread. */
const Common = {
  id: CredentialId,
  rawId: CredentialId,
  type: z.literal('public-key'),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
};

export const RegistrationResponse = z.object({
  ...Common,
  response: z.object({
    clientDataJSON: Base64Url(10_000),
    attestationObject: Base64Url(100_000),
    transports: Transports.optional(),
  }),
});

export const AuthenticationResponse = z.object({
  ...Common,
  response: z.object({
    clientDataJSON: Base64Url(10_000),
    authenticatorData: Base64Url(10_000),
    signature: Base64Url(2_000),
    userHandle: Base64Url(200).optional(),
  }),
});

/** What people call a passkey so they can tell theirs apart ("MacBook", "iPhone", "鍵 1"). */
export const PasskeyName = z
  .string()
  .transform((s) => s.normalize('NFKC').trim())
  .pipe(z.string().min(1, 'required').max(60, 'must be at most 60 characters'));

export const PasskeyRegistrationBody = z.strictObject({ name: PasskeyName, response: RegistrationResponse });
export type PasskeyRegistrationBody = z.infer<typeof PasskeyRegistrationBody>;

export const PasskeySignInBody = z.strictObject({ response: AuthenticationResponse });
export type PasskeySignInBody = z.infer<typeof PasskeySignInBody>;

export const PasskeyParams = z.strictObject({ id: CredentialId });

export const Passkey = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    /** Synced between the person's devices by their platform (iCloud Keychain, Google Password Manager). */
    backedUp: z.boolean(),
  })
  .meta({ id: 'Passkey' });
export type Passkey = z.infer<typeof Passkey>;

export const PasskeyList = z
  .object({
    passkeys: z.array(Passkey),
    /** Whether the person may remove one: not the last second factor of a role that requires one. */
    canRemoveLast: z.boolean(),
  })
  .meta({ id: 'PasskeyList' });
export type PasskeyList = z.infer<typeof PasskeyList>;

/**
 * The options for `navigator.credentials.create/get`, made by @simplewebauthn/server and passed to
 * @simplewebauthn/browser as they are; typed there, so only their presence is checked here.
 */
export const WebAuthnOptions = z.record(z.string(), z.unknown()).meta({ id: 'WebAuthnOptions' });
