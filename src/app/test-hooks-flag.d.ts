/** True only in test builds (`vite build --mode test`; vite.config.ts defines it). */
declare const __GAPMAP_TEST_HOOKS__: boolean;
