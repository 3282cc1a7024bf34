// Lint fixture, linted only by tests/unit/lint-boundaries.test.ts as if it lived at @virtual-path.
// MUST FAIL: electron/core/signatures sits below the domains and imports none of them, not even a type
// (the domains' readers are registered in electron/core/signed-record-readers.ts).
// @virtual-path electron/core/signatures/__lint_fixture__.ts
// @expect import-x/no-restricted-paths
// @expect-message [boundary: signatures-below-domains]
import type { RecipeVersions } from '../recipes/recipe-versions';

export type RecipeReader = RecipeVersions;
