import type { StockImportView } from '@roadcert/shared';
import { describe, expect, it } from 'vitest';
import {
  errorReportPath,
  fileProblem,
  formatBytes,
  importCounts,
  importSummary,
  isRunning,
  progressLabel,
} from './import-view';

const view: StockImportView = {
  id: 'imp-1',
  fileName: 'stock.csv',
  fileSha256: 'ab',
  format: 'csv',
  state: 'DONE',
  stateLabel: '已完成',
  startedAt: '2026-12-03T08:00:00Z',
  finishedAt: '2026-12-03T08:01:00Z',
  committedRows: 13,
  created: 10,
  updated: 1,
  unchanged: 0,
  failed: 2,
  synthetic: false,
  error: null,
  errorReportPath: '/api/v1/staff/stock-imports/imp-1/errors.csv',
};

describe('fileProblem', () => {
  it('accepts CSV and XLSX within the size limit', () => {
    expect(fileProblem({ name: '存量.CSV', size: 10 })).toBeNull();
    expect(fileProblem({ name: 'a.xlsx', size: 10 })).toBeNull();
  });

  it('refuses other formats, empty and oversized files', () => {
    expect(fileProblem({ name: 'a.xls', size: 10 })).toMatch(/CSV 或 XLSX/);
    expect(fileProblem({ name: 'a.csv', size: 0 })).toBe('文件是空的');
    expect(fileProblem({ name: 'a.csv', size: 201 * 1024 * 1024 })).toBe('文件不能超过 200 MB');
  });
});

describe('formatBytes and progressLabel', () => {
  it('writes sizes and progress for people', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(200 * 1024 * 1024)).toBe('200 MB');
    expect(progressLabel(0.426)).toBe('42%');
    expect(progressLabel(1.2)).toBe('100%');
  });
});

describe('importCounts and importSummary', () => {
  it('lists what the import did, failures marked', () => {
    expect(importCounts(view).map((row) => [row.label, row.value, row.tone])).toEqual([
      ['已处理行数', 13, 'plain'],
      ['新增', 10, 'good'],
      ['更新', 1, 'good'],
      ['未变化', 0, 'plain'],
      ['失败', 2, 'bad'],
    ]);
    expect(importSummary(view)).toBe('已完成 · 新增 10 · 更新 1 · 未变化 0 · 失败 2');
    expect(isRunning(view)).toBe(false);
    expect(isRunning({ state: 'RUNNING' })).toBe(true);
  });
});

describe('errorReportPath', () => {
  it('uses the path the server gives, else the documented one', () => {
    expect(errorReportPath(view)).toBe('/api/v1/staff/stock-imports/imp-1/errors.csv');
    expect(errorReportPath({ id: 'imp 2', errorReportPath: 'stock/imp-2/errors.csv' })).toBe(
      '/api/v1/staff/stock-imports/imp%202/errors.csv',
    );
  });
});
