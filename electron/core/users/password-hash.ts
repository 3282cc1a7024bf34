import argon2 from 'argon2';

/**
 * Argon2id; the PHC string keeps its own parameters, so they can be raised later without
 * invalidating stored hashes. (Tuning and the password policy belong to the identity service.)
 */
export const passwordHashParameters = {
  type: argon2.argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, passwordHashParameters);
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argon2.verify(hash, password);
}
