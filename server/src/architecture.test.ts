import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { cruise, type IConfiguration } from 'dependency-cruiser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The architecture rules (.dependency-cruiser.cjs) must fire when broken, not merely pass on
 * today's tree: a scratch tree with one file per broken rule is cruised with the real rule set,
 * and each rule must name exactly its culprit.
 */
const config = createRequire(import.meta.url)('../../.dependency-cruiser.cjs') as IConfiguration;

const files: Record<string, string> = {
  'server/src/app.ts': 'export const app = 1;\n',
  'server/src/generated/prisma/client.ts': 'export class PrismaClient {}\n',
  'server/src/lib/cycle-a.ts': "import { b } from './cycle-b';\nexport const a = () => b;\n",
  'server/src/lib/cycle-b.ts': "import { a } from './cycle-a';\nexport const b = () => a;\n",
  'server/src/lib/knows-a-module.ts':
    "import { certificates } from '../modules/certificates';\nexport const k = certificates;\n",
  'server/src/modules/account/index.ts': 'export const account = 1;\n',
  'server/src/modules/account/reaches-up.ts':
    "import { applications } from '../applications';\nexport const r = applications;\n",
  'server/src/modules/certificates/index.ts': 'export const certificates = 1;\n',
  'server/src/modules/certificates/internal.ts': 'export const internal = 1;\n',
  'server/src/modules/certificates/certificates.repo.ts':
    "import { PrismaClient } from '../../generated/prisma/client';\nexport const repo = PrismaClient;\n",
  'server/src/modules/certificates/use-case.ts':
    "import { PrismaClient } from '../../generated/prisma/client';\nexport const useCase = PrismaClient;\n",
  'server/src/modules/photos/index.ts': "import { app } from '../../app';\nexport const photos = app;\n",
  'server/src/modules/applications/index.ts':
    "import { internal } from '../certificates/internal';\nimport { account } from '../account';\nexport const applications = [internal, account];\n",
  'miniapp/src/features/uses-taro.ts': "import Taro from '@tarojs/taro';\nexport const t = Taro;\n",
  'miniapp/src/lib/request.ts': "import Taro from '@tarojs/taro';\nexport const t = Taro;\n",
  'node_modules/@tarojs/taro/package.json': '{ "name": "@tarojs/taro", "main": "index.js" }\n',
  'node_modules/@tarojs/taro/index.js': 'module.exports = {};\n',
  'shared/src/uses-node.ts': "import { createHash } from 'node:crypto';\nexport const h = createHash;\n",
  'shared/src/uses-server.ts': "import { app } from '../../server/src/app';\nexport const s = app;\n",
};

type Violation = { rule: string; from: string; to: string };

describe('architecture rules (.dependency-cruiser.cjs)', () => {
  let dir: string;
  let violations: Violation[];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'roadcert-depcruise-'));
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    }
    const result = await cruise(['server/src', 'shared/src', 'miniapp/src'], {
      ruleSet: { forbidden: config.forbidden },
      validate: true,
      baseDir: dir,
      doNotFollow: { path: ['node_modules', 'server/src/generated/'] },
      tsPreCompilationDeps: true,
    });
    const output = result.output as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
    violations = output.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const culprits = (rule: string) => violations.filter((v) => v.rule === rule).map((v) => `${v.from} → ${v.to}`);

  it('finds import cycles', () => {
    expect(culprits('no-circular')).toContain('server/src/lib/cycle-a.ts → server/src/lib/cycle-b.ts');
  });

  it('keeps Prisma in repos', () => {
    expect(culprits('prisma-only-in-repos')).toEqual([
      'server/src/modules/certificates/use-case.ts → server/src/generated/prisma/client.ts',
    ]);
  });

  it("refuses another module's internals but allows its index", () => {
    expect(culprits('no-cross-module-internals')).toEqual([
      'server/src/modules/applications/index.ts → server/src/modules/certificates/internal.ts',
    ]);
  });

  it('refuses a module that imports the composition root', () => {
    expect(culprits('no-composition-root-in-modules')).toEqual([
      'server/src/modules/photos/index.ts → server/src/app.ts',
    ]);
  });

  it('refuses imports up the module layers', () => {
    expect(culprits('module-layer-account')).toEqual([
      'server/src/modules/account/reaches-up.ts → server/src/modules/applications/index.ts',
    ]);
    expect(culprits('module-layer-applications')).toEqual([]);
    expect(culprits('lower-layers-know-no-modules')).toEqual([
      'server/src/lib/knows-a-module.ts → server/src/modules/certificates/index.ts',
    ]);
  });

  it('keeps Taro inside miniapp/src/lib', () => {
    expect(culprits('taro-only-in-lib')).toEqual([
      'miniapp/src/features/uses-taro.ts → node_modules/@tarojs/taro/index.js',
    ]);
  });

  it('keeps shared/ platform-free', () => {
    expect(culprits('shared-no-node-builtins')).toEqual(['shared/src/uses-node.ts → crypto']);
    expect(culprits('shared-is-a-leaf')).toEqual(['shared/src/uses-server.ts → server/src/app.ts']);
  });
});
