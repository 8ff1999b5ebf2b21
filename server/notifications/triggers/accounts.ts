/**
 * Accounts: my role changed; a sign-in from a browser this account has not used before (kind of
 * browser and system, and the address), as a bank or GitHub tells one. Browsers are remembered per
 * person as `<userId>:<hash of browser and system>` (collection `known_browsers`, a unique insert:
 * the first sign-in from one is the insert that succeeds). The very first sign-in of an account
 * tells nothing: every browser is new then.
 */
import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import type { Person } from '@shared/schemas/threads';
import { ignoringDuplicate } from '../../db/keys';
import type { Notifier } from '../types';

const KnownBrowserModel = mongoose.model(
  'KnownBrowser',
  new mongoose.Schema({ _id: { type: String, required: true }, at: { type: Date, required: true } }, { versionKey: false }),
  'known_browsers',
);

/** `Chrome on Windows`: coarse on purpose, so a browser update is not a new browser. */
export function describeBrowser(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : ua
            ? (ua.split(/[/ ]/)[0] ?? 'unknown')
            : 'unknown';
  const system = /Windows/.test(ua)
    ? 'Windows'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Mac OS X/.test(ua)
        ? 'macOS'
        : /Android/.test(ua)
          ? 'Android'
          : /Linux/.test(ua)
            ? 'Linux'
            : 'unknown';
  return `${browser} on ${system}`;
}

export function accountNotifications(notifier: Notifier) {
  const target = (userId: string, title: string) => ({ type: 'account' as const, id: userId, title, number: null, seq: null });
  return {
    roleChanged(user: { id: string; displayName: string }, role: string, by: Person): void {
      notifier.notify({
        kind: 'account.role',
        recipients: [user.id],
        actor: by,
        target: target(user.id, user.displayName),
        detail: { role },
      });
    },
    /** After a completed sign-in: tell the person if this browser is new to the account. */
    signedIn(user: SignedIn, userAgent: string | undefined, address: string | undefined): void {
      notifier.run('a sign-in', () => signedIn(user, userAgent, address));
    },
  };

  async function signedIn(user: SignedIn, userAgent: string | undefined, address: string | undefined): Promise<void> {
    const browser = describeBrowser(userAgent);
    const key = `${user.id}:${createHash('sha256').update(browser).digest('hex').slice(0, 16)}`;
    const isNew = await ignoringDuplicate(KnownBrowserModel.create({ _id: key, at: new Date() }));
    if (!isNew || user.firstSignIn) return;
    notifier.notify({
      kind: 'account.newSignIn',
      recipients: [user.id],
      actor: null,
      target: target(user.id, user.displayName),
      detail: { browser: address ? `${browser} (${address})` : browser, when: new Date().toISOString() },
    });
  }
}

interface SignedIn {
  id: string;
  displayName: string;
  firstSignIn: boolean;
}
export type AccountNotifications = ReturnType<typeof accountNotifications>;
