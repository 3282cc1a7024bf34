// Lint fixture, linted only by tests/unit/lint-boundaries.test.ts as if it lived at @virtual-path.
// MUST FAIL: db/ never imports renderer/ code.
// @virtual-path db/__lint_fixture__.ts
// @expect import-x/no-restricted-paths
// @expect-message [boundary: db-no-app-layers]
import * as time from '../renderer/src/format/time';

export const formatting = time;
