import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * The renderer is loaded from packaged files (Electron custom protocol) or, in browser tests,
 * from disk through a Playwright route: relative asset URLs, no dev server, no inline scripts
 * (the CSP allows `script-src 'self'` only).
 */
export default defineConfig({
  root: `${repoRoot}renderer`,
  base: './',
  publicDir: false,
  // Vite's built-in oxc transform handles TSX; no React plugin (and no fast refresh) needed.
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'react' },
  },
  build: {
    outDir: `${repoRoot}dist/renderer`,
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: false,
    assetsInlineLimit: 0,
    // One local bundle loaded from disk over app://, never over a network: size is not latency here.
    chunkSizeWarningLimit: 1024,
    cssCodeSplit: false,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    rolldownOptions: {
      onwarn(warning, warn) {
        // React Router marks its modules "use client" for React Server Components; meaningless here.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
