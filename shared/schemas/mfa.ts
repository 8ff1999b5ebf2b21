/** Second factors: sign-in's second step, TOTP enrolment, recovery codes, and the state the client shows. */
import { z } from 'zod';
import { SIGN_IN_FACTORS, TOTP_DIGITS } from '../signIn';

/** A code from an authenticator app; spaces (as apps show "123 456") and full-width digits are forgiven. */
export const TotpCode = z
  .string()
  .max(20)
  .transform((s) => s.normalize('NFKC').replace(/\s+/g, ''))
  .pipe(z.string().regex(new RegExp(`^\\d{${TOTP_DIGITS}}$`), `must be the ${TOTP_DIGITS}-digit code from your authenticator app`));

/**
 * A recovery code as issued (`abcd-efgh-jkmn-pqrs`), accepted in any case, with or without hyphens
 * or spaces; normalised to the issued form so one code has one spelling.
 */
export const RecoveryCode = z
  .string()
  .max(40)
  .transform((s) =>
    s
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\s-]+/g, ''),
  )
  .pipe(z.string().regex(/^[a-z2-7]{16}$/, 'must be one of your recovery codes (16 letters and digits)'))
  .transform((s) => s.match(/.{4}/g)!.join('-'));

/** The second step of signing in: a current code, or one of the recovery codes. */
export const SecondFactorBody = z
  .strictObject({ code: TotpCode.optional(), recoveryCode: RecoveryCode.optional() })
  .refine((b) => (b.code === undefined) !== (b.recoveryCode === undefined), {
    message: 'give either a code or a recovery code',
    path: ['code'],
  });
export type SecondFactorBody = z.infer<typeof SecondFactorBody>;

/** Confirming with the authenticator app (enabling, regenerating recovery codes). */
export const TotpCodeBody = z.strictObject({ code: TotpCode });
export type TotpCodeBody = z.infer<typeof TotpCodeBody>;

/** The answer to a right password when a second factor is still to come. */
export const SecondFactorPending = z
  .object({ mfa: z.literal('required'), methods: z.array(z.enum(['totp', 'recoveryCode', 'passkey'])), expiresInSeconds: z.number().int() })
  .meta({ id: 'SecondFactorPending' });
export type SecondFactorPending = z.infer<typeof SecondFactorPending>;

/** How a session was signed in and what the person's role asks of them (part of /api/me). */
export const SignInState = z.object({
  factors: z.array(z.enum(SIGN_IN_FACTORS)),
  /** The role needs a second factor. */
  secondFactorRequired: z.boolean(),
  /** Only enrolment is open until a second factor is set up: every other route answers 403 mfa_enrolment_required. */
  enrolmentRequired: z.boolean(),
});
export type SignInState = z.infer<typeof SignInState>;

export const TotpSetup = z
  .object({
    /** Base32, for typing into an app by hand. */
    secret: z.string(),
    otpauthUri: z.string(),
    /** The otpauth URI as a QR code (SVG markup, made on the server). */
    qrSvg: z.string(),
  })
  .meta({ id: 'TotpSetup' });
export type TotpSetup = z.infer<typeof TotpSetup>;

export const RecoveryCodes = z
  .object({ codes: z.array(z.string()) })
  .meta({ id: 'RecoveryCodes', description: 'Shown once: only their hashes are kept.' });
export type RecoveryCodes = z.infer<typeof RecoveryCodes>;

export const SecondFactorStatus = z
  .object({
    totp: z.object({ enabled: z.boolean(), enabledAt: z.string().nullable() }),
    recoveryCodesLeft: z.number().int(),
    required: z.boolean(),
    /** Whether the person may turn it off (not when their role requires it). */
    canDisable: z.boolean(),
  })
  .meta({ id: 'SecondFactorStatus' });
export type SecondFactorStatus = z.infer<typeof SecondFactorStatus>;
