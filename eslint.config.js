// ESLint flat config. Syntax-only typescript-eslint (no type-aware rules, so it stays fast) plus the
// import boundaries that keep the process model honest:
//
//   shared/        pure contract, loaded by main AND renderer: no project code outside shared/,
//                  no `electron`, no Node built-ins.
//   renderer/      sandboxed browser code: only renderer/ + shared/ + npm packages; no `electron`,
//                  no Node built-ins.
//   db/            schema, migrations, open: may use shared/, never renderer/ or electron/; no `electron`.
//   electron/core  plain Node (the CLI and the tests run it without Electron): no `electron`, and nothing
//                  from the Electron-only side (main.ts, preload.ts, shell/, key-providers/) or renderer/.
//   electron/cli   plain Node CLI: same rules as electron/core.
//   electron/core/signatures  below the domains: imports no domain (readers are registered in
//                  electron/core/signed-record-readers.ts, beside services.ts).
//   no circles     import-x/no-cycle in electron/core and shared/ (value imports; `import type` is erased).
//
// Every boundary message starts with "[boundary: <name>]" and says why. tests/lint-fixtures/ holds one
// violating snippet per boundary; tests/unit/lint-boundaries.test.ts lints each one as if it lived at its
// virtual path. Keep the two in step when you change a boundary here.
import { builtinModules } from 'node:module';
import path from 'node:path';

import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import i18next from 'eslint-plugin-i18next';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;
/** Absolute glob inside the repo (no-restricted-paths matches glob `from`/`except` against absolute paths). */
const abs = (glob) => path.join(root, glob).split(path.sep).join('/');

// ---------------------------------------------------------------------------------------------------------
// Messages: "[boundary: <name>] what is forbidden, why, and what to do instead."
// ---------------------------------------------------------------------------------------------------------
const why = {
  sharedPure:
    '[boundary: shared-pure] shared/ is the pure contract loaded by both the Electron main process and the ' +
    'browser renderer, so it may import only shared/ and runtime-neutral npm packages (zod, canonicalize).',
  rendererBrowserOnly:
    '[boundary: renderer-browser-only] renderer/ is sandboxed browser code (contextIsolation, no ' +
    'nodeIntegration): it may import only renderer/, shared/ and npm packages, and reaches the main process ' +
    'only through the preload bridge typed by shared/contract.',
  dbNoAppLayers:
    '[boundary: db-no-app-layers] db/ is opened by the main process, the CLI and the tests alike, so it may ' +
    'use shared/ but never renderer/ or electron/ code.',
  corePlainNode:
    '[boundary: core-plain-node] electron/core is plain Node: the CLI and tests run it without Electron, so ' +
    'it must not import renderer/, electron/main.ts, electron/preload.ts, electron/shell or ' +
    'electron/key-providers. Define an interface in core and inject the Electron implementation from main.',
  signaturesBelowDomains:
    '[boundary: signatures-below-domains] electron/core/signatures sits below the domains: the domains ' +
    'sign through it, so it must not import a domain (not even a type), or the two form a circle. Register ' +
    "the domain's signed-record reader in electron/core/signed-record-readers.ts instead.",
  cliPlainNode:
    '[boundary: cli-plain-node] electron/cli is a plain Node CLI run without Electron, so it must not ' +
    'import renderer/, electron/main.ts, electron/preload.ts, electron/shell or electron/key-providers ' +
    '(they load `electron`). Use electron/core and db/ instead.',
};

const noElectronWhy = {
  shared:
    '[boundary: shared-pure] shared/ never imports `electron`: it is loaded by the renderer too, where ' +
    '`electron` does not exist.',
  renderer:
    '[boundary: renderer-browser-only] renderer/ never imports `electron`: it runs sandboxed without Node ' +
    'or Electron APIs. Use the preload bridge (window API typed by shared/contract).',
  db:
    '[boundary: db-no-electron] db/ never imports `electron`: the CLI and the tests open the database ' +
    'under plain Node.',
  core:
    '[boundary: core-no-electron] electron/core is plain Node: the CLI and tests run it without Electron. ' +
    'Put Electron-specific code in electron/shell or electron/key-providers and inject it.',
  cli:
    '[boundary: cli-no-electron] electron/cli is a plain Node CLI run without Electron; importing ' +
    '`electron` there fails at runtime.',
};

const noNodeWhy = {
  shared:
    '[boundary: shared-pure] shared/ must not depend on Node built-ins: it is bundled into the browser ' +
    'renderer as well as the main process.',
  renderer:
    '[boundary: renderer-browser-only] renderer/ must not import Node built-ins: it runs in a sandboxed ' +
    'browser context without Node. Ask the main process over IPC instead.',
};

// ---------------------------------------------------------------------------------------------------------
// no-restricted-imports option builders. Rule options are REPLACED (not merged) by later config objects,
// so each area below gets one complete option set, and the area globs do not overlap.
// ---------------------------------------------------------------------------------------------------------
/** `electron` and its subpath entry points (electron/main, electron/renderer, electron/common). */
const electronPattern = (message) => ({ regex: '^electron(/.*)?$', message });

const nodeBuiltinRestrictions = (message) => ({
  paths: builtinModules.filter((name) => !name.startsWith('_')).map((name) => ({ name, message })),
  patterns: [{ regex: '^node:', message }],
});

const restrictImports = ({ electron, node }) => {
  const nodeRules = node ? nodeBuiltinRestrictions(node) : { paths: [], patterns: [] };
  return ['error', { paths: nodeRules.paths, patterns: [electronPattern(electron), ...nodeRules.patterns] }];
};

/** `require('electron')` and `import('electron')` slip past no-restricted-imports. */
const restrictDynamicElectron = (message) => [
  'error',
  { selector: 'ImportExpression[source.value=/^electron(\\/.*)?$/]', message },
  {
    selector: 'CallExpression[callee.name="require"][arguments.0.value=/^electron(\\/.*)?$/]',
    message,
  },
];

const electronSideOnly = [
  'renderer',
  'electron/main.ts',
  'electron/preload.ts',
  'electron/shell',
  'electron/key-providers',
];

// ---------------------------------------------------------------------------------------------------------
// i18n: in the renderer folders converted to the message catalogues (shared/i18n/locales), text a person
// reads — JSX text and the attributes below — must come from t(). Every renderer folder is in exactly one
// of the two lists; tests/unit/lint-i18n.test.ts checks that and that the rule fires. The second list is
// the honest debt: folders still written in English only.
// ---------------------------------------------------------------------------------------------------------
export const i18nConvertedFolders = [
  'renderer/src/auth',
  'renderer/src/i18n',
  'renderer/src/shell',
  'renderer/src/signatures',
];
export const i18nNotYetConvertedFolders = [
  'renderer/src/alerts',
  'renderer/src/app',
  'renderer/src/audit',
  'renderer/src/audit-reviews',
  'renderer/src/backup',
  'renderer/src/batches',
  'renderer/src/equipment',
  'renderer/src/format',
  'renderer/src/forms',
  'renderer/src/home',
  'renderer/src/instruments',
  'renderer/src/instruments-live',
  'renderer/src/ipc',
  'renderer/src/materials',
  'renderer/src/qualification',
  'renderer/src/recipes',
  'renderer/src/records',
  'renderer/src/review',
  'renderer/src/session',
  'renderer/src/settings',
  'renderer/src/setup',
  'renderer/src/store-state',
  'renderer/src/styles',
  'renderer/src/system',
  'renderer/src/terminals',
  'renderer/src/ui',
  'renderer/src/users',
];
/** Files inside converted folders that stay English for now (named, with the reason, in the report). */
export const i18nNotYetConvertedFiles = [
  // Another change restructures this form (react-hook-form); its texts follow once that has landed.
  'renderer/src/auth/password-change-screen.tsx',
  'renderer/src/auth/password-policy-hints.tsx',
];

/** Attributes whose text people read (labels, titles, hints); data-testid, className etc. are not checked. */
const userVisibleAttributes = [
  'label',
  'title',
  'aria-label',
  'placeholder',
  'alt',
  'kicker',
  'hint',
  'description',
  'heading',
  'confirmLabel',
  'submitLabel',
  'emptyText',
];

const i18nRule = {
  name: 'ebr/i18n-no-literal-string',
  files: i18nConvertedFolders.map((folder) => `${folder}/**/*.tsx`),
  ignores: i18nNotYetConvertedFiles,
  plugins: { i18next },
  rules: {
    'i18next/no-literal-string': [
      'error',
      {
        mode: 'jsx-only',
        'jsx-attributes': { include: userVisibleAttributes },
        // Punctuation, symbols and upper-case codes are the same in every language.
        words: { exclude: ['[0-9!-/:-@[-`{-~]+', '[A-Z_-]+', '[\\s✓✗○◆·–—→←…×±≥≤•!?“”„‘’«»]+'] },
        message: '[i18n] text a person reads comes from the catalogues (shared/i18n/locales) via t()',
      },
    ],
  },
};

/** The domains that sign through electron/core/signatures (and the places that compose them). */
const domainsAboveSignatures = [
  'electron/core/audit/audit-reviews.ts',
  'electron/core/backup',
  'electron/core/batches',
  'electron/core/demo',
  'electron/core/equipment',
  'electron/core/export',
  'electron/core/instruments',
  'electron/core/ipc',
  'electron/core/labels',
  'electron/core/materials',
  'electron/core/pdf',
  'electron/core/plant',
  'electron/core/qualification',
  'electron/core/recipes',
  'electron/core/records',
  'electron/core/review',
  'electron/core/services.ts',
  'electron/core/setup',
  'electron/core/signed-record-readers.ts',
];

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    'dist/',
    'out/',
    'release/',
    'coverage/',
    '.tools/',
    'test-results/',
    'playwright-report/',
    'screenshots/',
    'bench-results/',
    'db/migrations/meta/',
    // Deliberately violating snippets: linted only by tests/unit/lint-boundaries.test.ts, at virtual paths.
    'tests/lint-fixtures/',
  ]),

  js.configs.recommended,
  tseslint.configs.recommended,

  // ---- everyone ---------------------------------------------------------------------------------------
  {
    name: 'ebr/base',
    plugins: { 'import-x': importX },
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'],
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: path.join(root, 'tsconfig.json'), alwaysTryTypes: true }),
        createNodeResolver({
          extensions: ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json'],
        }),
      ],
    },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      // no-restricted-paths silently skips imports it cannot resolve, so an unresolved import would also
      // slip past every boundary below. Make that loud.
      'import-x/no-unresolved': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: root,
          zones: [
            {
              target: 'shared',
              from: abs('**'),
              except: [abs('shared/**'), abs('node_modules/**')],
              message: why.sharedPure,
            },
            {
              target: 'renderer',
              from: abs('**'),
              except: [abs('renderer/**'), abs('shared/**'), abs('node_modules/**')],
              message: why.rendererBrowserOnly,
            },
            { target: 'db', from: ['renderer', 'electron'], message: why.dbNoAppLayers },
            { target: 'electron/core', from: electronSideOnly, message: why.corePlainNode },
            { target: 'electron/cli', from: electronSideOnly, message: why.cliPlainNode },
            {
              target: 'electron/core/signatures',
              from: domainsAboveSignatures,
              message: why.signaturesBelowDomains,
            },
          ],
        },
      ],
    },
  },

  {
    name: 'ebr/commonjs',
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },

  // ---- per-area import bans (globs must stay disjoint: see restrictImports) ---------------------------
  {
    name: 'ebr/shared',
    files: ['shared/**'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': restrictImports({ electron: noElectronWhy.shared, node: noNodeWhy.shared }),
      'no-restricted-syntax': restrictDynamicElectron(noElectronWhy.shared),
    },
  },
  {
    name: 'ebr/renderer',
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrictImports({
        electron: noElectronWhy.renderer,
        node: noNodeWhy.renderer,
      }),
      'no-restricted-syntax': restrictDynamicElectron(noElectronWhy.renderer),
    },
  },
  {
    name: 'ebr/db',
    files: ['db/**'],
    rules: {
      'no-restricted-imports': restrictImports({ electron: noElectronWhy.db }),
      'no-restricted-syntax': restrictDynamicElectron(noElectronWhy.db),
    },
  },
  {
    name: 'ebr/electron-core',
    files: ['electron/core/**'],
    rules: {
      'no-restricted-imports': restrictImports({ electron: noElectronWhy.core }),
      'no-restricted-syntax': restrictDynamicElectron(noElectronWhy.core),
    },
  },
  // ---- no import circles ------------------------------------------------------------------------------
  // A circle means two modules cannot be understood (or initialised) one before the other; in core it
  // also hides which layer is below which (signatures below the domains: each domain registers its
  // signed-record reader where services are composed, see electron/core/signed-record-readers.ts).
  // tests/lint-fixtures/core-import-circle.ts proves the rule fires.
  {
    name: 'ebr/no-import-circles',
    files: ['electron/core/**', 'shared/**'],
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    name: 'ebr/electron-cli',
    files: ['electron/cli/**'],
    rules: {
      'no-restricted-imports': restrictImports({ electron: noElectronWhy.cli }),
      'no-restricted-syntax': restrictDynamicElectron(noElectronWhy.cli),
      'no-console': 'off',
    },
  },

  // ---- scripts and tests ------------------------------------------------------------------------------
  {
    name: 'ebr/scripts-and-tests',
    files: ['tests/**', 'electron/build.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: { 'no-console': 'off' },
  },

  i18nRule,
]);
