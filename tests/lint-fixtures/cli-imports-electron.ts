// Lint fixture, linted only by tests/unit/lint-boundaries.test.ts as if it lived at @virtual-path.
// MUST FAIL: electron/cli is a plain Node CLI and never imports `electron`.
// @virtual-path electron/cli/__lint_fixture__.ts
// @expect no-restricted-imports
// @expect-message [boundary: cli-no-electron]
import { app } from 'electron';

export const version = (): string => app.getVersion();
