/**
 * The audit log: every privileged or security-relevant act, append-only and hash-chained
 * (each entry carries the hash of the one before, so a changed or removed entry shows), keyed and
 * anchored outside the database (docs/RELIABILITY.md, "The audit log").
 */
import { z } from 'zod';
import { ObjectIdString } from './common';

export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.loginFailed',
  'auth.logout',
  'auth.passwordChanged',
  'auth.mfaEnabled',
  'auth.mfaDisabled',
  'auth.mfaReset',
  'auth.mfaFailed',
  'auth.recoveryCodeUsed',
  'auth.recoveryCodesRegenerated',
  'auth.passkeyAdded',
  'auth.passkeyRemoved',
  'account.created',
  'account.updated',
  'account.deactivated',
  'account.reactivated',
  'organization.created',
  'organization.updated',
  'moderation.hide',
  'moderation.restore',
  'moderation.pin',
  'moderation.unpin',
  'moderation.lock',
  'moderation.unlock',
  'moderation.edit',
  'issue.transitioned',
  'issue.answered',
  'issue.routed',
  'issue.bulk',
  'meeting.statusChanged',
  'meeting.floor',
  'minutes.revised',
  'minutes.published',
  'announcement.published',
  'announcement.corrected',
  'announcement.withdrawn',
  'announcement.reminded',
  'status.roundCreated',
  'status.roundChanged',
  'status.opened',
  'status.closed',
  'status.submitted',
  'status.returned',
  'status.reminded',
  'status.reportersChanged',
  'export.issues',
  'export.attendance',
  'export.audit',
  'export.announcementTracker',
  'export.statusRound',
] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

/** The first word of an action: what the secretariat filters by. */
export const AUDIT_CATEGORIES = [
  'auth',
  'account',
  'organization',
  'moderation',
  'issue',
  'meeting',
  'minutes',
  'announcement',
  'status',
  'export',
] as const;
export const AuditCategory = z.enum(AUDIT_CATEGORIES);

/**
 * How an entry's hash was made: `hmac-sha256` under the key kept outside the database; `sha256`
 * (plain, anyone can compute it) for entries written before the chain was keyed.
 */
export const AUDIT_HASH_ALGS = ['sha256', 'hmac-sha256'] as const;
export type AuditHashAlg = (typeof AUDIT_HASH_ALGS)[number];

export const AuditEntry = z
  .object({
    seq: z.number().int().positive(),
    at: z.iso.datetime(),
    actor: z.object({ id: z.string(), displayName: z.string(), organization: z.string(), role: z.string() }).nullable(),
    action: AuditAction,
    target: z.object({ kind: z.string(), id: z.string(), label: z.string().nullable() }).nullable(),
    detail: z.record(z.string(), z.unknown()),
    origin: z.object({ channel: z.enum(['http', 'socket', 'system']), ip: z.string().nullable(), userAgent: z.string().nullable() }),
    prevHash: z.string(),
    alg: z.enum(AUDIT_HASH_ALGS),
    hash: z.string(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

const DateOnly = z.iso.date();

export const AuditListQuery = z.strictObject({
  category: AuditCategory.optional(),
  actorId: ObjectIdString.optional(),
  /** Japan-time calendar days, inclusive. */
  from: DateOnly.optional(),
  to: DateOnly.optional(),
  /** Entries before this sequence number (the next page). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditListQuery = z.infer<typeof AuditListQuery>;

export const AuditExportQuery = AuditListQuery.omit({ before: true, limit: true });
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;

export const AuditPage = z.object({ entries: z.array(AuditEntry), nextBefore: z.number().int().nullable() }).meta({ id: 'AuditPage' });
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditVerification = z
  .object({
    ok: z.boolean(),
    entries: z.number().int(),
    /** The first entry whose hash or link does not match, when the chain is broken. */
    brokenAt: z.number().int().nullable(),
    problem: z.string().nullable(),
    /** The last intact entry checked. */
    head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
    /** The newest anchor kept outside the database that the chain was checked against (none yet: null). */
    anchor: z.object({ seq: z.number().int(), at: z.string() }).nullable(),
  })
  .meta({ id: 'AuditVerification' });
export type AuditVerification = z.infer<typeof AuditVerification>;
