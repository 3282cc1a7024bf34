// Lint fixture, linted only by tests/unit/lint-boundaries.test.ts as if it lived at @virtual-path.
// MUST FAIL: db/ never imports `electron`; the CLI and tests open the database under plain Node.
// @virtual-path db/__lint_fixture__.ts
// @expect no-restricted-imports
// @expect-message [boundary: db-no-electron]
import { app } from 'electron';

export const dataDir = (): string => app.getPath('userData');
