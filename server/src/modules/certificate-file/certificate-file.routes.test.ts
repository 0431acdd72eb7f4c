import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHolders } from '../../seed/demo-holders';
import { demoStaff } from '../../seed/staff';
import { signInDemoHolder, staffSessionToken, startTestApp, type TestApp } from '../../test/app';
import { generateApiKey } from '../partners';
import { fileSignerOf } from './file-signer';
import { sampleSigningKey } from '../../test/certificate-file-fixtures';
import { signOfdPackage, SIGNATURE_XML, SIGNED_VALUE, SIGNER_KEY } from './ofd-signature';

let t: TestApp;
let holder: string;
let reviewer: string;
let certificateId: string;

beforeAll(async () => {
  t = await startTestApp({ env: { PUBLIC_BASE_URL: 'https://roadcert.jtt.example.gov.cn' } });
  holder = (await signInDemoHolder(t, 'driver-electronic')).token;
  reviewer = await staffSessionToken(t, demoStaff.username);
  const wang = demoHolders.find((h) => h.key === 'driver-electronic')!;
  const holderRow = await t.prisma.holder.findFirstOrThrow({
    where: { idNumberHash: t.deps.fieldCrypto.blindIndex(wang.identityCode, 'id-number') },
  });
  certificateId = (
    await t.prisma.certificate.findFirstOrThrow({
      where: { holderId: holderRow.id, carrier: 'ELECTRONIC', status: 'VALID' },
      orderBy: { createdAt: 'asc' },
    })
  ).id;
}, 60_000);
afterAll(() => t?.close());

/** Follows a download link the way a client does (local storage: /api/v1/files/… signed URL). */
async function download(url: string) {
  const res = await fetch(new URL(new URL(url).pathname + new URL(url).search, t.baseUrl));
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

async function files(token = holder, id = certificateId) {
  const res = await t.api(`/api/v1/certificates/${id}/files`, { token });
  return res;
}

async function ownFile(format: 'ofd' | 'pdf') {
  const res = await files();
  expect(res.status, res.text).toBe(200);
  return download(res.json.files.find((f: { format: string }) => f.format === format).url);
}

const upload = (bytes: Uint8Array, headers: Record<string, string> = {}) =>
  fetch(`${t.baseUrl}/api/v1/verify/certificate-file`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...headers },
    body: new Uint8Array(bytes),
  }).then(async (res) => ({ status: res.status, json: (await res.json()) as Record<string, unknown> }));

const setStatus = (status: string) =>
  t.api(`/api/v1/staff/certificates/${certificateId}/status`, {
    token: reviewer,
    body: { status, reason: '测试原因' },
  });

/** The package with one file changed, zipped again (the zip itself stays well-formed). */
function repack(ofd: Buffer, change: (files: Record<string, Uint8Array>) => void) {
  const files = unzipSync(new Uint8Array(ofd));
  change(files);
  return Buffer.from(zipSync(files));
}

describe('download', () => {
  it('gives the holder both files of their certificate, made once and kept', async () => {
    const res = await files();
    expect(res.status, res.text).toBe(200);
    expect(res.json.files.map((f: { format: string }) => f.format)).toEqual(['ofd', 'pdf']);
    const [ofd, pdf] = await Promise.all(res.json.files.map((f: { url: string }) => download(f.url)));
    expect(ofd!.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    expect(pdf!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(ofd!.length).toBeLessThan(150 * 1024);
    expect(pdf!.length).toBeLessThan(300 * 1024);
    const again = await files();
    expect(again.json.files.map((f: { bytes: number }) => f.bytes)).toEqual(
      res.json.files.map((f: { bytes: number }) => f.bytes),
    );
    expect(again.json.generatedAt).toBe(res.json.generatedAt);
  });

  it("answers another person's certificate as the certificates API does (not found)", async () => {
    const other = (await signInDemoHolder(t, 'driver-ride-hailing')).token;
    const res = await files(other);
    const direct = await t.api(`/api/v1/me/certificates/${certificateId}`, { token: other });
    expect(res.status).toBe(direct.status);
    expect(res.json.code).toBe(direct.json.code);
    expect((await files(holder, '00000000-0000-7000-8000-000000000000')).status).toBe(404);
  });

  it('lets the workbench fetch the file to print', async () => {
    const res = await t.api(`/api/v1/staff/certificates/${certificateId}/files`, { token: reviewer });
    expect(res.status, res.text).toBe(200);
    expect((await download(res.json.files[1].url)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await t.api(`/api/v1/staff/certificates/${certificateId}/files`, { token: holder })).status).toBe(403);
  });

  it('makes a 加注件 with the purpose and expiry in its metadata; it verifies as valid', async () => {
    const res = await t.api(`/api/v1/certificates/${certificateId}/files/annotated`, {
      token: holder,
      body: { cause: '货主核验运输资质', expiresOn: '2030-01-31' },
    });
    expect(res.status, res.text).toBe(200);
    const ofd = await download(res.json.files[0].url);
    const ofdXml = Buffer.from(unzipSync(new Uint8Array(ofd))['OFD.xml']!).toString('utf8');
    expect(ofdXml).toContain('<ofd:CustomData Name="加注件制作事由">货主核验运输资质</ofd:CustomData>');
    expect(ofdXml).toContain('20300131');
    expect((await upload(ofd)).json.verdict).toBe('valid');
  });
});

describe('lifecycle', () => {
  it('the job makes the files of recently signed certificates ahead of the first download, once', async () => {
    const since = new Date(Date.now() - 3650 * 86_400_000);
    // `made` counts files the job made, not certificates it looked at (some were downloaded above).
    const first = await t.deps.certificateFiles.makeRecent(since, 50);
    expect(first.made).toBeGreaterThan(0);
    const keys = await t.deps.storage.list(`certificate-files/${certificateId}/`);
    expect(keys.filter((k) => /\/v\d+-[0-9a-f]{16}\.(ofd|pdf)$/.test(k))).toHaveLength(2);
    expect(await t.deps.certificateFiles.makeRecent(since, 50)).toEqual({ made: 0 });
    expect(await t.deps.storage.list(`certificate-files/${certificateId}/`)).toEqual(keys);
  });

  it('a new signature (new version or re-signed data) is a new file; a status change is not', async () => {
    const before = (await files()).json.files[1].url as string;
    expect((await setStatus('SUSPENDED')).status).toBe(200);
    expect((await files()).json.files[1].url.split('?')[0]).toBe(before.split('?')[0]);
    expect((await setStatus('VALID')).status).toBe(200);
    const row = await t.prisma.certificate.findUniqueOrThrow({ where: { id: certificateId } });
    await t.prisma.certificate.update({
      where: { id: certificateId },
      data: { signature: new Uint8Array([...row.signature!].reverse()) },
    });
    try {
      expect((await files()).json.files[1].url.split('?')[0]).not.toBe(before.split('?')[0]);
    } finally {
      await t.prisma.certificate.update({ where: { id: certificateId }, data: { signature: row.signature } });
    }
  });
});

describe('verification of an uploaded file', () => {
  it('says valid for the holder’s OFD and PDF', async () => {
    for (const format of ['ofd', 'pdf'] as const) {
      const res = await upload(await ownFile(format));
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ verdict: 'valid', format, problems: [] });
      expect(res.json.certificate).toMatchObject({ status: 'VALID' });
    }
  });

  it('says altered when one byte of any file in the package changes', async () => {
    const ofd = await ownFile('ofd');
    const names = Object.keys(unzipSync(new Uint8Array(ofd)));
    expect(names.length).toBeGreaterThanOrEqual(10);
    for (const name of names) {
      const changed = repack(ofd, (files) => {
        const bytes = files[name]!;
        const at = Math.floor(bytes.length / 2);
        bytes[at] = bytes[at]! ^ 0x01;
      });
      const res = await upload(changed);
      expect(res.json.verdict, name).toBe('altered');
    }
  });

  it('says altered for a file added to or removed from the package, and for a changed PDF byte', async () => {
    const ofd = await ownFile('ofd');
    const added = await upload(repack(ofd, (files) => (files['Doc_0/Res/extra.txt'] = strToU8('x'))));
    expect(added.json).toMatchObject({ verdict: 'altered', problems: ['unreferenced:/Doc_0/Res/extra.txt'] });
    const removed = await upload(repack(ofd, (files) => delete files['Doc_0/Attachs/CertificateData.json']));
    expect(removed.json.verdict).toBe('altered');

    const pdf = await ownFile('pdf');
    for (const at of [100, Math.floor(pdf.length / 2), pdf.length - 40]) {
      const changed = Buffer.from(pdf);
      changed[at] = changed[at]! ^ 0x01;
      expect((await upload(changed)).json.verdict, `byte ${at}`).toBe('altered');
    }
  });

  it('says unknown signer for a consistent package signed by another key', async () => {
    const ofd = await ownFile('ofd');
    const forged = repack(ofd, (files) => {
      for (const name of [SIGNATURE_XML, SIGNED_VALUE, SIGNER_KEY, 'Doc_0/Signs/Signatures.xml']) delete files[name];
      Object.assign(files, signOfdPackage(files, fileSignerOf(sampleSigningKey('someone-else')), new Date()));
    });
    expect((await upload(forged)).json.verdict).toBe('unknown_signer');
  });

  it('shows 已暂扣 for the same file after the reviewer suspends the certificate, valid again after restoring', async () => {
    const [ofd, pdf] = [await ownFile('ofd'), await ownFile('pdf')];
    expect((await setStatus('SUSPENDED')).status).toBe(200);
    try {
      for (const file of [ofd, pdf]) {
        const res = await upload(file);
        expect(res.json.verdict).toBe('not_valid');
        expect(res.json.message).toContain('已暂扣');
        expect(res.json.certificate).toMatchObject({ status: 'SUSPENDED', statusLabel: '已暂扣' });
      }
    } finally {
      expect((await setStatus('VALID')).status).toBe(200);
    }
    expect((await upload(ofd)).json.verdict).toBe('valid');
  });

  it('refuses what it cannot check with clear codes and changes nothing', async () => {
    expect((await upload(Buffer.from('hello, not a certificate'))).json.code).toBe('CERTIFICATE_FILE_TYPE');
    const big = Buffer.alloc(2 * 1024 * 1024 + 1, 0x25);
    const tooBig = await upload(big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.json.code).toBe('CERTIFICATE_FILE_TOO_LARGE');
    // A zip bomb: 3 MB of zeros declared as one entry (over the per-entry cap).
    const bomb = await upload(zipSync({ 'OFD.xml': new Uint8Array(3 * 1024 * 1024) }));
    expect(bomb.json.code).toBe('CERTIFICATE_FILE_INVALID');
    // Path traversal and too many entries.
    expect((await upload(zipSync({ '../OFD.xml': strToU8('<x/>') }))).json.code).toBe('CERTIFICATE_FILE_INVALID');
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i < 100; i++) many[`f${i}.xml`] = strToU8('<x/>');
    expect((await upload(zipSync(many))).json.code).toBe('CERTIFICATE_FILE_INVALID');
    // A truncated package.
    const ofd = await ownFile('ofd');
    expect((await upload(ofd.subarray(0, ofd.length - 30))).json.code).toBe('CERTIFICATE_FILE_INVALID');
  });

  it('is open to partners with a verify key', async () => {
    const key = generateApiKey();
    await t.prisma.partner.create({
      data: {
        name: `测试平台${key.prefix}`,
        kind: 'SHIPPER',
        apiKeyHash: key.hash,
        apiKeyPrefix: key.prefix,
        scopes: ['verify'],
        rateLimitPerMinute: 600,
      },
    });
    const call = (headers: Record<string, string>, body: Uint8Array) =>
      fetch(`${t.baseUrl}/api/v1/partner/certificate-files/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/pdf', ...headers },
        body: new Uint8Array(body),
      });
    const pdf = await ownFile('pdf');
    expect((await call({}, pdf)).status).toBe(401);
    const res = await call({ authorization: `Bearer ${key.key}` }, pdf);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { verdict: string }).verdict).toBe('valid');
  });
});
