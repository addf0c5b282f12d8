import { defineConfig } from 'vite';

// `vite build --mode test` (what scripts/e2e/run.mjs builds) turns on the test hooks
// (src/app/test-hook.ts: accept an import without the dialog, crash a worker…); an ordinary build
// leaves them out of the bundle.
export default defineConfig(({ mode }) => ({
  define: { __GAPMAP_TEST_HOOKS__: JSON.stringify(mode === 'test') },
  optimizeDeps: { exclude: ['maplibre-gl'] },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  server: { port: 5173 },
  preview: { port: 4173 },
}));
