// Lint fixture, linted only by tests/unit/lint-boundaries.test.ts as if it lived at @virtual-path.
// MUST FAIL: shared/ never imports `electron`.
// @virtual-path shared/__lint_fixture__.ts
// @expect no-restricted-imports
// @expect-message [boundary: shared-pure]
import { ipcRenderer } from 'electron';

export const bridge = ipcRenderer;
