import { readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HEIC_UNSUPPORTED_MESSAGE, photoUploadLimits } from '@roadcert/shared';
import { signInAccount, startTestApp, type TestApp } from '../../test/app';
import { createObjectStorage, type ObjectStorage } from '../../adapters/storage';
import { createFileUrlSigner } from '../../adapters/storage/file-url-signer';
import { createImagePipeline, type ImagePipeline } from '../../adapters/image';
import * as fixtures from '../../test/photo-fixtures';

/**
 * The photo API against the real app and database, with the real sharp pipeline and the
 * local storage driver. Storage and pipeline are wrapped so single tests can make a step
 * fail and prove that nothing is left behind.
 */
let t: TestApp;
let realStorage: ObjectStorage;
let realImages: ImagePipeline;
const faults = { failPutOf: null as RegExp | null, overrideWidth: null as number | null };

const storage: ObjectStorage = {
  driver: 'local',
  put: async (key, bytes, options) => {
    if (faults.failPutOf?.test(key)) throw new Error('injected storage failure');
    return realStorage.put(key, bytes, options);
  },
  get: (key) => realStorage.get(key),
  delete: (key) => realStorage.delete(key),
  list: (prefix) => realStorage.list(prefix),
  signedUrl: (key, options) => realStorage.signedUrl(key, options),
};
const images: ImagePipeline = {
  process: async (bytes, request) => {
    const outcome = await realImages.process(bytes, request);
    if (faults.overrideWidth !== null && outcome.processed)
      return { ...outcome, processed: { ...outcome.processed, width: faults.overrideWidth } };
    return outcome;
  },
};

let driverToken: string;
let otherToken: string;
const holderOf = new Map<string, string>();
let phonePhoto: Buffer;

beforeAll(async () => {
  t = await startTestApp({ storage, images });
  realStorage = createObjectStorage(t.deps.config, t.deps.keys);
  realImages = createImagePipeline(t.deps.config);
  for (const key of ['driver-paper', 'driver-ic']) {
    const signedIn = await signInAccount(t, { holderKey: key });
    const account = await t.prisma.account.findUniqueOrThrow({ where: { id: signedIn.accountId } });
    holderOf.set(signedIn.token, account.holderId!);
    if (key === 'driver-paper') driverToken = signedIn.token;
    else otherToken = signedIn.token;
  }
  phonePhoto = await fixtures.phonePortraitJpeg();
});
afterAll(() => t?.close());
afterEach(() => {
  faults.failPutOf = null;
  faults.overrideWidth = null;
});

type Part = { name: string; value: string } | { name: string; file: Buffer; filename: string; type?: string };

async function upload(token: string | null, parts: Part[]) {
  const form = new FormData();
  for (const p of parts) {
    if ('file' in p) form.append(p.name, new Blob([p.file], { type: p.type ?? 'image/jpeg' }), p.filename);
    else form.append(p.name, p.value);
  }
  const res = await fetch(`${t.baseUrl}/api/v1/me/photos`, {
    method: 'POST',
    body: form,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}
const photoPart = (file: Buffer, filename = 'photo.jpg', type?: string): Part => ({
  name: 'file',
  file,
  filename,
  ...(type ? { type } : {}),
});

/** Every file under the storage folder (relative paths). */
async function storedFiles(): Promise<string[]> {
  const dir = (t.deps.config.storage as { dir: string }).dir;
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

/** A signed URL is absolute (PUBLIC_BASE_URL); fetch its path and query from the test server. */
const fetchSigned = (url: string) => {
  const u = new URL(url);
  return fetch(`${t.baseUrl}${u.pathname}${u.search}`);
};

async function holderIdOf(token: string) {
  return holderOf.get(token)!;
}

describe('POST /api/v1/me/photos', () => {
  it('accepts a 12-MP phone photo: 201, verdict, signed links to a 358×441 JPEG without metadata, two private objects, one row, one audit record', async () => {
    const before = await storedFiles();
    const res = await upload(driverToken, [
      photoPart(phonePhoto, 'IMG_0001.HEIC'),
      { name: 'purpose', value: 'PORTRAIT' },
      { name: 'typeCode', value: 'D071' },
    ]);
    expect(res.status).toBe(201);
    const { verdict, photo } = res.json;
    expect(verdict.accepted).toBe(true);
    expect(verdict.checks).toHaveLength(6);
    expect(photo).toMatchObject({
      purpose: 'PORTRAIT',
      typeCode: 'D071',
      applicationId: null,
      width: 358,
      height: 441,
    });
    expect(Date.parse(photo.image.expiresAt) - Date.now()).toBeLessThanOrEqual(
      t.deps.config.storage.urlTtlSeconds * 1000,
    );
    expect(photo.image.url).toMatch(
      /\/api\/v1\/files\/photos\/[0-9a-f-]{36}\/\d{4}\/\d{2}\/[0-9a-f-]{36}\.processed\.jpg\?exp=\d+&sig=[\w-]{43}$/,
    );

    const image = await fetchSigned(photo.image.url);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(image.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    const bytes = Buffer.from(await image.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif, meta.icc, meta.xmp]).toEqual([
      'jpeg',
      358,
      441,
      undefined,
      undefined,
      undefined,
    ]);
    expect(fixtures.metadataMarkersIn(bytes)).toEqual({ exif: false, xmp: false, icc: false, gps: false });
    expect(bytes.length).toBe(photo.bytes);

    const original = Buffer.from(await (await fetchSigned(photo.original.url)).arrayBuffer());
    expect(fixtures.metadataMarkersIn(original)).toEqual({ exif: false, xmp: false, icc: false, gps: false });
    expect((await sharp(original).metadata()).height).toBeGreaterThan((await sharp(original).metadata()).width!);

    const holderId = await holderIdOf(driverToken);
    const added = (await storedFiles()).filter((f) => !before.includes(f));
    expect(added.sort()).toEqual([
      expect.stringMatching(new RegExp(`^photos/${holderId}/\\d{4}/\\d{2}/[0-9a-f-]{36}\\.original\\.jpg$`)),
      expect.stringMatching(/\.processed\.jpg$/),
    ]);
    const row = await t.prisma.photo.findUniqueOrThrow({ where: { id: photo.id } });
    expect(row).toMatchObject({ holderId, state: 'ACCEPTED', purpose: 'PORTRAIT', width: 358, height: 441 });
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(row.verdict).toMatchObject({
      accepted: true,
      typeCode: 'D071',
      format: 'jpeg',
      source: { width: 3000, height: 4000 },
    });
    const audit = await t.prisma.auditLog.findFirst({ where: { action: 'photo.upload', subjectId: photo.id } });
    expect(audit).toMatchObject({ outcome: 'OK' });
  });

  it('rejects a dark photo: 422 PHOTO_REJECTED with the verdict and each failed check’s reason, and stores nothing', async () => {
    const before = await storedFiles();
    const rows = await t.prisma.photo.count();
    const res = await upload(driverToken, [photoPart(await fixtures.darkJpeg())]);
    expect(res.status).toBe(422);
    expect(res.json.code).toBe('PHOTO_REJECTED');
    expect(res.json.message).toMatch(/太暗/);
    expect(res.json.fields.BRIGHTNESS).toMatch(/太暗/);
    expect(res.json.verdict.accepted).toBe(false);
    expect(res.json.verdict.checks.find((c: { check: string }) => c.check === 'BRIGHTNESS')).toMatchObject({
      passed: false,
      threshold: { min: 65, max: 215 },
    });
    expect(await storedFiles()).toEqual(before);
    expect(await t.prisma.photo.count()).toBe(rows);
  });

  it.each([
    ['a text file named .jpg (declared image/jpeg)', 415, 'PHOTO_UNSUPPORTED_FORMAT', () => fixtures.textNamedJpg()],
    ['an HEIC photo', 415, 'PHOTO_UNSUPPORTED_FORMAT', () => fixtures.heicSample()],
    ['a pixel bomb', 400, 'PHOTO_TOO_MANY_PIXELS', () => fixtures.pixelBombPng()],
    ['a truncated JPEG', 400, 'PHOTO_CORRUPT', () => fixtures.truncatedJpeg()],
    ['an animated WebP', 400, 'PHOTO_ANIMATED', () => fixtures.animatedWebp()],
    ['a panorama', 400, 'PHOTO_BAD_ASPECT', () => fixtures.panoramaJpeg()],
  ] as const)('refuses %s → %i %s, nothing stored', async (name, status, code, build) => {
    const before = await storedFiles();
    const res = await upload(driverToken, [photoPart(await build())]);
    expect([res.status, res.json.code]).toEqual([status, code]);
    if (name === 'an HEIC photo') expect(res.json.message).toBe(HEIC_UNSUPPORTED_MESSAGE);
    expect(await storedFiles()).toEqual(before);
  });

  it('stops reading at 10 MB + 1 byte: 413 PHOTO_TOO_LARGE, nothing stored', async () => {
    const before = await storedFiles();
    const tooBig = Buffer.alloc(photoUploadLimits.maxBytes + 1, 0x41);
    tooBig.set([0xff, 0xd8, 0xff, 0xe0]);
    const res = await upload(driverToken, [photoPart(tooBig)]);
    expect([res.status, res.json.code]).toEqual([413, 'PHOTO_TOO_LARGE']);
    expect(await storedFiles()).toEqual(before);
  });

  it('enforces the limit on a chunked upload too (no Content-Length to trust)', async () => {
    const boundary = 'roadcertBoundary1234';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    );
    let sent = 0;
    const chunk = Buffer.alloc(256 * 1024, 0x42);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(head);
        if (sent > photoUploadLimits.maxBytes + 2 * chunk.length) {
          controller.enqueue(Buffer.from(`\r\n--${boundary}--\r\n`));
          controller.close();
          return;
        }
        controller.enqueue(chunk);
        sent += chunk.length;
      },
    });
    const res = await fetch(`${t.baseUrl}/api/v1/me/photos`, {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { authorization: `Bearer ${driverToken}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { code: string }).code).toBe('PHOTO_TOO_LARGE');
  });

  it('refuses a declared Content-Length over the limit before reading the body', async () => {
    const res = await fetch(`${t.baseUrl}/api/v1/me/photos`, {
      method: 'POST',
      body: Buffer.alloc(photoUploadLimits.maxBytes + 100 * 1024),
      headers: { authorization: `Bearer ${driverToken}`, 'content-type': 'multipart/form-data; boundary=x' },
    });
    expect([res.status, ((await res.json()) as { code: string }).code]).toEqual([413, 'PHOTO_TOO_LARGE']);
  });

  it('validates the request: multipart only, one file named "file", a sane crop box and type', async () => {
    expect((await t.api('/api/v1/me/photos', { token: driverToken, body: { file: 'x' } })).json.code).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect((await upload(driverToken, [{ name: 'purpose', value: 'PORTRAIT' }])).json.code).toBe('PHOTO_MISSING');
    const two = await upload(driverToken, [photoPart(phonePhoto), photoPart(phonePhoto)]);
    expect([two.status, two.json.code]).toEqual([400, 'VALIDATION_FAILED']);
    const badCrop = await upload(driverToken, [
      photoPart(await fixtures.portraitAs('jpeg')),
      { name: 'cropBox', value: '{"x":0.5,"y":0,"width":0.8,"height":0.9}' },
    ]);
    expect([badCrop.status, Object.keys(badCrop.json.fields)]).toEqual([400, ['cropBox.width']]);
    const notJson = await upload(driverToken, [
      photoPart(await fixtures.portraitAs('jpeg')),
      { name: 'cropBox', value: 'full' },
    ]);
    expect(notJson.json.fields.cropBox).toBe('裁剪框格式不正确');
    const wrongAspect = await upload(driverToken, [
      photoPart(await fixtures.portraitAs('jpeg')),
      { name: 'cropBox', value: '{"x":0,"y":0,"width":1,"height":0.5}' },
    ]);
    expect(wrongAspect.json.code).toBe('PHOTO_BAD_CROP');
    const operatorType = await upload(driverToken, [
      photoPart(await fixtures.portraitAs('jpeg')),
      { name: 'typeCode', value: 'D008' },
    ]);
    expect(operatorType.json.fields).toEqual({ typeCode: '该证照类型不需要照片' });
  });

  it('applies a user crop box', async () => {
    const { bytes, cropBox } = await fixtures.distantPortraitJpeg();
    const res = await upload(driverToken, [photoPart(bytes), { name: 'cropBox', value: JSON.stringify(cropBox) }]);
    expect(res.status).toBe(201);
    expect(res.json.verdict.crop.x).toBeCloseTo(cropBox.x, 2);
    expect(
      res.json.verdict.checks.find((c: { check: string }) => c.check === 'RESOLUTION').measured,
    ).toBeGreaterThanOrEqual(995);
  });

  it('stores an evidence photo as one cleaned copy, no portrait checks', async () => {
    const res = await upload(driverToken, [photoPart(phonePhoto), { name: 'purpose', value: 'EVIDENCE' }]);
    expect(res.status).toBe(201);
    expect(res.json.verdict).toEqual({ accepted: true, crop: null, checks: [] });
    expect(res.json.photo).toMatchObject({ purpose: 'EVIDENCE', width: 1536, height: 2048 });
    expect(res.json.photo.image.url).toMatch(/\.original\.jpg\?/);
  });

  it('links to the caller’s own application; another holder’s application is a 404 (audited)', async () => {
    const holderId = await holderIdOf(driverToken);
    const otherHolderId = await holderIdOf(otherToken);
    const own = await t.prisma.application.create({
      data: { holderId, typeCode: 'D071', kind: 'CONVERSION', areaCode: '440100' },
    });
    const theirs = await t.prisma.application.create({
      data: { holderId: otherHolderId, typeCode: 'D071', kind: 'CONVERSION', areaCode: '440100' },
    });
    const photo = await fixtures.portraitAs('jpeg');

    const ok = await upload(driverToken, [photoPart(photo), { name: 'applicationId', value: own.id }]);
    expect(ok.status).toBe(201);
    expect(ok.json.photo).toMatchObject({ applicationId: own.id, typeCode: 'D071' });

    const before = await storedFiles();
    const denied = await upload(driverToken, [photoPart(photo), { name: 'applicationId', value: theirs.id }]);
    expect([denied.status, denied.json.code]).toEqual([404, 'NOT_FOUND']);
    expect(await storedFiles()).toEqual(before);
    expect(
      await t.prisma.auditLog.findFirst({ where: { action: 'photo.application_denied', subjectId: theirs.id } }),
    ).toMatchObject({ outcome: 'DENIED' });
  });

  it('needs a signed-in holder', async () => {
    expect((await upload(null, [photoPart(phonePhoto)])).json.code).toBe('UNAUTHENTICATED');
    const unbound = await signInAccount(t);
    expect((await upload(unbound.token, [photoPart(phonePhoto)])).json.code).toBe('REAL_NAME_REQUIRED');
  });

  it('a failed storage write leaves nothing behind (503, the other object removed, no row)', async () => {
    const before = await storedFiles();
    const rows = await t.prisma.photo.count();
    faults.failPutOf = /\.processed\.jpg$/;
    const res = await upload(driverToken, [photoPart(await fixtures.portraitAs('jpeg'))]);
    expect([res.status, res.json.code]).toEqual([503, 'UPSTREAM_UNAVAILABLE']);
    expect(await storedFiles()).toEqual(before);
    expect(await t.prisma.photo.count()).toBe(rows);
  });

  it('a failed database write removes the objects already written (500, nothing left)', async () => {
    const before = await storedFiles();
    const rows = await t.prisma.photo.count();
    faults.overrideWidth = 2 ** 40; // out of range for the INT column: the INSERT fails
    const res = await upload(driverToken, [photoPart(await fixtures.portraitAs('jpeg'))]);
    expect(res.status).toBe(500);
    expect(await storedFiles()).toEqual(before);
    expect(await t.prisma.photo.count()).toBe(rows);
  });
});

describe('GET and DELETE /api/v1/me/photos/:id, signed file links', () => {
  let photoId: string;
  let imageUrl: string;

  beforeAll(async () => {
    const res = await upload(driverToken, [photoPart(await fixtures.portraitAs('webp'), 'x.webp', 'image/webp')]);
    expect(res.status).toBe(201);
    photoId = res.json.photo.id;
    imageUrl = res.json.photo.image.url;
  });

  it('returns the photo with fresh signed links', async () => {
    const res = await t.api(`/api/v1/me/photos/${photoId}`, { token: driverToken });
    expect(res.status).toBe(200);
    expect(res.json.photo.id).toBe(photoId);
    expect(res.json.verdict.accepted).toBe(true);
    expect((await fetchSigned(res.json.photo.image.url)).status).toBe(200);
    expect(res.text).not.toMatch(/photos\/[0-9a-f-]{36}\/\d{4}\/\d{2}\/[0-9a-f-]{36}\.processed\.jpg(?!\?)/); // keys only inside signed URLs
  });

  it("another holder's photo, a made-up id or garbage → the same 404, audited", async () => {
    for (const id of [photoId, '0190d8d2-0000-7000-8000-000000000001', 'not-a-uuid']) {
      const res = await t.api(`/api/v1/me/photos/${id}`, { token: otherToken });
      expect([res.status, res.json.code]).toEqual([404, 'NOT_FOUND']);
      expect((await t.api(`/api/v1/me/photos/${id}`, { token: otherToken, method: 'DELETE' })).status).toBe(404);
    }
    expect(await t.prisma.auditLog.count({ where: { action: 'photo.access_denied', subjectId: photoId } })).toBe(2);
    expect((await t.api(`/api/v1/me/photos/${photoId}`, { token: driverToken })).status).toBe(200);
  });

  it('signed links: tampered or missing signature → 403 FILE_LINK_INVALID, expired → 403 FILE_LINK_EXPIRED', async () => {
    const u = new URL(imageUrl);
    const key = u.pathname.replace('/api/v1/files/', '');
    const sig = u.searchParams.get('sig')!;
    const tampered = `${t.baseUrl}${u.pathname}?exp=${u.searchParams.get('exp')}&sig=${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await (await fetch(tampered)).json()).toMatchObject({ code: 'FILE_LINK_INVALID' });
    expect((await fetch(`${t.baseUrl}${u.pathname}`)).status).toBe(403);
    const otherKey = `${t.baseUrl}${u.pathname.replace('.processed.jpg', '.original.jpg')}${u.search}`;
    expect(await (await fetch(otherKey)).json()).toMatchObject({ code: 'FILE_LINK_INVALID' });
    const signer = createFileUrlSigner(t.deps.keys.sessionTokenKey);
    const past = Math.floor(Date.now() / 1000) - 1;
    const expired = await fetch(`${t.baseUrl}${u.pathname}?exp=${past}&sig=${signer.sign(key, past)}`);
    expect([expired.status, ((await expired.json()) as { code: string }).code]).toEqual([403, 'FILE_LINK_EXPIRED']);
  });

  it('refuses to delete a photo on an issued certificate (409 PHOTO_IN_USE)', async () => {
    const holderId = await holderIdOf(driverToken);
    const upload1 = await upload(driverToken, [photoPart(await fixtures.portraitAs('jpeg'))]);
    const certificate = await t.prisma.certificate.findFirstOrThrow({ where: { holderId } });
    await t.prisma.certificate.update({
      where: { id: certificate.id },
      data: { portraitPhotoId: upload1.json.photo.id },
    });
    const res = await t.api(`/api/v1/me/photos/${upload1.json.photo.id}`, { token: driverToken, method: 'DELETE' });
    expect([res.status, res.json.code]).toEqual([409, 'PHOTO_IN_USE']);
    await t.prisma.certificate.update({ where: { id: certificate.id }, data: { portraitPhotoId: null } });
  });

  it('deletes: objects first, then the row (DELETED); links stop working; a second delete is a 404', async () => {
    const row = await t.prisma.photo.findUniqueOrThrow({ where: { id: photoId } });
    const res = await t.api(`/api/v1/me/photos/${photoId}`, { token: driverToken, method: 'DELETE' });
    expect(res.status).toBe(204);
    const files = await storedFiles();
    expect(files).not.toContain(row.originalKey);
    expect(files).not.toContain(row.processedKey);
    expect(await t.prisma.photo.findUniqueOrThrow({ where: { id: photoId } })).toMatchObject({
      state: 'DELETED',
      deletedAt: expect.any(Date),
    });
    expect((await fetchSigned(imageUrl)).status).toBe(404);
    expect((await t.api(`/api/v1/me/photos/${photoId}`, { token: driverToken })).status).toBe(404);
    expect((await t.api(`/api/v1/me/photos/${photoId}`, { token: driverToken, method: 'DELETE' })).status).toBe(404);
    expect(await t.prisma.auditLog.findFirst({ where: { action: 'photo.delete', subjectId: photoId } })).toMatchObject({
      outcome: 'OK',
    });
  });

  it('documents the upload as multipart/form-data in OpenAPI', () => {
    const paths = t.openapi.paths as Record<
      string,
      Record<string, { requestBody?: { content?: Record<string, unknown> } }>
    >;
    expect(Object.keys(paths['/api/v1/me/photos']?.post?.requestBody?.content ?? {})).toEqual(['multipart/form-data']);
    expect(paths['/api/v1/me/photos/{id}']?.delete).toBeDefined();
    expect(paths['/api/v1/files/{key}']?.get).toBeDefined();
  });
});
