// Lint fixture, linted only by tests/unit/lint-boundaries.test.ts as if it lived at @virtual-path.
// MUST FAIL: renderer/ runs sandboxed without Node: no Node built-ins, bare or node:-prefixed.
// @virtual-path renderer/src/__lint_fixture__.ts
// @expect no-restricted-imports
// @expect-message [boundary: renderer-browser-only]
import { readFileSync } from 'fs';
import path from 'node:path';

export const read = (file: string): string => readFileSync(path.resolve(file), 'utf8');
