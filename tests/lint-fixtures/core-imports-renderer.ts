// Lint fixture, linted only by tests/unit/lint-boundaries.test.ts as if it lived at @virtual-path.
// MUST FAIL: electron/core never imports renderer/ code.
// @virtual-path electron/core/__lint_fixture__.ts
// @expect import-x/no-restricted-paths
// @expect-message [boundary: core-plain-node]
import * as time from '../../renderer/src/format/time';

export const formatting = time;
