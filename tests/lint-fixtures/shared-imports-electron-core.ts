// Lint fixture, linted only by tests/unit/lint-boundaries.test.ts as if it lived at @virtual-path.
// MUST FAIL: shared/ may import nothing of the project outside shared/.
// @virtual-path shared/__lint_fixture__.ts
// @expect import-x/no-restricted-paths
// @expect-message [boundary: shared-pure]
import { systemClock } from '../electron/core/clock';

export const now = systemClock.now();
