/**
 * One-click unsubscribe (RFC 8058). Every mail carries a token for (person, kind): the kind's
 * delivery becomes `inbox`, or for a digest (`digest`) every kind delivered by digest does. The
 * token is an HMAC-SHA256 of both under a key derived from the session secret, so it needs no
 * storage and cannot be made for another person or kind; it is the only credential the route needs
 * (it works from a mail provider's server, with no session). Changing the session secret voids the
 * links in mail already sent, which is harmless: the settings page does the same.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DEFAULT_DELIVERY, NOTIFICATION_KINDS, type Delivery, type NotificationKind } from '@shared/notifications/kinds';
import { UnsubscribeKind } from '@shared/schemas/mail';
import { setDelivery, settingsFor, updateSettings } from '../notifications/settings';

/** The key tokens are signed with: derived, so the session secret itself never signs anything else. */
export function unsubscribeKey(sessionSecret: string): Buffer {
  return createHmac('sha256', sessionSecret).update('council mail: unsubscribe tokens v1').digest();
}

const payloadOf = (userId: string, kind: UnsubscribeKind) => `${userId}:${kind}`;
const macOf = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest();

export function signUnsubscribeToken(key: Buffer, userId: string, kind: UnsubscribeKind): string {
  const payload = payloadOf(userId, kind);
  return `${Buffer.from(payload).toString('base64url')}.${macOf(key, payload).toString('base64url')}`;
}

/** The person and kind a token names; null for a token not signed with `key` (forged, altered, or from another installation). */
export function readUnsubscribeToken(key: Buffer, token: string): { userId: string; kind: UnsubscribeKind } | null {
  const [encoded, mac, extra] = token.split('.');
  if (!encoded || !mac || extra !== undefined) return null;
  const payload = Buffer.from(encoded, 'base64url').toString();
  const given = Buffer.from(mac, 'base64url');
  const expected = macOf(key, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const match = /^([0-9a-f]{24}):(.+)$/.exec(payload);
  const kind = UnsubscribeKind.safeParse(match?.[2]);
  return match && kind.success ? { userId: match[1]!, kind: kind.data } : null;
}

/** `tanaka@example.jp` → `t***@example.jp`: the person recognises it, a passer-by learns little. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/**
 * Stop the e-mail a token names: that kind to `inbox` (a mention too: inbox is allowed for it), or
 * with `digest` every kind delivered by digest, in one write. Nothing else changes.
 */
export async function unsubscribe(userId: string, kind: UnsubscribeKind): Promise<void> {
  if (kind !== 'digest') {
    await setDelivery(userId, kind, 'inbox');
    return;
  }
  const { deliveries } = await settingsFor(userId);
  const digested = NOTIFICATION_KINDS.filter((k) => (deliveries[k] ?? DEFAULT_DELIVERY[k]) === 'digest');
  if (digested.length === 0) return;
  const inbox = Object.fromEntries(digested.map((k) => [k, 'inbox'])) as Partial<Record<NotificationKind, Delivery>>;
  await updateSettings(userId, { deliveries: inbox });
}
