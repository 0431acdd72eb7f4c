import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoStaff } from '../seed/staff';
import { signInAccount, startTestApp, type TestApp } from '../test/app';
import { demo } from '../test/identity-steps';
import { generateApiKey } from '../modules/partners';

/**
 * Input no handler should ever see (docs/ARCHITECTURE.md, Decisions, "Input rules"): U+0000 and half
 * surrogate pairs anywhere in body, query or path (PostgreSQL cannot store them: they used
 * to be 500s with a stack trace), bytes that are not UTF-8 (they used to become U+FFFD and
 * succeed), and the Authorization scheme in any case (RFC 7235).
 */

let t: TestApp;
/** Error-level log lines: an anonymous caller must not be able to produce one at will. */
const errorLines: string[] = [];
let holder: { token: string; accountId: string };
let paperId: string;

beforeAll(async () => {
  const logger = pino({ level: 'error' }, { write: (line: string) => void errorLines.push(line) });
  t = await startTestApp({ logger });
  holder = await signInAccount(t, { holderKey: 'driver-paper' });
  const holderRow = await t.prisma.holder.findUniqueOrThrow({
    where: { idNumberHash: t.deps.fieldCrypto.blindIndex(demo('driver-paper').identityCode, 'id-number') },
  });
  paperId = (await t.prisma.certificate.findFirstOrThrow({ where: { holderId: holderRow.id, carrier: 'PAPER' } })).id;
});
afterAll(() => t?.close());

const NUL = '\u0000';
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** Sends raw bytes (fetch would re-encode a string as UTF-8). */
function sendBytes(path: string, bytes: Buffer, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; json: { code: string; fields?: Record<string, string> } }>((resolve, reject) => {
    const req = request(
      `${t.baseUrl}${path}`,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
        );
      },
    );
    req.on('error', reject);
    req.end(bytes);
  });
}

describe('U+0000 (and unpaired surrogates) anywhere: 400 BAD_REQUEST before any query', () => {
  it('in a body: public staff sign-in, application start, share texts, draft values and keys, verify', async () => {
    const draft = await t.api('/api/v1/me/applications', {
      token: holder.token,
      body: { typeCode: 'D071', kind: 'CONVERSION', baseCertificateId: paperId },
    });
    expect(draft.status, draft.text).toBe(201);
    const shareBody = { certificateIds: [paperId], purposeCode: 'OTHER', purposeText: '招聘', expiresAt: inDays(3) };
    const cases: [string, string, unknown, string | undefined, string][] = [
      ['POST', '/api/v1/staff/auth/login', { username: `reviewer${NUL}`, password: 'x' }, undefined, 'username'],
      ['POST', '/api/v1/staff/auth/login', { username: demoStaff.username, password: `${NUL}` }, undefined, 'password'],
      [
        'POST',
        '/api/v1/me/applications',
        { typeCode: 'D071', kind: 'CONVERSION', baseCertificateId: NUL },
        holder.token,
        'baseCertificateId',
      ],
      ['POST', '/api/v1/me/shares', { ...shareBody, purposeText: `a${NUL}b` }, holder.token, 'purposeText'],
      ['POST', '/api/v1/me/shares', { ...shareBody, recipientName: NUL }, holder.token, 'recipientName'],
      [
        'PUT',
        `/api/v1/me/applications/${draft.json.id}/draft`,
        { formData: { holderName: `张${NUL}伟` } },
        holder.token,
        'formData.holderName',
      ],
      [
        'PUT',
        `/api/v1/me/applications/${draft.json.id}/draft`,
        { formData: { [`licence${NUL}Classes`]: 'A1' } },
        holder.token,
        'formData.licence\uFFFDClasses',
      ],
      [
        'PUT',
        `/api/v1/me/applications/${draft.json.id}/draft`,
        { formData: { holderName: '\ud800' } },
        holder.token,
        'formData.holderName',
      ],
      ['POST', '/api/v1/verify', { token: `1234${NUL}` }, undefined, 'token'],
    ];
    for (const [method, path, body, token, field] of cases) {
      const res = await t.api(path, { method, body, token });
      expect([path, res.status, res.json.code], res.text).toEqual([path, 400, 'BAD_REQUEST']);
      expect(res.json.message).toMatch(/[\u4e00-\u9fff]/);
      expect(Object.keys(res.json.fields ?? {})).toEqual([field]);
    }
    // The draft is as it was: nothing reached the database.
    const after = await t.api(`/api/v1/me/applications/${draft.json.id}`, { token: holder.token });
    expect(after.json.formData.holderName).toBe('张伟');
  });

  it('in a multipart text field (photo upload)', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('not read that far')], { type: 'image/jpeg' }), 'p.jpg');
    form.append('purpose', `PORTRAIT${NUL}`);
    const res = await fetch(`${t.baseUrl}/api/v1/me/photos`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${holder.token}` },
    });
    const json = (await res.json()) as { code: string; fields: Record<string, string> };
    expect([res.status, json.code, Object.keys(json.fields)]).toEqual([400, 'BAD_REQUEST', ['purpose']]);
  });

  it('in JSON escapes and in the raw text alike, on the fast verify path and through Koa', async () => {
    for (const rawBody of ['{"token":"1234\\u0000"}', '{"token":"\\ud83d"}']) {
      const fast = await t.api('/api/v1/verify', { rawBody });
      const koa = await t.api('/api/v1/verify', { rawBody, headers: { authorization: 'Bearer not-a-session' } });
      expect([fast.status, fast.json.code]).toEqual([400, 'BAD_REQUEST']);
      expect([koa.status, koa.json.code]).toEqual([400, 'BAD_REQUEST']);
      expect(fast.json.fields).toEqual(koa.json.fields);
    }
  });

  it('in a query string', async () => {
    const res = await t.api(`/api/v1/me/usage?certificateId=%00`, { token: holder.token });
    expect([res.status, res.json.code, res.json.fields]).toEqual([
      400,
      'BAD_REQUEST',
      { 'query.certificateId': '包含无效字符' },
    ]);
  });

  it('in an :id path parameter: 400, and the refused attempt is in the audit log', async () => {
    for (const path of [
      '/api/v1/me/certificates/%00',
      '/api/v1/me/applications/%00',
      '/api/v1/me/photos/ab%00cd',
      '/api/v1/me/shares/%00/revoke',
    ]) {
      const method = path.endsWith('/revoke') ? 'POST' : 'GET';
      const res = await t.api(path, { method, token: holder.token, ...(method === 'POST' ? { body: {} } : {}) });
      expect([path, res.status, res.json.code]).toEqual([path, 400, 'BAD_REQUEST']);
      const audit = await t.prisma.auditLog.findFirst({
        where: { action: 'request.input_refused', requestId: res.json.requestId },
      });
      expect(audit, path).toMatchObject({ actorKind: 'ACCOUNT', actorId: holder.accountId, outcome: 'DENIED' });
      expect(audit!.detail).toMatchObject({ part: 'params', reason: 'unstorable_text' });
    }
  });

  it('in a public path parameter: 400 for the anonymous caller too (not audited: appends are serialised)', async () => {
    const before = await t.prisma.auditLog.count();
    const res = await t.api('/api/v1/shares/%00');
    expect([res.status, res.json.code]).toEqual([400, 'BAD_REQUEST']);
    expect(await t.prisma.auditLog.count()).toBe(before);
  });

  it('ids that are not ids (control characters, bytes that are not UTF-8): 404, audited in a safe form', async () => {
    for (const path of [
      '/api/v1/me/certificates/%01%02',
      '/api/v1/me/certificates/%FF%FE',
      `/api/v1/me/certificates/${'x'.repeat(99)}`,
    ]) {
      const res = await t.api(path, { token: holder.token });
      expect([path, res.status, res.json.code]).toEqual([path, 404, 'NOT_FOUND']);
      const audit = await t.prisma.auditLog.findFirst({
        where: { action: 'certificate.access_denied', requestId: res.json.requestId },
      });
      expect(audit?.subjectId, path).toMatch(/^(unsafe:[0-9a-f]{32}|%FF%FE|x{64})$/);
    }
  });

  it('left no error-level log line behind', () => {
    expect(errorLines).toEqual([]);
  });
});

describe('a JSON body that is not UTF-8: 400 BAD_REQUEST, never U+FFFD', () => {
  const invalid = Buffer.concat([
    Buffer.from('{"username":"a'),
    Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
    Buffer.from('","password":"x"}'),
  ]);

  it('through Koa (also gzip-compressed) and on the fast verify path', async () => {
    expect(await sendBytes('/api/v1/staff/auth/login', invalid)).toMatchObject({
      status: 400,
      json: { code: 'BAD_REQUEST' },
    });
    expect(
      await sendBytes('/api/v1/staff/auth/login', gzipSync(invalid), { 'content-encoding': 'gzip' }),
    ).toMatchObject({ status: 400, json: { code: 'BAD_REQUEST' } });
    const token = Buffer.concat([Buffer.from('{"token":"12'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    expect(await sendBytes('/api/v1/verify', token)).toMatchObject({ status: 400, json: { code: 'BAD_REQUEST' } });
    expect(await sendBytes('/api/v1/verify', token, { authorization: 'Bearer not-a-session' })).toMatchObject({
      status: 400,
      json: { code: 'BAD_REQUEST' },
    });
  });

  it('valid UTF-8 (Chinese, emoji, a BOM) still passes; a truncated sequence does not', async () => {
    const ok = await sendBytes('/api/v1/staff/auth/login', Buffer.from('\uFEFF{"username":"张伟😀","password":"x"}'));
    expect([ok.status, ok.json.code]).toEqual([401, 'STAFF_LOGIN_FAILED']);
    const truncated = Buffer.concat([
      Buffer.from('{"username":"'),
      Buffer.from('伟').subarray(0, 2),
      Buffer.from('","password":"x"}'),
    ]);
    expect((await sendBytes('/api/v1/staff/auth/login', truncated)).json.code).toBe('BAD_REQUEST');
  });
});

describe('Authorization: the scheme name in any case (RFC 7235 §2.1)', () => {
  it('bearer, BEARER and Bearer open the same session', async () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
      const res = await t.api('/api/v1/me', { headers: { authorization: `${scheme} ${holder.token}` } });
      expect([scheme, res.status]).toEqual([scheme, 200]);
    }
    // Only the scheme: a token with its case changed is another token.
    const wrongCase = await t.api('/api/v1/me', { headers: { authorization: `Bearer ${holder.token.toUpperCase()}` } });
    expect(wrongCase.json.code).toBe('TOKEN_INVALID');
  });

  it('and for partner API keys', async () => {
    const key = generateApiKey();
    await t.prisma.partner.create({
      data: {
        name: '大小写测试平台',
        kind: 'SHIPPER',
        apiKeyHash: key.hash,
        apiKeyPrefix: key.prefix,
        scopes: ['check'],
        rateLimitPerMinute: 600,
      },
    });
    const body = {
      typeCode: 'D071',
      number: demo('driver-electronic').identityCode,
      name: demo('driver-electronic').name,
    };
    for (const scheme of ['Bearer', 'bearer']) {
      const res = await t.api('/api/v1/partner/check', { body, headers: { authorization: `${scheme} ${key.key}` } });
      expect([scheme, res.status], res.text).toEqual([scheme, 200]);
    }
  });
});
