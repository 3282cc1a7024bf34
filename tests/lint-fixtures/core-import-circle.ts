// Lint fixture, linted only by tests/unit/lint-boundaries.test.ts as if it lived at @virtual-path.
// MUST FAIL: an import circle in electron/core. Linted as the real electron/core/clock.ts, this snippet
// imports tests/lint-fixtures/circle/imports-clock.ts, which imports electron/core/clock.ts back.
// @virtual-path electron/core/clock.ts
// @expect import-x/no-cycle
// @expect-message Dependency cycle
import { clockSeenFromTheCircle } from '../../tests/lint-fixtures/circle/imports-clock';

export const clockAgain = clockSeenFromTheCircle;
