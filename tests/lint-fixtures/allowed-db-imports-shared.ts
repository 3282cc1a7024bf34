// Lint fixture, linted only by tests/unit/lint-boundaries.test.ts as if it lived at @virtual-path.
// MUST PASS: db/ may use Node built-ins, its own files and shared/.
// @virtual-path db/__lint_fixture__.ts
// @expect none
import path from 'node:path';

import { EbrError } from '../shared/errors';
import * as schema from './schema';

export const tables = schema;
export function databaseFile(dataDir: string): string {
  if (dataDir === '') throw new EbrError('VALIDATION_FAILED', 'empty data folder');
  return path.join(dataDir, 'ebr.db');
}
