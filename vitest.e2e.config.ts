import { defineConfig } from 'vitest/config';

// Browser tests (scripts/e2e/run.mjs builds the app, serves it with `vite preview` and sets
// GAPMAP_URL). One file at a time: each drives its own Chromium against the one server.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
    reporters: ['default'],
  },
});
