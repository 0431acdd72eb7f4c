import { defineConfig } from 'vitest/config';

/**
 * The shared project for mutation testing (stryker.config.mjs, `npm run test:mutation`):
 * the root vitest.config.ts would also start the server's Postgres setup. Only the unit
 * tests of the mutated modules run, so a rule must be pinned by its own tests and work in
 * progress elsewhere in shared/ cannot stall the run. (Not Stryker's `testFiles` option:
 * in 9.6 it activates static mutants after their module has loaded, stryker-js#6144.)
 */
export default defineConfig({
  test: {
    name: 'shared',
    root: import.meta.dirname,
    include: ['src/validators/**/*.test.ts', 'src/presentation/**/*.test.ts', 'src/masking.test.ts'],
    environment: 'node',
  },
});
