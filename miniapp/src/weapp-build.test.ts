import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWeappBuild, defaultWeappDir, MAIN_PACKAGE_LIMIT_BYTES } from '../scripts/check-weapp';
import { pagePathsFor, subPackagesFor } from './lib/routes';

describe('weapp build (dist/weapp)', () => {
  it('exists — the root `npm test` builds it first', () => {
    expect(
      existsSync(path.join(defaultWeappDir, 'app.json')),
      `${defaultWeappDir}/app.json is missing: run \`npm run build:weapp -w miniapp\` (the root \`npm test\` does it for you)`,
    ).toBe(true);
  });

  it('has every page listed in app.json, and exactly the pages of the route table', () => {
    const result = checkWeappBuild();
    expect(result.missing).toEqual([]);
    expect(result.pages).toEqual(pagePathsFor('weapp'));
  });

  it('puts every page outside the launch pages into a subpackage', () => {
    const app = JSON.parse(readFileSync(path.join(defaultWeappDir, 'app.json'), 'utf8')) as {
      subPackages?: { root: string }[];
      __usePrivacyCheck__?: boolean;
    };
    expect(app.subPackages?.map((sub) => sub.root)).toEqual(subPackagesFor('weapp').map((sub) => sub.root));
    expect(app.__usePrivacyCheck__).toBe(true);
  });

  it('has no staff workbench pages (pkg-staff is built into the H5 portal only)', () => {
    const { pages } = checkWeappBuild();
    expect(pages.filter((page) => page.startsWith('pkg-staff/'))).toEqual([]);
    expect(existsSync(path.join(defaultWeappDir, 'pkg-staff'))).toBe(false);
  });

  it('keeps the main package under 2 MB', () => {
    const { mainPackageBytes } = checkWeappBuild();
    console.log(`weapp main package: ${mainPackageBytes} bytes (${(mainPackageBytes / 1024).toFixed(1)} KiB)`);
    expect(mainPackageBytes).toBeGreaterThan(0);
    expect(mainPackageBytes).toBeLessThan(MAIN_PACKAGE_LIMIT_BYTES);
  });
});

describe('checkWeappBuild', () => {
  it('reports missing page files and leaves subpackages out of the main package size', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(path.join(tmpdir(), 'weapp-check-'));
    const write = (file: string, bytes: number) => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), 'x'.repeat(bytes));
    };
    const appJson = JSON.stringify({
      pages: ['pages/a/index'],
      subPackages: [{ root: 'pkg-b', pages: ['pages/b/index'] }],
    });
    writeFileSync(path.join(dir, 'app.json'), appJson);
    write('pages/a/index.js', 100);
    write('pages/a/index.wxml', 10);
    write('pkg-b/pages/b/index.js', 5000);
    write('pkg-b/pages/b/index.json', 2);

    const result = checkWeappBuild(dir);

    expect(result.pages).toEqual(['pages/a/index', 'pkg-b/pages/b/index']);
    expect(result.missing).toEqual(['pages/a/index.json', 'pkg-b/pages/b/index.wxml']);
    expect(result.mainPackageBytes).toBe(Buffer.byteLength(appJson) + 110);
  });

  it('tells how to build when there is no build', () => {
    expect(() => checkWeappBuild(path.join(defaultWeappDir, 'does-not-exist'))).toThrow(
      /npm run build:weapp -w miniapp/,
    );
  });
});
