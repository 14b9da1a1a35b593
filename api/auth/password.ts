/**
 * Password hashing and checks (SECURITY.md): argon2id with m=19456 KiB, t=2,
 * p=1; 8–256 characters; no common passwords; no timing hint that an account exists.
 */
import { hash, verify } from '@node-rs/argon2';
import { COMMON_PASSWORDS } from './common-passwords.js';

// The package's default algorithm is argon2id; its `Algorithm` const enum cannot be
// imported under isolatedModules, so the default is relied on (checked by a test).
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password);
}

let dummyHash: Promise<string> | undefined;

/**
 * Spend the same argon2 work as a real check when the user does not exist, so
 * the answer's timing does not reveal which usernames are taken. Always false.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('dummy password that is never anyone’s');
  await verify(await dummyHash, password);
  return false;
}

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < PASSWORD_MIN) return `password must be at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `password must be at most ${PASSWORD_MAX} characters`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'this password is too common; choose another';
  if (lower === username.toLowerCase()) return 'password must not be the username';
  return null;
}
