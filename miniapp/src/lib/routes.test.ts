import { describe, expect, it } from 'vitest';
import { allPagePaths, pagePaths, routes, subPackages } from './routes';

describe('route table', () => {
  it('keeps the launch page first and only the first-screen pages in the main package', () => {
    expect(pagePaths).toEqual([routes.home, routes.login]);
  });

  it('derives the subpackages of app.json from the route prefixes', () => {
    expect(subPackages).toEqual([
      { root: 'pkg-certificate', pages: ['pages/detail/index', 'pages/activate/index'] },
      { root: 'pkg-account', pages: ['pages/me/index', 'pages/real-name/index', 'pages/devices/index', 'pages/operator/index', 'pages/privacy/index', 'pages/photo/index'] },
    ]);
  });

  it('lists every route exactly once', () => {
    expect([...allPagePaths].sort()).toEqual(Object.values(routes).sort());
  });
});
