// Lint fixture, linted only by tests/unit/lint-boundaries.test.ts as if it lived at @virtual-path.
// MUST FAIL: electron/core is plain Node and never imports `electron`.
// @virtual-path electron/core/__lint_fixture__.ts
// @expect no-restricted-imports
// @expect-message [boundary: core-no-electron]
import { safeStorage } from 'electron';

export const canEncrypt = (): boolean => safeStorage.isEncryptionAvailable();
