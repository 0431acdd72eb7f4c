// The architecture's rules, checked by `npm run depcruise` (part of `npm run lint`, in CI).
// docs/ARCHITECTURE.md explains the layers; scripts/depcruise-rules.test.ts proves each rule
// fires on a file that breaks it.

/**
 * Server modules from the bottom up: a module may import modules of lower layers only (through
 * their index.ts), never its own layer or above. health, files and portal import no module.
 */
const moduleLayers = [
  ['account'],
  ['staff', 'operators', 'certificates'],
  ['photos', 'lookup'],
  ['presentation', 'usage', 'compliance'],
  ['applications', 'shares', 'partners', 'stock', 'reminders', 'aggregation'],
  ['health', 'files', 'portal'],
];

const layerRules = moduleLayers.flatMap((layer, rank) =>
  layer.map((name) => {
    const allowed = rank === moduleLayers.length - 1 ? [] : moduleLayers.slice(0, rank).flat();
    return {
      name: `module-layer-${name}`,
      comment: `modules/${name} may import only ${allowed.length ? allowed.join(', ') : 'no other module'}`,
      severity: 'error',
      from: { path: `^server/src/modules/${name}/` },
      to: {
        path: '^server/src/modules/([^/]+)/',
        pathNot: [`^server/src/modules/${name}/`, ...allowed.map((m) => `^server/src/modules/${m}/`)],
      },
    };
  }),
);

/** Where Prisma (the generated client and its types) may be imported: repos, db/, the composition root, tests. */
const prismaHomes = [
  '\\.repo\\.ts$',
  '^server/src/db/',
  '^server/src/container\\.ts$',
  '^server/src/seed/',
  '^server/src/test/',
  '\\.test\\.ts$',
  '^server/src/generated/',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'no import cycles, at file level (folder levels: the module-layer rules)',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'prisma-only-in-repos',
      comment: 'database access lives in *.repo.ts files and db/ (use-cases get repos through a UnitOfWork)',
      severity: 'error',
      from: { path: '^server/src/', pathNot: prismaHomes },
      to: { path: ['^server/src/generated/prisma', '^node_modules/@prisma/', '^node_modules/pg/'] },
    },
    {
      name: 'no-cross-module-internals',
      comment: 'another module is reached through its index.ts only',
      severity: 'error',
      from: { path: '^server/src/modules/([^/]+)/' },
      to: {
        path: '^server/src/modules/[^/]+/',
        pathNot: ['^server/src/modules/$1/', '^server/src/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'modules-through-index-only',
      comment: 'code outside the modules (app, container, tests, bench, e2e, seed) uses their index.ts only',
      severity: 'error',
      from: { pathNot: '^server/src/modules/' },
      to: { path: '^server/src/modules/[^/]+/', pathNot: '^server/src/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'no-composition-root-in-modules',
      comment: 'modules declare the deps they need; only main.ts and tests build the app',
      severity: 'error',
      from: { path: '^server/src/(modules|lib|http|db|adapters|middleware)/' },
      to: { path: '^server/src/(app|container|main)\\.ts$' },
    },
    {
      name: 'lower-layers-know-no-modules',
      comment: 'lib/, db/, http/, adapters/ and middleware/ sit below the modules',
      severity: 'error',
      from: { path: '^server/src/(lib|db|http|adapters|middleware)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^server/src/modules/' },
    },
    ...layerRules,
    {
      name: 'taro-only-in-lib',
      comment: 'the mini-program touches Taro APIs only through miniapp/src/lib',
      severity: 'error',
      from: { path: '^miniapp/src/', pathNot: ['^miniapp/src/lib/', '^miniapp/src/app\\.', '^miniapp/src/test/'] },
      to: { path: '^node_modules/@tarojs/taro/' },
    },
    {
      name: 'shared-is-a-leaf',
      comment:
        'shared/ runs in the mini-program too: no Node built-ins, nothing from server/ or miniapp/, no server-only packages',
      severity: 'error',
      from: { path: '^shared/src/' },
      to: {
        path: [
          '^server/',
          '^miniapp/',
          '^node_modules/(@tarojs|@prisma|@koa|koa|pg|sharp|ali-oss|@electric-sql|pino)(/|$)',
        ],
      },
    },
    {
      name: 'shared-no-node-builtins',
      comment: 'shared/ must not use Node built-ins (tests may)',
      severity: 'error',
      from: { path: '^shared/src/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'nothing-imports-the-apps',
      comment: 'the server and the mini-program do not import each other',
      severity: 'error',
      from: { path: '^miniapp/' },
      to: { path: '^server/' },
    },
    {
      name: 'server-does-not-import-miniapp',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^miniapp/' },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules', 'server/src/generated/'] },
    exclude: { path: ['dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
