import { describe, expect, test } from 'vitest';
import { COMMON_PASSWORDS } from './common-passwords.js';
import { hashPassword, passwordProblem, verifyAgainstDummy, verifyPassword } from './password.js';

describe('passwords', () => {
  test('are hashed with argon2id at m=19456, t=2, p=1 and verify', async () => {
    const hash = await hashPassword('a long passphrase');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'a long passphrase')).toBe(true);
    expect(await verifyPassword(hash, 'a long passphrasE')).toBe(false);
    expect(await verifyAgainstDummy('a long passphrase')).toBe(false);
  });

  test('common ones, the username itself and wrong lengths are refused', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(200);
    expect(passwordProblem('password1', 'alice')).toMatch(/too common/);
    expect(passwordProblem('QWERTY123', 'alice')).toMatch(/too common/);
    expect(passwordProblem('alice.smith', 'Alice.Smith')).toMatch(/username/);
    expect(passwordProblem('short', 'alice')).toMatch(/at least 8/);
    expect(passwordProblem('x'.repeat(257), 'alice')).toMatch(/at most 256/);
    expect(passwordProblem('purple elephant dances', 'alice')).toBeNull();
  });
});
