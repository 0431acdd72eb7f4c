import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../lib/uuidv7';
import { staffSessionToken, startTestApp, type TestApp } from '../../test/app';

/** The stock import API (docs/stock-import.md): roles, upload, progress, error report, template. */

let t: TestApp;
let steward: string;
let reviewer: string;

beforeAll(async () => {
  t = await startTestApp();
  steward = await staffToken(['DATA_STEWARD']);
  reviewer = await staffToken(['REVIEWER']);
});
afterAll(() => t?.close());

/** A staff member with these roles and a live session, created directly. */
async function staffToken(roles: ('REVIEWER' | 'DATA_STEWARD' | 'ADMIN')[]) {
  const staff = await t.prisma.staffUser.create({
    data: {
      username: `staff-${uuidv7().slice(-12)}`,
      displayName: '测试员工',
      passwordHash: 'unused',
      roles,
      regionCode: '440100',
    },
  });
  return staffSessionToken(t, staff.username);
}

async function upload(token: string, text: string, fileName = 'stock.csv') {
  const form = new FormData();
  form.append('file', new Blob([text], { type: 'text/csv' }), fileName);
  const res = await fetch(`${t.baseUrl}/api/v1/staff/stock-imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function waitDone(id: string) {
  for (let i = 0; i < 200; i++) {
    const res = await t.api(`/api/v1/staff/stock-imports/${id}`, { token: steward });
    if (res.json.state !== 'RUNNING') return res.json;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

const download = async (path: string, token = steward) => {
  const res = await fetch(t.baseUrl + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
};

describe('stock import routes', () => {
  it('are in the OpenAPI document', async () => {
    const doc = (await t.api('/api/openapi.json')).json;
    expect(Object.keys(doc.paths).filter((p: string) => p.includes('stock-imports'))).toEqual([
      '/api/v1/staff/stock-imports',
      '/api/v1/staff/stock-imports/template.csv',
      '/api/v1/staff/stock-imports/{id}',
      '/api/v1/staff/stock-imports/{id}/errors.csv',
    ]);
  });

  it('refuses staff without DATA_STEWARD or ADMIN (403)', async () => {
    expect((await upload(reviewer, 'x')).json.code).toBe('FORBIDDEN');
    expect((await t.api('/api/v1/staff/stock-imports', { token: reviewer })).status).toBe(403);
    expect((await download('/api/v1/staff/stock-imports/template.csv?typeCode=D071', reviewer)).status).toBe(403);
    expect((await t.api('/api/v1/staff/stock-imports')).status).toBe(401);
  });

  it('serves a template per type that imports as it is', async () => {
    const template = await download('/api/v1/staff/stock-imports/template.csv?typeCode=D013');
    expect(template.status).toBe(200);
    expect(template.type).toBe('text/csv; charset=utf-8');
    const text = template.bytes.toString('utf8');
    expect(text.startsWith('\uFEFF类型代码,证照编号,载体,状态,发证日期')).toBe(true);
    expect(text).toContain('车辆号牌,车牌颜色,经营许可证号');
    expect(text.split('\r\n')[1]).toMatch(/^D013,/);
    expect((await download('/api/v1/staff/stock-imports/template.csv?typeCode=D999')).status).toBe(400);

    const started = await upload(steward, text.slice(1), 'template-D013.csv');
    expect(started.status).toBe(202);
    expect(started.json).toMatchObject({ state: 'RUNNING', format: 'csv', fileName: 'template-D013.csv' });
    const done = await waitDone(started.json.id as string);
    expect(done).toMatchObject({ state: 'DONE', stateLabel: '已完成', committedRows: 1, created: 1, failed: 0 });
    const list = await t.api('/api/v1/staff/stock-imports', { token: steward });
    expect(list.json.items[0].id).toBe(started.json.id);
  });

  it('imports good rows, refuses bad ones and reports them in a CSV with BOM', async () => {
    const template = (await download('/api/v1/staff/stock-imports/template.csv?typeCode=D071')).bytes.toString('utf8');
    const [header, example] = template.slice(1).split('\r\n') as [string, string];
    const badId = example.replace(/440105197801013532/g, '440105197801013531');
    const badDate = example.replace('2025-12-01,2025-12-01,', '2025-12-01,2025-13-01,');
    const text = `${header}\r\n${example}\r\n${badId}\r\n${badDate}\r\n`;
    const started = await upload(steward, text);
    const done = await waitDone(started.json.id as string);
    expect(done).toMatchObject({ state: 'DONE', created: 1, failed: 2, synthetic: false });
    expect(done.errorReportPath).toBe(`/api/v1/staff/stock-imports/${done.id}/errors.csv`);

    const report = await download(done.errorReportPath);
    expect(report.status).toBe(200);
    expect(report.type).toBe('text/csv; charset=utf-8');
    expect(report.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(report.bytes.toString('utf8').slice(1).split('\r\n')).toEqual([
      '行号,列,原因',
      '3,持证人证件号码,持证人证件号码：身份证号码校验位不正确，请核对后重新输入',
      '4,有效期起,有效期起“2025-13-01”不是有效日期（YYYY-MM-DD）',
      '',
    ]);
    // The error report never echoes an ID number.
    expect(report.bytes.toString('utf8')).not.toMatch(/\d{17}[\dX]/);
  });

  it('answers 400 for a file that is not CSV or XLSX, 404 for an unknown import', async () => {
    const res = await upload(steward, 'hello', 'notes.txt');
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('IMPORT_FILE_INVALID');
    const wrongHeader = await upload(steward, '类型代码,证照编号\r\nD071,1\r\n');
    expect(wrongHeader.json).toMatchObject({ code: 'IMPORT_FILE_INVALID' });
    expect(String(wrongHeader.json.message)).toContain('缺少列');
    expect((await t.api(`/api/v1/staff/stock-imports/${uuidv7()}`, { token: steward })).status).toBe(404);
    expect((await t.api('/api/v1/staff/stock-imports/not-an-id', { token: steward })).status).toBe(400);
  });
});
