/**
 * Who the passkeys are for. The browser binds every passkey to a relying party id (a domain) and
 * writes the page's origin into what it signs; the server checks both against what it expects, so
 * a passkey made here is useless on a look-alike site (phishing resistance). What it expects comes
 * from the configuration, never from the request, where it can: PUBLIC_ORIGIN (the addresses
 * people open) and WEBAUTHN_RP_ID (defaulting to the first origin's host).
 *
 * Without PUBLIC_ORIGIN, outside production only (a developer's machine, the tests), the request's
 * own origin is taken: the browser still binds the passkey to the page it is on, so a wrong Host
 * header gives a passkey for that host and nothing else. In production without PUBLIC_ORIGIN
 * passkeys are unavailable rather than guessed.
 *
 * Browsers refuse an IP address as relying party id: open the app at http://localhost:<port>, not
 * http://127.0.0.1:<port>, to use passkeys locally (http is allowed for localhost only).
 */
import type { Request } from 'express';
import type { Config } from '../../config';
import { HttpError } from '../../http/errors';

export interface RelyingParty {
  rpID: string;
  origins: string[];
  /** Shown by the browser and the authenticator when a passkey is made. */
  rpName: string;
}

export const RP_NAME = '事業者協議会';

export function relyingParty(config: Config, req: Request): RelyingParty {
  if (config.PUBLIC_ORIGIN.length > 0) {
    const origins = config.PUBLIC_ORIGIN.map((o) => new URL(o).origin);
    return { rpID: config.WEBAUTHN_RP_ID ?? new URL(origins[0]!).hostname, origins, rpName: RP_NAME };
  }
  const host = req.get('host');
  if (config.NODE_ENV === 'production' || !host) {
    throw new HttpError(503, 'unavailable', 'passkeys are not available: the server has no PUBLIC_ORIGIN configured');
  }
  const origin = new URL(`${req.protocol}://${host}`);
  return { rpID: config.WEBAUTHN_RP_ID ?? origin.hostname, origins: [origin.origin], rpName: RP_NAME };
}
