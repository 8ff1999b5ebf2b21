/** TOTP (RFC 6238) with otplib: secrets, otpauth URIs as QR codes, and codes checked once each. */
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { isDuplicateKey } from '../../db/keys';
import { TotpFactorModel, TotpUsedStepModel } from './model';

/** What authenticator apps show above the code. */
export const TOTP_ISSUER = '事業者協議会';
/**
 * One 30-second step either side of now: RFC 6238 §5.2 allows one step of transmission delay, and
 * a phone's clock a few seconds off is common. otplib's own default is no tolerance at all.
 */
const TOLERANCE_SECONDS = 30;

export const newTotpSecret = (): string => generateSecret();

export function otpauthUri(secret: string, label: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label, secret });
}

/** The QR code of an otpauth URI, as SVG markup (the client shows it as an image). */
export function qrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** The time step `code` belongs to when it is right for `secret` now and later than `afterStep`; else null. */
export async function matchingStep(secret: string, code: string, afterStep = 0): Promise<number | null> {
  const result = await verify({ secret, token: code, epochTolerance: TOLERANCE_SECONDS, afterTimeStep: afterStep });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/**
 * Take a time step for the user's sign-in: false when a code of that step was accepted already
 * (a replay, even one racing the first use). The previous step's claim is let go: the stored last
 * step refuses it from now on.
 */
export async function claimStep(userId: string, step: number, previousStep: number): Promise<boolean> {
  try {
    await TotpUsedStepModel.collection.insertOne({ _id: `${userId}:${step}`, at: new Date() } as never);
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
  if (step > previousStep) {
    await TotpFactorModel.updateOne({ _id: userId }, { $set: { lastUsedStep: step } });
    if (previousStep > 0) await TotpUsedStepModel.deleteOne({ _id: `${userId}:${previousStep}` });
  }
  return true;
}

/** Check a code against the user's enabled TOTP and use it up; false when wrong, old or replayed. */
export async function useTotpCode(userId: string, code: string): Promise<boolean> {
  const factor = await TotpFactorModel.findById(userId).lean();
  if (!factor?.secret || !factor.enabledAt) return false;
  const step = await matchingStep(factor.secret, code, factor.lastUsedStep);
  return step !== null && (await claimStep(userId, step, factor.lastUsedStep));
}

export async function totpEnabled(userId: string): Promise<boolean> {
  const factor = await TotpFactorModel.findById(userId).lean();
  return Boolean(factor?.secret && factor.enabledAt);
}
