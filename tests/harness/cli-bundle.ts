/**
 * The `ebr` command bundled once per test run (esbuild, as electron/build.mjs bundles the main
 * process), for the tests that run it as a real child process. Through tsx (electron/cli/ebr.mjs)
 * every start transpiles and loads the whole source tree: about 3 s of CPU per command here; the
 * bundle starts in about 0.5 s. `tests/integration/cli.test.ts` still runs ebr.mjs itself, so the
 * entry users run stays tested.
 *
 * Each source module keeps its own `import.meta.url` (the plugin below writes it in as a constant),
 * so the bundle finds migrations, fonts and sample recipes in the source tree exactly as tsx does.
 * The bundle lives under node_modules/.cache so that its native modules (SQLCipher, Argon2,
 * serialport) resolve from the project's node_modules without NODE_PATH.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { CLI_BUNDLE_VARIABLE } from '../helpers/ebr-command';

const ROOT = join(import.meta.dirname, '..', '..');

const sourceImportMetaUrl: Plugin = {
  name: 'source-import-meta-url',
  setup(builder) {
    builder.onLoad({ filter: /\.tsx?$/ }, (args) => {
      if (args.path.includes('node_modules')) return undefined;
      const source = readFileSync(args.path, 'utf8');
      return {
        contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
        loader: args.path.endsWith('x') ? 'tsx' : 'ts',
      };
    });
  },
};

export async function bundleCli(): Promise<{ file: string; dir: string }> {
  const cache = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'ebr-test-cli-'));
  const file = join(dir, 'ebr.cjs');
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['tests/crash/cli-entry.ts'],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    logLevel: 'warning',
    plugins: [sourceImportMetaUrl],
    // The same externals as electron/build.mjs: native modules, and jspdf's unused HTML helpers.
    external: [
      'better-sqlite3-multiple-ciphers',
      'argon2',
      '@serialport/bindings-cpp',
      'canvg',
      'html2canvas',
      'dompurify',
    ],
    alias: { 'better-sqlite3': 'better-sqlite3-multiple-ciphers' },
    // Any other `import.meta.url` (in a dependency) is the bundle's own.
    banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__import_meta_url' },
  });
  return { file, dir };
}

/** Vitest global set-up: bundles the command and tells every test process where it is. */
export default async function setup(): Promise<() => void> {
  const { file, dir } = await bundleCli();
  process.env[CLI_BUNDLE_VARIABLE] = file;
  return () => rmSync(dir, { recursive: true, force: true });
}
