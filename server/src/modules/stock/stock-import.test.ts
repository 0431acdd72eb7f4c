import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockCommonColumns } from '@roadcert/shared';
import { uuidv7 } from '../../lib/uuidv7';
import { startTestApp, type TestApp } from '../../test/app';
import { generateStockCsvLines, writeSyntheticStock } from '../../cli/generate-stock';
import { runStockImportCommand } from '../../cli/stock-import-commands';
import { createStockModule, runImport, startImport, type ComplianceRecheck } from './index';
import { readLines } from './read-rows';

/** Stock import (存量证照导入) on the real database: docs/stock-import.md. */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: false });
});
afterAll(() => t?.close());

function recordingCompliance(): ComplianceRecheck & { ids: string[] } {
  const ids: string[] = [];
  return { ids, recheckCertificates: async (batch) => void ids.push(...batch) };
}

function moduleWith(compliance: ComplianceRecheck) {
  return createStockModule({
    prisma: t.prisma,
    sql: t.deps.sql,
    audit: t.deps.audit,
    fieldCrypto: t.deps.fieldCrypto,
    storage: t.deps.storage,
    logger: t.deps.logger,
    compliance,
  });
}

const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A CSV (UTF-8 with BOM) of rows keyed by header label; the header is the union of the labels. */
function csvOf(rows: Record<string, string>[], marker?: string): string {
  const header: string[] = stockCommonColumns.map((c) => c.label);
  for (const row of rows) for (const k of Object.keys(row)) if (!header.includes(k)) header.push(k);
  const lines = [header, ...rows.map((r) => header.map((h) => r[h] ?? ''))].map((cells) => cells.map(cell).join(','));
  return `\uFEFF${marker ? `${marker}\r\n` : ''}${lines.join('\r\n')}\r\n`;
}

const ID_WANG = '440105197801013532';
const ID_BAD = '440105197801013531';
const CREDIT = '91440101MA5CXT3K9G';
const ISSUER = { 发证机关: '广州市交通运输局', 发证机关代码: '1144010000695581XU', 行政区划代码: '440100' };

const driver = (over: Record<string, string> = {}): Record<string, string> => ({
  类型代码: 'D071',
  证照编号: ID_WANG,
  载体: '纸质',
  状态: '10',
  发证日期: '2024-03-01',
  有效期起: '2024-03-01',
  有效期至: '2030-02-28',
  ...ISSUER,
  持证人类型: '个人',
  持证人名称: '测试王强',
  持证人证件号码: ID_WANG,
  更新时间: '2024-03-01 10:00:00',
  从业资格类别: '02001',
  准驾车型: 'B2',
  初领日期: '2001-08-15',
  ...over,
});

const truck = (over: Record<string, string> = {}): Record<string, string> => ({
  类型代码: 'D013',
  证照编号: '粤交运管穗字440100165716号',
  载体: 'IC卡',
  状态: '有效',
  发证日期: '2025-03-01',
  有效期起: '2025-03-01',
  有效期至: '2029-02-28',
  ...ISSUER,
  持证人类型: '业户',
  持证人名称: '测试广州顺达物流有限公司',
  持证人证件号码: CREDIT,
  更新时间: '2025-03-01T09:00:00+08:00',
  车辆号牌: '粤A3K7Q2',
  车牌颜色: '2',
  经营许可证号: '粤交运管许可穗字440100151081号',
  车辆类型: 'H11',
  '吨(座)位': '18吨',
  车辆尺寸: '11980×2550×3980',
  经营范围: '021',
  ...over,
});

async function importText(
  text: string | Buffer,
  options: { fileName?: string; chunkSize?: number; compliance?: ComplianceRecheck } = {},
) {
  const module = moduleWith(options.compliance ?? recordingCompliance());
  const row = await startImport(module, {
    fileName: options.fileName ?? 'stock.csv',
    source: Readable.from([Buffer.isBuffer(text) ? text : Buffer.from(text)]),
    startedBy: null,
  });
  return runImport(module, row.id, { chunkSize: options.chunkSize });
}

const errorsOf = (importId: string) =>
  t.prisma.stockImportError.findMany({ where: { importId }, orderBy: [{ row: 'asc' }, { column: 'asc' }] });

describe('stock import engine', () => {
  it('lands good rows, refuses rows that cannot be stored, keeps compliance defects', async () => {
    const compliance = recordingCompliance();
    const text = csvOf([
      driver(),
      truck(),
      // Missing 准驾车型: a compliance task, not a refusal.
      driver({ 证照编号: '440106199204182042', 持证人证件号码: '440106199204182042', 准驾车型: '' }),
      driver({ 证照编号: ID_BAD, 持证人证件号码: ID_BAD }),
      driver({ 类型代码: 'D999' }),
      driver({
        证照编号: '440111198809091318',
        持证人证件号码: '440111198809091318',
        发证日期: '2024-02-30',
        更新时间: '',
      }),
      driver({ 证照编号: '', 载体: '电子证照' }),
    ]);
    const done = await importText(text, { compliance });
    expect(done).toMatchObject({ state: 'DONE', committedRows: 7, created: 3, updated: 0, unchanged: 0, failed: 4 });
    expect(compliance.ids).toHaveLength(3);

    const errors = await errorsOf(done.id);
    expect(errors.map((e) => [e.row, e.column]).sort()).toEqual(
      [
        [5, '持证人证件号码'],
        [6, '类型代码'],
        [7, '发证日期'],
        [7, '更新时间'],
        [8, '证照编号'],
        [8, '载体'],
      ].sort(),
    );
    expect(errors[0]!.reason).toBe('持证人证件号码：身份证号码校验位不正确，请核对后重新输入');
    expect(errors.find((e) => e.column === '载体')!.reason).toContain('电子证照由本系统签发');

    const certs = await t.prisma.certificate.findMany({
      where: { stockImportId: done.id },
      include: { holder: true, vehicle: true },
    });
    expect(certs).toHaveLength(3);
    const byNumber = (n: string) => certs.find((c) => c.numberHash === t.deps.fieldCrypto.blindIndex(n, 'id-number'))!;
    const noLicence = byNumber('440106199204182042');
    expect(noLicence.extension).toEqual({ qualificationCategories: ['02001'], firstIssuedDate: '2001-08-15' });
    const vehicleCert = certs.find((c) => c.typeCode === 'D013')!;
    expect(vehicleCert.vehicle).toMatchObject({ plateNumber: '粤A3K7Q2', plateColour: '2', vehicleTypeCode: 'H11' });
    expect(vehicleCert.vehicle!.operatorId).toBe(vehicleCert.holderId);
    expect(vehicleCert.holder).toMatchObject({ kind: 'OPERATOR', creditCode: CREDIT });
    expect(vehicleCert.carrier).toBe('IC_CARD');

    // Personal data sealed: no clear ID number in any holder or certificate column.
    const wang = byNumber(ID_WANG);
    expect(wang.holder.idNumberHash).toBe(t.deps.fieldCrypto.blindIndex(ID_WANG, 'id-number'));
    expect(wang.holder.idNumberMasked).not.toContain('19780101');
    expect(t.deps.fieldCrypto.decrypt(wang.holder.idNumberEnc!, 'idNumber')).toBe(ID_WANG);
    expect(t.deps.fieldCrypto.decrypt(wang.numberEnc, 'certificateNumber')).toBe(ID_WANG);
    expect(JSON.stringify({ ...wang, numberEnc: null, holder: { ...wang.holder, idNumberEnc: null } })).not.toContain(
      ID_WANG,
    );
    expect(wang.stockKey).toBe(t.deps.fieldCrypto.blindIndex(`D071:${ID_WANG}`, 'stock-key'));
    expect(wang.sourceUpdatedAt!.toISOString()).toBe('2024-03-01T02:00:00.000Z');

    // One outbox row per created certificate, no personal data in its payload.
    const outbox = await t.prisma.aggregationOutbox.findMany({
      where: { certificateId: { in: certs.map((c) => c.id) } },
    });
    expect(outbox).toHaveLength(3);
    expect(outbox.every((o) => o.event === 'STOCK' && o.version === 1 && o.dedupeKey === `${o.certificateId}:1`)).toBe(
      true,
    );
    expect(JSON.stringify(outbox.map((o) => o.payload))).not.toMatch(/4401\d{14}|测试/);

    const audit = await t.prisma.auditLog.findMany({ where: { subjectId: done.id }, orderBy: { seq: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['stock_import.started', 'stock_import.finished']);
    expect(audit[1]!.detail).toMatchObject({ rows: 7, created: 3, failed: 4 });
  });

  it('re-importing the same file changes nothing; a newer row updates; duplicates in a file keep the newest', async () => {
    const plate = { 证照编号: '粤交运管穗字440100165799号', 车辆号牌: '粤A6M2X9' };
    const first = await importText(csvOf([truck(plate)]));
    expect(first).toMatchObject({ created: 1, unchanged: 0 });
    const again = await importText(csvOf([truck(plate)]));
    expect(again).toMatchObject({ state: 'DONE', created: 0, updated: 0, unchanged: 1, failed: 0 });
    const older = await importText(csvOf([truck({ ...plate, 状态: '03', 更新时间: '2024-01-01 00:00:00' })]));
    expect(older).toMatchObject({ created: 0, updated: 0, unchanged: 1 });

    const cert0 = await t.prisma.certificate.findFirstOrThrow({ where: { stockImportId: first.id } });
    // In one file: the older duplicate first, then the newer one, then an equal-time third.
    const dupes = await importText(
      csvOf([
        truck({ ...plate, 状态: '05', 更新时间: '2025-05-01 08:00:00' }),
        truck({ ...plate, 状态: '03', 更新时间: '2025-06-01 08:00:00' }),
        truck({ ...plate, 状态: '10', 更新时间: '2025-06-01 08:00:00' }),
      ]),
    );
    expect(dupes).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const cert1 = await t.prisma.certificate.findUniqueOrThrow({ where: { id: cert0.id } });
    expect(cert1).toMatchObject({ status: 'CANCELLED', stockImportId: dupes.id, presentationEpoch: 1 });
    expect(cert1.statusChangedAt.getTime()).toBeGreaterThan(cert0.statusChangedAt.getTime());
    const outbox = await t.prisma.aggregationOutbox.findMany({
      where: { certificateId: cert0.id },
      orderBy: { version: 'asc' },
    });
    expect(outbox.map((o) => [o.event, o.version, o.dedupeKey])).toEqual([
      ['STOCK', 1, `${cert0.id}:1`],
      ['CHANGED', 2, `${cert0.id}:2`],
    ]);
  });

  it('resumes after a crash: the same final state as one run', async () => {
    const text = [...generateStockCsvLines({ count: 600, seed: 7, today: '2026-06-01' })].join('');
    const module = moduleWith(recordingCompliance());
    const row = await startImport(module, {
      fileName: 'synthetic-stock.csv',
      source: Readable.from([Buffer.from(text)]),
      startedBy: null,
    });
    const crashed = await runImport(module, row.id, { chunkSize: 100, shouldStop: (chunks) => chunks === 2 });
    expect(crashed).toMatchObject({ state: 'RUNNING', committedRows: 200, synthetic: true });
    const resumed = await runImport(module, row.id, { chunkSize: 100 });
    expect(resumed.state).toBe('DONE');
    expect(resumed.committedRows).toBe(600);
    expect(resumed.created + resumed.updated + resumed.unchanged + resumed.failed).toBe(600);
    expect(await t.prisma.certificate.count({ where: { stockKey: { not: null }, stockImportId: row.id } })).toBe(
      resumed.created,
    );
    // The stored file is gone once the import is done.
    expect(await t.deps.storage.list(`stock-imports/${row.id}/`)).toEqual([]);

    // One run of the same file (its rows now all stored): the same refusals, nothing else changes.
    const once = await importText(text, { chunkSize: 600 });
    expect(once).toMatchObject({ created: 0, updated: 0, failed: resumed.failed, unchanged: 600 - resumed.failed });
    const strip = (es: { row: number; column: string; reason: string }[]) => es.map((e) => [e.row, e.column, e.reason]);
    expect(strip(await errorsOf(once.id))).toEqual(strip(await errorsOf(row.id)));
  });

  it('reads a character split across two chunks of the stream (part boundaries fall anywhere)', async () => {
    const bytes = Buffer.from(csvOf([driver({ 持证人名称: '测试欧阳娜娜' })]));
    const at = bytes.indexOf(Buffer.from('欧')) + 1; // inside the character
    const lines: string[][] = [];
    for await (const { cells } of readLines(Readable.from([bytes.subarray(0, at), bytes.subarray(at)]), 'csv'))
      lines.push(cells);
    expect(lines[1]).toContain('测试欧阳娜娜');
  });

  it('imports XLSX (first worksheet, dates as cells)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('存量');
    const rows = [driver({ 证照编号: '440104198205160016', 持证人证件号码: '440104198205160016' })];
    const header = Object.keys(rows[0]!);
    sheet.addRow(header);
    for (const r of rows) sheet.addRow(header.map((h) => (h === '发证日期' ? new Date(Date.UTC(2024, 2, 1)) : r[h])));
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const done = await importText(bytes, { fileName: 'stock.xlsx' });
    expect(await errorsOf(done.id)).toEqual([]);
    expect(done).toMatchObject({ state: 'DONE', format: 'xlsx', created: 1, failed: 0 });
  });

  it('refuses a file without the required columns before importing anything', async () => {
    await expect(importText('\uFEFF类型代码,证照编号\r\nD071,1\r\n')).rejects.toMatchObject({
      code: 'IMPORT_FILE_INVALID',
    });
    await expect(importText('x', { fileName: 'stock.txt' })).rejects.toMatchObject({ code: 'IMPORT_FILE_INVALID' });
  });
});

describe('stock import: running twice, CLI resume, size', () => {
  it('refuses the same file while its import is RUNNING (IMPORT_RUNNING); afterwards it may come again', async () => {
    const text = csvOf([
      driver({ 证照编号: '440104198205160016', 持证人证件号码: '440104198205160016', 更新时间: '2026-01-01 00:00:00' }),
    ]);
    const module = moduleWith(recordingCompliance());
    const source = () => Readable.from([Buffer.from(text)]);
    const first = await startImport(module, { fileName: 'a.csv', source: source(), startedBy: null });
    await expect(startImport(module, { fileName: 'a.csv', source: source(), startedBy: null })).rejects.toMatchObject({
      code: 'IMPORT_RUNNING',
    });
    expect(await runImport(module, first.id)).toMatchObject({ state: 'DONE' });
    const second = await startImport(module, { fileName: 'a.csv', source: source(), startedBy: null });
    expect(second.fileSha256).toBe(first.fileSha256);
    expect(await runImport(module, second.id)).toMatchObject({ state: 'DONE', created: 0, unchanged: 1 });
  });

  it('import:resume --all continues RUNNING imports older than a minute', async () => {
    const text = [...generateStockCsvLines({ count: 300, seed: 11, today: '2026-06-01' })].join('');
    const module = moduleWith(recordingCompliance());
    const row = await startImport(module, {
      fileName: 'synthetic.csv',
      source: Readable.from([Buffer.from(text)]),
      startedBy: null,
    });
    await runImport(module, row.id, { chunkSize: 100, shouldStop: () => true });
    const lines: string[] = [];
    const later = () => new Date(Date.now() + 120_000);
    const code = await runStockImportCommand(
      'import:resume',
      { all: true },
      {
        stock: module,
        out: (l) => lines.push(l),
        now: later,
        usageError: (m) => new Error(m),
      },
    );
    expect(code).toBe(0);
    expect(lines.join('\n')).toContain(`导入 ${row.id}: DONE，已处理 300 行`);
    expect((await t.prisma.stockImport.findUniqueOrThrow({ where: { id: row.id } })).state).toBe('DONE');
  });

  // A 100 MB file (~370,000 rows) takes minutes on this 2-CPU machine: STOCK_IMPORT_LARGE=1 runs it.
  const large = process.env.STOCK_IMPORT_LARGE === '1';
  it.runIf(large)(
    'imports a 100 MB synthetic file with flat memory',
    async () => {
      const file = `/tmp/stock-import-test-${uuidv7()}.csv`;
      const stats = await writeSyntheticStock(file, { count: 370_000, seed: 3 });
      const { createReadStream, statSync, rmSync } = await import('node:fs');
      expect(statSync(file).size).toBeGreaterThan(100e6);
      const module = moduleWith(recordingCompliance());
      let peak = 0;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 500);
      const row = await startImport(module, {
        fileName: 'synthetic-100mb.csv',
        source: createReadStream(file),
        startedBy: null,
      });
      const done = await runImport(module, row.id);
      clearInterval(sampler);
      rmSync(file);
      expect(done).toMatchObject({ state: 'DONE', committedRows: stats.rows, synthetic: true });
      expect(done.failed).toBe(stats.refused);
      expect(peak).toBeLessThan(1024 * 1024 * 1024);
    },
    1_800_000,
  );

  it('imports a generated file of 5,000 rows (all nine types) with the refused rows reported', async () => {
    const stats = { rows: 0, defects: 0, refused: 0, byType: {} as Record<string, number> };
    const text = [...generateStockCsvLines({ count: 5000, seed: 5, today: '2026-06-01' }, stats)].join('');
    const done = await importText(text, { fileName: 'synthetic-stock-5000.csv' });
    expect(Object.keys(stats.byType).sort()).toEqual([
      'D008',
      'D013',
      'D016',
      'D071',
      'D072',
      'D073',
      'D074',
      'D075',
      'D079',
    ]);
    expect(done).toMatchObject({ state: 'DONE', committedRows: 5000, synthetic: true, failed: stats.refused });
    expect(done.created + done.updated + done.unchanged).toBe(5000 - stats.refused);
    const types = await t.prisma.certificate.groupBy({
      by: ['typeCode'],
      where: { stockKey: { not: null } },
      _count: true,
    });
    expect(types).toHaveLength(9);
  });
});
