/**
 * Vitest set-up file (runs in every test file's process before its tests): password hashes made
 * inside the tests use the real Argon2id at a low cost, 4 MiB and one pass instead of the
 * production 64 MiB and two passes (electron/core/users/password-hash.ts). At production cost each
 * sign-in, password change and signature costs 100–400 ms of one core here, a large part of the
 * suite's time, and on a busy machine it pushed tests with many sign-ins past their timeout.
 *
 * Nothing here reaches users: the `ebr` processes the tests start (tests/harness/cli-bundle.ts)
 * hash at production cost, and tests/integration/cli.test.ts proves it on the hash `ebr init`
 * stores. Argon2 keeps each hash's parameters in its PHC string, so hashes of either cost verify.
 */
import { passwordHashParameters } from '../../electron/core/users/password-hash';

/** The production parameters, as the application module defines them, for the tests that need them. */
export const PRODUCTION_PASSWORD_HASH_PARAMETERS = Object.freeze({ ...passwordHashParameters });

export const TEST_PASSWORD_HASH_COST = Object.freeze({ memoryCost: 4096, timeCost: 1 });

Object.assign(passwordHashParameters, TEST_PASSWORD_HASH_COST);
