/**
 * One-time recovery codes: 80 random bits each, shown once, kept only as SHA-256 hashes (a code is
 * far too random to guess from its hash, so no slow hash is needed), each one a document that using
 * it deletes — an atomic delete by `_id`, so a code works once even if two requests race.
 */
import { createHash, randomBytes } from 'node:crypto';
import { RECOVERY_CODE_COUNT } from '@shared/signIn';
import { RecoveryCodeModel } from './model';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** `abcd-efgh-jkmn-pqrs`: 16 base32 characters (80 bits), in the form shared/schemas/mfa.ts normalises to. */
function newCode(): string {
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => ALPHABET[b % 32]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

const idOf = (userId: string, code: string) => `${userId}:${createHash('sha256').update(code).digest('hex')}`;

/** Replace the user's recovery codes with new ones; the codes are returned once, never stored. */
export async function issueRecoveryCodes(userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  await RecoveryCodeModel.deleteMany({ userId });
  const createdAt = new Date();
  await RecoveryCodeModel.collection.insertMany(codes.map((code) => ({ _id: idOf(userId, code), userId, createdAt })) as never[]);
  return codes;
}

/** Use up one recovery code (normalised by the shared schema); false when it is not one of the user's. */
export async function useRecoveryCode(userId: string, code: string): Promise<boolean> {
  const { deletedCount } = await RecoveryCodeModel.deleteOne({ _id: idOf(userId, code) });
  return deletedCount === 1;
}

export const recoveryCodesLeft = (userId: string) => RecoveryCodeModel.countDocuments({ userId });

export async function deleteRecoveryCodes(userId: string): Promise<void> {
  await RecoveryCodeModel.deleteMany({ userId });
}
