// Lint fixture, linted only by tests/unit/lint-boundaries.test.ts as if it lived at @virtual-path.
// MUST PASS: electron/core may use Node built-ins, its own files and shared/.
// @virtual-path electron/core/__lint_fixture__.ts
// @expect none
import { randomBytes } from 'node:crypto';

import { EbrError } from '../../shared/errors';
import { systemClock } from './clock';
import { DATABASE_KEY_BYTES } from './keys/key-provider';

export function freshKey(): Buffer {
  if (systemClock.now() < 0) throw new EbrError('INTERNAL', 'clock before the epoch');
  return randomBytes(DATABASE_KEY_BYTES);
}
