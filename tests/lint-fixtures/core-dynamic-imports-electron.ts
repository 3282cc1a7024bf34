// Lint fixture, linted only by tests/unit/lint-boundaries.test.ts as if it lived at @virtual-path.
// MUST FAIL: a dynamic import('electron') in electron/core is caught too.
// @virtual-path electron/core/__lint_fixture__.ts
// @expect no-restricted-syntax
// @expect-message [boundary: core-no-electron]
export async function canEncrypt(): Promise<boolean> {
  const { safeStorage } = await import('electron');
  return safeStorage.isEncryptionAvailable();
}
