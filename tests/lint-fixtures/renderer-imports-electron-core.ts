// Lint fixture, linted only by tests/unit/lint-boundaries.test.ts as if it lived at @virtual-path.
// MUST FAIL: renderer/ imports only renderer/ and shared/, not electron/ code.
// @virtual-path renderer/src/__lint_fixture__.ts
// @expect import-x/no-restricted-paths
// @expect-message [boundary: renderer-browser-only]
import { systemClock } from '../../electron/core/clock';

export const now = systemClock.now();
