import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/storage/**/*.test.ts', 'tests/import/**/*.test.ts', 'tests/fuzz/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/setup/repo-only-reads.ts'],
  },
});
