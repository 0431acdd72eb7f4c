import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEIC_UNSUPPORTED_MESSAGE } from './schemas/photo';

/**
 * shared/ is a leaf: whatever it imports ends up in the mini-program bundle. Source
 * files may import only relative paths and zod; tests may use vitest and node built-ins.
 * The one exception is presentation/ (the token codec, `@roadcert/shared/presentation`),
 * which may also use @noble/curves and @noble/hashes: it is a subpath of its own, not
 * re-exported from the index, so the mini-program's main package does not carry the crypto.
 */
const cryptoAllowed = (file: string, specifier: string) =>
  file.split(path.sep).includes('presentation') && /^@noble\/(curves|hashes)\//.test(specifier);
const srcDir = path.dirname(new URL(import.meta.url).pathname);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

describe('shared/ import boundary', () => {
  const files = sourceFiles(srcDir).filter((f) => !f.endsWith('.test.ts'));

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [path.relative(srcDir, f), f]))(
    '%s imports only relative modules and zod (presentation/: also @noble)',
    (_name, file) => {
      const text = readFileSync(file, 'utf8');
      const specifiers = [
        ...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
      ].map((m) => m[1] ?? m[2]);
      const foreign = specifiers.filter(
        (s) => s && !s.startsWith('./') && !s.startsWith('../') && s !== 'zod' && !cryptoAllowed(file, s),
      );
      expect(foreign).toEqual([]);
      expect(text).not.toMatch(/\b(process\.env|Buffer\.|require\()/);
    },
  );
});

describe('the crypto stays behind the presentation subpath', () => {
  it('the index does not re-export presentation/, and only presentation/ imports @noble', () => {
    expect(readFileSync(path.join(srcDir, 'index.ts'), 'utf8')).not.toMatch(/'\.\/presentation/);
    const files = sourceFiles(srcDir).filter((f) => !f.endsWith('.test.ts'));
    const outside = files.filter(
      (f) => !f.split(path.sep).includes('presentation') && /@noble\//.test(readFileSync(f, 'utf8')),
    );
    expect(outside).toEqual([]);
  });
});

describe('texts owned by shared/ are not copied', () => {
  const repoRoot = path.resolve(srcDir, '../..');
  const codeFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.name === 'node_modules' || e.name === 'generated'
        ? []
        : e.isDirectory()
          ? codeFiles(path.join(dir, e.name))
          : /\.tsx?$/.test(e.name)
            ? [path.join(dir, e.name)]
            : [],
    );

  it('the HEIC refusal message: server and mini-program import HEIC_UNSUPPORTED_MESSAGE instead of repeating it', () => {
    const copies = ['server/src', 'miniapp/src']
      .flatMap((dir) => codeFiles(path.join(repoRoot, dir)))
      .filter((file) => readFileSync(file, 'utf8').includes(HEIC_UNSUPPORTED_MESSAGE));
    expect(copies.map((file) => path.relative(repoRoot, file))).toEqual([]);
    expect(HEIC_UNSUPPORTED_MESSAGE).toMatch(/HEIC.*兼容性最佳/);
  });
});
