/** E-mail: the one-click unsubscribe (RFC 8058) and, outside production, the local mail catcher. */
import { z } from 'zod';
import { NOTIFICATION_KINDS } from '../notifications/kinds';

/** What an unsubscribe token stops: one kind's e-mail, or (`digest`) the daily digest as a whole. */
export const UNSUBSCRIBE_KINDS = [...NOTIFICATION_KINDS, 'digest'] as const;
export const UnsubscribeKind = z.enum(UNSUBSCRIBE_KINDS);
export type UnsubscribeKind = z.infer<typeof UnsubscribeKind>;

/** The token from the mail's link: signed, so it is the only credential the route needs. */
export const UnsubscribeQuery = z.strictObject({
  token: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'must be the token from the e-mail'),
});
export type UnsubscribeQuery = z.infer<typeof UnsubscribeQuery>;

/**
 * A mail provider's one-click POST sends the form `List-Unsubscribe=One-Click`
 * (application/x-www-form-urlencoded); our own page sends `{}` as JSON.
 */
export const UnsubscribeBody = z.strictObject({ 'List-Unsubscribe': z.literal('One-Click').optional() });

export const UnsubscribeTarget = z
  .object({
    kind: UnsubscribeKind,
    /** The address it goes to, masked (`t***@example.jp`): enough to recognise, not to harvest. */
    email: z.string(),
  })
  .meta({ id: 'UnsubscribeTarget' });
export type UnsubscribeTarget = z.infer<typeof UnsubscribeTarget>;

export const CaughtMailSummary = z.object({
  id: z.string(),
  at: z.string(),
  messageId: z.string().nullable(),
  from: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
});
export type CaughtMailSummary = z.infer<typeof CaughtMailSummary>;

export const CaughtMailList = z.object({ mail: z.array(CaughtMailSummary) }).meta({ id: 'CaughtMailList' });
export type CaughtMailList = z.infer<typeof CaughtMailList>;

export const CaughtMail = CaughtMailSummary.extend({
  text: z.string(),
  html: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
}).meta({ id: 'CaughtMail' });
export type CaughtMail = z.infer<typeof CaughtMail>;

export const CaughtMailParams = z.strictObject({ id: z.string().regex(/^\d{1,9}$/, 'must be a caught mail number') });
