import { defineConfig } from 'vitest/config';

// Browser tests (scripts/e2e/run.mjs finds a Chromium, builds the app, serves it with
// `vite preview` and sets GAPMAP_URL and CHROMIUM_PATH). One file at a time: each drives its own Chromium against the one server.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    // A test waits on app signals, each bounded by SIGNAL_TIMEOUT_MS (test/e2e/browser.ts); these
    // only stop a test that hangs outright, also on a machine whose cores are busy with other work.
    testTimeout: 900_000,
    hookTimeout: 300_000,
    reporters: ['default'],
  },
});
