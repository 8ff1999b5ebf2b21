/** Password hashing with argon2id (OWASP's first choice), and temporary passwords for new accounts. */
import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';

const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

// Verifying against a real hash when the account does not exist keeps the response time the same,
// so timing does not reveal which e-mail addresses have accounts.
const dummyHash = hashPassword(randomBytes(16).toString('hex'));
export async function burnVerification(password: string): Promise<void> {
  await verifyPassword(await dummyHash, password);
}

/** A 16-character temporary password, shown once to the admin who created the account. */
export function temporaryPassword(): string {
  return randomBytes(12).toString('base64url');
}
