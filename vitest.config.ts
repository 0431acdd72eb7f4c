import { defineConfig } from 'vitest/config';

/** One runner, three projects: shared (pure), server (real Postgres), miniapp (logic only). */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', root: 'shared', include: ['src/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'server',
          root: 'server',
          include: ['src/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['src/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      { test: { name: 'miniapp', root: 'miniapp', include: ['src/**/*.test.ts'], environment: 'node' } },
    ],
  },
});
