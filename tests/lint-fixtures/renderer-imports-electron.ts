// Lint fixture, linted only by tests/unit/lint-boundaries.test.ts as if it lived at @virtual-path.
// MUST FAIL: renderer/ never imports `electron`; it talks to main through the preload bridge.
// @virtual-path renderer/src/__lint_fixture__.ts
// @expect no-restricted-imports
// @expect-message [boundary: renderer-browser-only]
import { ipcRenderer } from 'electron';

export const bridge = ipcRenderer;
