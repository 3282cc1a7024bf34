// Bundles the Electron main process and the preload into dist/electron (CommonJS, source maps).
import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist', 'electron');

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: true,
  logLevel: 'warning',
};

await rm(outDir, { recursive: true, force: true });
await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/main.ts'],
    outfile: path.join(outDir, 'main.cjs'),
    // Native modules load from node_modules at run time (electron-builder unpacks their .node files).
    // jspdf loads canvg, html2canvas and dompurify lazily for HTML rendering, which reports never use.
    external: [
      'electron',
      'better-sqlite3-multiple-ciphers',
      'argon2',
      '@serialport/bindings-cpp',
      'canvg',
      'html2canvas',
      'dompurify',
    ],
    // `better-sqlite3` (drizzle's driver import) is an npm alias of the cipher build: load one copy.
    alias: { 'better-sqlite3': 'better-sqlite3-multiple-ciphers' },
    // ESM sources locate files with import.meta.url, which CommonJS output lacks.
    banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__import_meta_url' },
  }),
  // A sandboxed preload can require nothing but `electron`: everything else is inlined.
  build({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: path.join(outDir, 'preload.cjs'),
    external: ['electron'],
  }),
]);
// db/migrate.ts reads the committed migrations beside the bundle.
await cp(path.join(root, 'db', 'migrations'), path.join(outDir, 'migrations'), { recursive: true });
// electron/core/audit/audit-pdf.ts embeds these fonts in reports (µ, ±, °C, accents).
await cp(path.join(root, 'resources', 'fonts'), path.join(outDir, 'fonts'), { recursive: true });
// MESA's B2MML/BatchML schemas and license ship with the app: the XML it writes is checked against them (docs/batchml.md).
await cp(path.join(root, 'resources', 'b2mml'), path.join(outDir, 'b2mml'), { recursive: true });
console.log(`built ${path.relative(root, outDir)}: main.cjs, preload.cjs, migrations/, fonts/, b2mml/`);
