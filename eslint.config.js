// One lint configuration for the whole repository (flat config, typescript-eslint).
// Formatting is Prettier's job (eslint-config-prettier turns the overlapping rules off);
// layering is dependency-cruiser's (.dependency-cruiser.cjs).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.data/**',
      'coverage/**',
      'server/src/generated/**',
      'bench/results/**',
      'e2e/screenshots/**',
      'reports/**',
      '.stryker-tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true }],
    },
  },
  {
    files: ['miniapp/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.{js,cjs,mjs}'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Database access lives in *.repo.ts and db/ (docs/ARCHITECTURE.md): elsewhere in the server no
    // Prisma delegate call (prisma.x.findMany, tx.x.update …) and no $transaction / raw SQL.
    files: ['server/src/**/*.ts'],
    ignores: [
      'server/src/**/*.repo.ts',
      'server/src/db/**',
      'server/src/seed/**',
      'server/src/test/**',
      'server/src/**/*.test.ts',
      'server/src/container.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'MemberExpression[property.name=/^\\$(transaction|queryRaw|executeRaw|queryRawUnsafe|executeRawUnsafe)$/]',
          message: 'Transactions and raw SQL belong in a *.repo.ts or db/ (use the UnitOfWork).',
        },
        {
          selector:
            'CallExpression > MemberExpression.callee > MemberExpression.object[object.name=/^(prisma|tx|db)$/]',
          message: 'Prisma calls belong in a *.repo.ts (docs/ARCHITECTURE.md).',
        },
      ],
    },
  },
  {
    // Code that runs in WeChat's logic layer (shared/ and every non-H5 mini-program file) has no
    // TextEncoder/TextDecoder, no crypto.getRandomValues, no web globals on many devices: use
    // shared/src/presentation/utf8.ts. miniapp/src/weapp-runtime.test.ts runs the build without them.
    files: ['shared/src/**/*.ts', 'miniapp/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.h5.{ts,tsx}', 'miniapp/src/test/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'TextEncoder', message: 'Absent in WeChat: use encodeUtf8 (shared/src/presentation/utf8.ts).' },
        { name: 'TextDecoder', message: 'Absent in WeChat: use decodeUtf8 (shared/src/presentation/utf8.ts).' },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@noble/hashes/utils.js',
              importNames: ['utf8ToBytes'],
              message: 'It calls TextEncoder, absent in WeChat: use encodeUtf8 (shared/src/presentation/utf8.ts).',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
