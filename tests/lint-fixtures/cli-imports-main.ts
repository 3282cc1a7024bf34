// Lint fixture, linted only by tests/unit/lint-boundaries.test.ts as if it lived at @virtual-path.
// MUST FAIL: electron/cli never imports the Electron-only side (main.ts, preload.ts, shell/, key-providers/).
// Skipped by the test until electron/main.ts exists.
// @virtual-path electron/cli/__lint_fixture__.ts
// @skip-unless-exists electron/main.ts
// @expect import-x/no-restricted-paths
// @expect-message [boundary: cli-plain-node]
import '../main';
