import { defineConfig } from 'vitest/config';

/** Browser tests: one worker, against the production build served by tests/e2e/setup.ts. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    setupFiles: ['tests/setup/repo-only-reads.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    env: { PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS: '1' },
    testTimeout: 120_000,
    // A poll waits for the app's own work (a save, a check, a snapshot): on a loaded machine that
    // can take more than the default second.
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 120_000,
  },
});
