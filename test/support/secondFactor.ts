/**
 * Completing the second factor in tests, as a person with the authenticator app would. Each account
 * accepts a code once (replay protection), so a test server signing one account in several times
 * within 30 seconds cannot type the same code twice: each sign-in takes the next unused time step
 * the server still accepts (now, or the next one: otplib's window is one step either side), and when
 * none is left it uses a recovery code instead of waiting. Those come from a pool per account,
 * issued through the app's own recovery-code store (as enrolment issues them), ten at a time.
 */
import mongoose from 'mongoose';
import { generate } from 'otplib';
import type { SecondFactorBody } from '../../shared/schemas/mfa';
import { issueRecoveryCodes } from '../../server/auth/mfa/recoveryCodes';
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRET } from '../../server/seed/seed';
import { UserModel } from '../../server/users/model';

const PERIOD_SECONDS = 30;
const stepNow = () => Math.floor(Date.now() / 1000 / PERIOD_SECONDS);

/** The TOTP code of `secret` for a time step (the current one unless given). */
export function totpCode(secret: string, step = stepNow()): Promise<string> {
  return generate({ secret, epoch: step * PERIOD_SECONDS });
}

export interface SecondFactorAnswers {
  /** What to send as the second step for `email`: a fresh code, or a recovery code when no step is free. */
  next(email: string): Promise<SecondFactorBody & { step?: number }>;
  /** A fresh TOTP code for `email` (its step is not used again by these answers). */
  nextCode(email: string): Promise<string | null>;
  /** The authenticator secret of an account enrolled during a test. */
  remember(email: string, secret: string): void;
  /** Steps used by a test itself (a code typed by hand), so they are not offered again. */
  used(email: string, step: number): void;
  /** Forget an account's state (its second factor was reset or turned off). */
  forget(email: string): void;
}

/**
 * What every server of one test process has used: two test servers in one file share the database
 * connection (and so the accounts), so a step one of them used is not offered by the other.
 */
const lastStep = new Map<string, number>();

/** Answers for one test server's accounts. */
export function secondFactorAnswers(options: { canIssueRecoveryCodes: boolean } = { canIssueRecoveryCodes: true }): SecondFactorAnswers {
  const secrets = new Map<string, string>(DEMO_ACCOUNTS.map((a) => [a.email, DEMO_TOTP_SECRET]));
  const pools = new Map<string, string[]>();

  function freeStep(email: string): number | null {
    const step = Math.max((lastStep.get(email) ?? 0) + 1, stepNow());
    if (step > stepNow() + 1) return null;
    lastStep.set(email, step);
    return step;
  }

  async function nextCode(email: string): Promise<string | null> {
    const secret = secrets.get(email);
    if (!secret) throw new Error(`no authenticator secret known for ${email}: remember() it after enrolling`);
    const step = freeStep(email);
    return step === null ? null : totpCode(secret, step);
  }

  async function recoveryCode(email: string): Promise<string> {
    // Issued into the database this process is connected to now.
    const key = `${mongoose.connection.name}:${email}`;
    let pool = pools.get(key);
    if (!pool?.length) {
      if (!options.canIssueRecoveryCodes) throw new Error(`no unused time step left for ${email} and no recovery codes`);
      const user = await UserModel.findOne({ email });
      if (!user) throw new Error(`no account ${email}`);
      pool = await issueRecoveryCodes(String(user._id));
      pools.set(key, pool);
    }
    return pool.shift()!;
  }

  // Enrolment and resets replace an account's recovery codes: the pool's are gone with them.
  const dropPools = (email: string) => [...pools.keys()].filter((k) => k.endsWith(`:${email}`)).forEach((k) => pools.delete(k));

  return {
    async next(email) {
      const code = await nextCode(email);
      return code ? { code } : { recoveryCode: await recoveryCode(email) };
    },
    nextCode,
    remember(email, secret) {
      secrets.set(email, secret);
      dropPools(email);
    },
    used(email, step) {
      lastStep.set(email, Math.max(lastStep.get(email) ?? 0, step));
    },
    forget(email) {
      secrets.delete(email);
      dropPools(email);
    },
  };
}
