/**
 * The `ebr` command for tests that run it as a real child process: `node <ebrEntry> ARGS`. It is the
 * bundle tests/harness/cli-bundle.ts builds once per run (the same `main` as electron/cli/ebr.mjs,
 * without transpiling the sources on every start).
 */
export const CLI_BUNDLE_VARIABLE = 'EBR_TEST_CLI_BUNDLE';

/** Path of the bundled command; read when a test runs it, so importing this module never throws. */
export function ebrEntry(): string {
  const file = process.env[CLI_BUNDLE_VARIABLE];
  if (!file) {
    throw new Error(
      `${CLI_BUNDLE_VARIABLE} is not set: run the tests through vitest (vitest.config.ts bundles the ebr command in its globalSetup).`,
    );
  }
  return file;
}
