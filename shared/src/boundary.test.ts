import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * shared/ is a leaf: whatever it imports ends up in the mini-program bundle. Source
 * files may import only relative paths and zod; tests may use vitest and node built-ins.
 */
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

  it.each(files.map((f) => [path.relative(srcDir, f), f]))('%s imports only relative modules and zod', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]);
    const foreign = specifiers.filter((s) => s && !s.startsWith('./') && !s.startsWith('../') && s !== 'zod');
    expect(foreign).toEqual([]);
    expect(text).not.toMatch(/\b(process\.env|Buffer\.|require\()/);
  });
});
