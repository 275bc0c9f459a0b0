import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './tests/helpers/slowest-files.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/*.test.ts'],
          // one browser file at a time: demos measure seconds and must not fight for the 2 cores
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 180_000,
          globalSetup: ['tests/browser/global-setup.ts'],
        },
      },
    ],
  },
});
