// Lint fixture, linted only by tests/unit/lint-boundaries.test.ts as if it lived at @virtual-path.
// MUST FAIL: db/ never imports electron/ code (it may import shared/).
// @virtual-path db/__lint_fixture__.ts
// @expect import-x/no-restricted-paths
// @expect-message [boundary: db-no-app-layers]
import { systemClock } from '../electron/core/clock';

export const now = systemClock.now();
