import { describe, expect, it } from 'vitest';
import { allPagePaths, pagePaths, pagePathsFor, routes, subPackages, subPackagesFor } from './routes';

describe('route table', () => {
  it('keeps the launch page first and only the first-screen pages in the main package', () => {
    expect(pagePaths).toEqual([routes.home, routes.login]);
  });

  it('derives the subpackages of app.json from the route prefixes', () => {
    expect(subPackages).toEqual([
      {
        root: 'pkg-certificate',
        pages: [
          'pages/detail/index',
          'pages/activate/index',
          'pages/present/index',
          'pages/tasks/index',
          'pages/task/index',
        ],
      },
      {
        root: 'pkg-account',
        pages: [
          'pages/me/index',
          'pages/real-name/index',
          'pages/devices/index',
          'pages/operator/index',
          'pages/privacy/index',
          'pages/photo/index',
          'pages/shares/index',
          'pages/share-create/index',
          'pages/usage/index',
          'pages/messages/index',
          'pages/reminder-settings/index',
        ],
      },
      { root: 'pkg-apply', pages: ['pages/start/index', 'pages/form/index', 'pages/detail/index', 'pages/list/index'] },
      {
        root: 'pkg-staff',
        pages: [
          'pages/login/index',
          'pages/queue/index',
          'pages/review/index',
          'pages/certificates/index',
          'pages/completion/index',
          'pages/completion-review/index',
          'pages/compliance/index',
          'pages/aggregation/index',
          'pages/stock-import/index',
          'pages/reminders/index',
        ],
      },
      {
        root: 'pkg-verify',
        pages: ['pages/lookup/index', 'pages/share/index', 'pages/verify/index', 'pages/scan/index'],
      },
    ]);
  });

  it('lists every route exactly once', () => {
    expect([...allPagePaths].sort()).toEqual(Object.values(routes).sort());
  });

  it('builds the staff workbench (pkg-staff) into the H5 portal only, never into the mini-program', () => {
    const staffPages = Object.values(routes).filter((path) => path.startsWith('pkg-staff/'));
    expect(staffPages.length).toBeGreaterThan(0);
    expect(subPackagesFor('weapp').map((sub) => sub.root)).not.toContain('pkg-staff');
    expect(pagePathsFor('weapp').filter((path) => path.startsWith('pkg-staff/'))).toEqual([]);
    expect(subPackagesFor('h5').map((sub) => sub.root)).toContain('pkg-staff');
    expect(pagePathsFor('h5')).toEqual(expect.arrayContaining(staffPages));
    // Everything else is the same on both.
    expect(pagePathsFor('weapp')).toEqual(allPagePaths.filter((path) => !path.startsWith('pkg-staff/')));
    expect(pagePathsFor('h5')).toEqual(allPagePaths);
  });
});
