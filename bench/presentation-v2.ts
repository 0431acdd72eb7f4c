import { createHmac } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { maskPersonName, type PresentationBatch } from '@roadcert/shared';
import {
  anchorSigningInput,
  base64urlDecode,
  chainContext,
  checkToken,
  deriveTokenV2,
  encodeAnchorBody,
  encodeToken,
  fitTokenText,
  hashDown,
  heldQrAt,
  qrTextToToken,
  sm2Sm3Suite,
  TOKEN_V2_MAX_TEXT_BYTES,
  tokenToQrText,
  trustedKeysFromList,
  type TokenClaims,
} from '@roadcert/shared/presentation';
import { sm2PrivateScalar } from '../server/src/lib/sm2-der';

/**
 * Presentation token version 1 (today's design until this change: 1,440 SM2-signed tokens per
 * 24-h batch, signed again at every opening) beside version 2 (one anchor per 2-hour interval,
 * a hash chain the phone walks), in one run (docs/presentation-token.md, "Version 2: measured"):
 *
 * 1. Signatures and CPU per holder-day, 1 opening and 5 openings spread over the day. Version 1:
 *    the batch loop as the endpoint ran it (encode, SM2 sign, QR text, JSON, gzip) in this
 *    process. Version 2: the real endpoint of an in-process app (whole request: access check,
 *    database, anchors, JSON, gzip — so an upper bound of its signing CPU); the clock is moved
 *    to each opening's time, signatures counted by the service.
 * 2. Bytes a phone downloads and keeps for a day offline, raw and gzipped.
 * 3. Verify CPU per scan: checkToken on a version-1 token vs version-2 tokens of minute 0
 *    (1 SM3 block), 60 (the mean) and 119 (the worst), median of interleaved rounds.
 *
 * `node --import tsx bench/presentation-v2.ts` (TEST_DATABASE_URL: a migrated clone; else PGlite).
 */
const OPENINGS_HOURS = [0, 2.5, 5, 9, 14]; // the five openings of a day, hours after the first
const ROUNDS = 5;
const ROUND_MS = 600;

const cpuMs = (fn: () => unknown) => {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
};
async function cpuMsAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const before = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(before);
  return { ms: (used.user + used.system) / 1000, value };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
function perOpUs(fn: () => unknown, ms: number): number {
  let n = 0;
  const started = performance.now();
  while (performance.now() - started < ms) {
    fn();
    n += 1;
  }
  return ((performance.now() - started) * 1000) / n;
}

const { default: migrate } = await import('../server/src/test/global-setup');
await migrate();
const { signInAccount, startTestApp } = await import('../server/src/test/app');
const t = await startTestApp({ env: { PUBLIC_BASE_URL: 'https://roadcert.jtt.example.gov.cn' } });
const realNow = Date.now.bind(Date);
try {
  const holderAccount = await signInAccount(t, { holderKey: 'driver-electronic' });
  const cert = await t.prisma.certificate.findFirstOrThrow({
    where: {
      holderId: (await t.prisma.account.findUniqueOrThrow({ where: { id: holderAccount.accountId } })).holderId!,
      carrier: 'ELECTRONIC',
      activatedAt: { not: null },
    },
    include: { holder: true },
  });
  const d = sm2PrivateScalar(t.deps.keys.signing.privateKey);
  const keys = trustedKeysFromList(
    (await t.api('/.well-known/roadcert/keys.json')).json as Parameters<typeof trustedKeysFromList>[0],
  );

  // ── version 1: the batch loop of the endpoint before this change ──
  const face = (
    (await t.api(`/api/v1/me/certificates/${cert.id}/presentation`, { token: holderAccount.token }))
      .json as PresentationBatch
  ).face;
  const statusIndex = (await t.prisma.certificate.findUniqueOrThrow({ where: { id: cert.id } })).statusIndex!;
  const kid = keys.find((k) => k.alg === 'SM2-SM3')!.kid;
  const v1Claims: Omit<TokenClaims, 'notBefore' | 'notAfter'> = {
    alg: 'SM2-SM3',
    kid,
    certificateId: cert.id,
    typeCode: cert.typeCode,
    status: 'VALID',
    epoch: cert.presentationEpoch,
    statusIndex,
    validUntil: cert.validUntil ? cert.validUntil.toISOString().slice(0, 10) : null,
    ...fitTokenText(maskPersonName(cert.holder.name), cert.numberMasked),
  };
  function v1Batch(at: number) {
    const first = Math.floor(at / 1000 / 60) * 60;
    const tokens = [];
    for (let i = 0; i < 1440; i++) {
      const notBefore = first + i * 60;
      const bytes = encodeToken({ ...v1Claims, notBefore, notAfter: notBefore + 60 }, (body) =>
        sm2Sm3Suite.sign(body, d),
      );
      tokens.push({
        qrText: tokenToQrText('https://roadcert.jtt.example.gov.cn', bytes),
        notBefore: new Date(notBefore * 1000).toISOString(),
        notAfter: new Date((notBefore + 60) * 1000).toISOString(),
      });
    }
    const json = JSON.stringify({
      face,
      tokens,
      windowSeconds: 60,
      generatedAt: new Date().toISOString(),
      alg: 'SM2-SM3',
      kid,
    });
    return { json, gzip: gzipSync(json) };
  }
  const t0 = realNow();
  let v1Json = '';
  let v1Gzip = 0;
  const v1Cpu = OPENINGS_HOURS.map((h) =>
    cpuMs(() => {
      const out = v1Batch(t0 + h * 3600_000);
      v1Json = out.json;
      v1Gzip = out.gzip.length;
    }),
  );
  const v1Token = qrTextToToken(JSON.parse(v1Json).tokens[0].qrText);

  // ── version 2: the real endpoint, at each opening's time ──
  await t.prisma.presentationAnchor.deleteMany({ where: { certificateId: cert.id } });
  const v2: { signatures: number; cpu: number; raw: number; gzip: number }[] = [];
  let material: PresentationBatch | null = null;
  // Day 1 from nothing, then day 2 with the same openings: day 2 is the steady state (day 1
  // also signs the intervals reaching into day 2, which day 2 then reuses).
  for (const h of [...OPENINGS_HOURS, ...OPENINGS_HOURS.map((x) => x + 24)]) {
    const at = t0 + h * 3600_000;
    Date.now = () => realNow() - t0 + at;
    const account = await signInAccount(t, { holderKey: 'driver-electronic', phone: holderAccount.phone });
    const signedBefore = t.deps.holderTokens.signatureCount();
    const { ms, value: res } = await cpuMsAsync(() =>
      t.api(`/api/v1/me/certificates/${cert.id}/presentation`, {
        token: account.token,
        headers: { 'accept-encoding': 'identity' },
      }),
    );
    if (res.status !== 200) throw new Error(`material: ${res.status} ${res.text}`);
    material ??= res.json as PresentationBatch;
    v2.push({
      signatures: t.deps.holderTokens.signatureCount() - signedBefore,
      cpu: ms,
      raw: Buffer.byteLength(res.text),
      gzip: gzipSync(res.text).length,
    });
  }
  Date.now = realNow;
  const { face: _face, ...offline } = material!;
  const offlineJson = JSON.stringify(offline);

  // ── verify CPU per scan ──
  const interval = material!.intervals[0]!;
  const anchor = base64urlDecode(interval.anchor)!;
  const seed = base64urlDecode(interval.seed)!;
  const start = Date.parse(interval.start);
  const v2Tokens = [0, 60, 119].map((minute) => ({ minute, bytes: deriveTokenV2(anchor, seed, minute) }));
  const v1Now = Date.parse(JSON.parse(v1Json).tokens[0].notBefore) + 10_000;
  const checkV1 = () => checkToken(v1Token, { keys, now: v1Now });
  const checksV2 = v2Tokens.map(({ minute, bytes }) => {
    const now = start + minute * 60_000 + 10_000;
    return () => checkToken(bytes, { keys, now });
  });
  if (checkV1().verdict !== 'VALID') throw new Error(`v1 check: ${checkV1().verdict}`);
  for (const check of checksV2) if (check().verdict !== 'VALID') throw new Error(`v2 check: ${check().verdict}`);
  // The phone holds w_n: minute 0 is its longest walk (119 steps).
  const derive = () => heldQrAt(material!, start + 1);
  perOpUs(checkV1, 300);
  const rounds: { v1: number; v2: number[] }[] = [];
  for (let r = 0; r < ROUNDS; r++)
    rounds.push({ v1: perOpUs(checkV1, ROUND_MS), v2: checksV2.map((check) => perOpUs(check, ROUND_MS)) });
  const v1Us = median(rounds.map((r) => r.v1));
  const v2Us = [0, 1, 2].map((i) => median(rounds.map((r) => r.v2[i]!)));
  const ratios = [0, 1, 2].map((i) => median(rounds.map((r) => r.v2[i]! / r.v1)));
  const deriveUs = perOpUs(derive, ROUND_MS);
  // The chain walk alone (the verifier's extra work for the worst minute), and the signing work
  // per v1 token / per v2 anchor, as the two endpoints do it.
  const ctx = chainContext(anchor.subarray(0, anchor.length - 64));
  const walkUs = median(Array.from({ length: ROUNDS }, () => perOpUs(() => hashDown(ctx, seed, 120, 0), ROUND_MS)));
  const v1SignUs = median(
    Array.from({ length: 3 }, () =>
      perOpUs(() => {
        const notBefore = Math.floor(realNow() / 1000);
        tokenToQrText(
          'https://roadcert.jtt.example.gov.cn',
          encodeToken({ ...v1Claims, notBefore, notAfter: notBefore + 60 }, (body) => sm2Sm3Suite.sign(body, d)),
        );
      }, ROUND_MS),
    ),
  );
  const chainKey = createHmac('sha256', d).update('bench').digest();
  const v2Claims = {
    ...v1Claims,
    ...fitTokenText(maskPersonName(cert.holder.name), cert.numberMasked, TOKEN_V2_MAX_TEXT_BYTES),
    windowSeconds: 60,
    links: 120,
  };
  const v2SignUs = median(
    Array.from({ length: 3 }, () =>
      perOpUs(() => {
        const body = encodeAnchorBody({ ...v2Claims, intervalStart: Math.floor(realNow() / 1000) });
        const seedOf = createHmac('sha256', chainKey).update(body).digest().subarray(0, 16);
        sm2Sm3Suite.sign(anchorSigningInput(body, seedOf), d);
      }, ROUND_MS),
    ),
  );

  // ── report ──
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const v2Sigs1 = v2[0]!.signatures;
  const day1 = v2.slice(0, OPENINGS_HOURS.length);
  const day2 = v2.slice(OPENINGS_HOURS.length);
  const v2Sigs5 = sum(day1.map((o) => o.signatures));
  const v2Sigs5Day2 = sum(day2.map((o) => o.signatures));
  const v2Cpu5 = sum(day1.map((o) => o.cpu));
  console.log(
    `\nPresentation v1 (1,440 tokens a batch) vs v2 (anchor per 2-h interval + hash chain), ${new Date(t0).toISOString()}`,
  );
  console.log('| per holder-day | v1 | v2 | v2 / v1 |');
  console.log('| --- | ---: | ---: | ---: |');
  console.log(`| signatures, 1 opening | 1,440 | ${v2Sigs1} | ${((v2Sigs1 / 1440) * 100).toFixed(2)} % |`);
  console.log(
    `| signatures, 5 openings (${OPENINGS_HOURS.join(', ')} h), first day | 7,200 | ${v2Sigs5} | ${((v2Sigs5 / 7200) * 100).toFixed(2)} % |`,
  );
  console.log(
    `| signatures, the same 5 openings the next day (steady state) | 7,200 | ${v2Sigs5Day2} | ${((v2Sigs5Day2 / 7200) * 100).toFixed(2)} % |`,
  );
  console.log(
    `| signing CPU, 1 opening (v1: ${v1SignUs.toFixed(0)} µs a token; v2: ${v2SignUs.toFixed(0)} µs an anchor) | ${((1440 * v1SignUs) / 1000).toFixed(0)} ms | ${((v2Sigs1 * v2SignUs) / 1000).toFixed(1)} ms | ${(((v2Sigs1 * v2SignUs) / (1440 * v1SignUs)) * 100).toFixed(2)} % |`,
  );
  console.log(
    `| signing CPU, 5 openings, next day | ${((7200 * v1SignUs) / 1000).toFixed(0)} ms | ${((v2Sigs5Day2 * v2SignUs) / 1000).toFixed(1)} ms | ${(((v2Sigs5Day2 * v2SignUs) / (7200 * v1SignUs)) * 100).toFixed(2)} % |`,
  );
  console.log(
    `| CPU, 1 opening (v1: batch loop; v2: whole request) | ${v1Cpu[0]!.toFixed(0)} ms | ${v2[0]!.cpu.toFixed(1)} ms | ${((v2[0]!.cpu / v1Cpu[0]!) * 100).toFixed(2)} % |`,
  );
  console.log(
    `| CPU, 5 openings | ${sum(v1Cpu).toFixed(0)} ms | ${v2Cpu5.toFixed(1)} ms (${day1.map((o) => o.cpu.toFixed(1)).join(', ')}; next day ${sum(day2.map((o) => o.cpu)).toFixed(1)} ms) | ${((v2Cpu5 / sum(v1Cpu)) * 100).toFixed(2)} % |`,
  );
  console.log(
    `| answer of one opening, raw / gzip | ${kb(v1Json.length)} / ${kb(v1Gzip)} | ${kb(v2[0]!.raw)} / ${kb(v2[0]!.gzip)} | |`,
  );
  console.log(
    `| offline material without the face, raw / gzip | ${kb(v1Json.length - JSON.stringify(face).length)} / – | ${kb(offlineJson.length)} / ${kb(gzipSync(offlineJson).length)} | |`,
  );
  console.log(`\nVerify CPU per scan (checkToken, median of ${ROUNDS} interleaved rounds):`);
  console.log(
    `The chain walk of the worst minute alone (120 steps): ${walkUs.toFixed(0)} µs, ${(walkUs / 120).toFixed(2)} µs a step → v1 + walk = ${((v1Us + walkUs) / v1Us).toFixed(2)} × v1`,
  );
  console.log(`| token | µs | / v1 (median of round ratios) |`);
  console.log(`| --- | ---: | ---: |`);
  console.log(`| v1 | ${v1Us.toFixed(0)} | 1.00 |`);
  v2Tokens.forEach(({ minute }, i) =>
    console.log(
      `| v2, minute ${minute} (${minute + 1} SM3 blocks + 2 for the context) | ${v2Us[i]!.toFixed(0)} | ${ratios[i]!.toFixed(2)} |`,
    ),
  );
  console.log(
    `\nPhone side: deriving the QR text of minute 0 (119 steps + digits), this CPU: ${deriveUs.toFixed(0)} µs`,
  );
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  Date.now = realNow;
  // Dropping the cloned database ends its idle pool connections; that is the expected end here.
  process.on('uncaughtException', () => process.exit(process.exitCode ?? 0));
  await t.close().catch(() => undefined);
}
process.exit(process.exitCode ?? 0);
