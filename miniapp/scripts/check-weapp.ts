/**
 * Static check of the WeChat mini-program build (WeChat DevTools does not run on Linux): every
 * page listed in app.json has its files, and the main package stays under WeChat's 2 MB limit.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const defaultWeappDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/weapp');

/** WeChat's limit for the main package (and for each subpackage). */
export const MAIN_PACKAGE_LIMIT_BYTES = 2 * 1024 * 1024;

const REQUIRED_PAGE_FILES = ['.js', '.wxml', '.json'] as const;

interface AppJson {
  pages?: string[];
  subPackages?: SubPackage[];
  /** Older spelling WeChat still accepts. */
  subpackages?: SubPackage[];
}
interface SubPackage {
  root: string;
  pages?: string[];
}

export interface WeappCheck {
  /** Every page path (subpackage pages prefixed with their root), as in the page stack. */
  pages: string[];
  /** Page files that are missing, relative to the build directory, e.g. `pages/me/index.wxml`. */
  missing: string[];
  /** Bytes of every file outside the subpackage roots: what WeChat counts as the main package. */
  mainPackageBytes: number;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

function normaliseRoot(root: string): string {
  return root.replace(/^\/+/, '').replace(/\/*$/, '/');
}

export function checkWeappBuild(weappDir: string = defaultWeappDir): WeappCheck {
  const appJsonPath = path.join(weappDir, 'app.json');
  if (!existsSync(appJsonPath)) {
    throw new Error(`${appJsonPath} not found — build the mini-program first: npm run build:weapp -w miniapp`);
  }
  const app = JSON.parse(readFileSync(appJsonPath, 'utf8')) as AppJson;
  const subPackages = [...(app.subPackages ?? []), ...(app.subpackages ?? [])];
  const subRoots = subPackages.map((sub) => normaliseRoot(sub.root));

  const pages = [
    ...(app.pages ?? []),
    ...subPackages.flatMap((sub) => (sub.pages ?? []).map((page) => normaliseRoot(sub.root) + page)),
  ];
  const missing = pages.flatMap((page) =>
    REQUIRED_PAGE_FILES.map((ext) => page + ext).filter((file) => !existsSync(path.join(weappDir, file))),
  );

  let mainPackageBytes = 0;
  for (const file of listFiles(weappDir)) {
    const relative = path.relative(weappDir, file).split(path.sep).join('/');
    if (subRoots.some((root) => relative.startsWith(root))) continue;
    mainPackageBytes += statSync(file).size;
  }

  return { pages, missing, mainPackageBytes };
}
