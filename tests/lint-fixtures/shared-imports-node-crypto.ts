// Lint fixture, linted only by tests/unit/lint-boundaries.test.ts as if it lived at @virtual-path.
// MUST FAIL: shared/ never imports Node built-ins (it is bundled into the renderer too).
// @virtual-path shared/__lint_fixture__.ts
// @expect no-restricted-imports
// @expect-message [boundary: shared-pure]
import { createHash } from 'node:crypto';

export const digest = (text: string): string => createHash('sha256').update(text).digest('hex');
