import { spawn, spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { sm2 as smCrypto } from 'sm-crypto-v2';
import { checkToken, decodeToken, kidOf, qrTextToToken, sm2, sm2Sm3Suite, SM2_DEFAULT_USER_ID } from '@roadcert/shared/presentation';

/**
 * Presentation tokens, in one run (docs/presentation-token.md, "Measured"):
 *
 * 1. SM2 verifications per second, one core: our codec (fixed-base tables for G and the
 *    issuer key, cached Z_A) against sm-crypto-v2's doVerifySignature on the same key and
 *    message — plain (hex public key) and with its precomputePublicKey. Target ≥ 2×.
 *    Interleaved rounds of ~1 s each; the median round counts.
 * 2. The verify endpoint (POST /api/v1/verify, a real token of the demo driver, usage log on)
 *    under autocannon against the in-process rate of the same check (checkToken: decode +
 *    key lookup + SM2 verify + window) — the HTTP, database and usage-log work around the
 *    signature. Target ≥ 70 %. Also the bare JSON endpoint (/healthz) and the verify p99.
 *    The server runs in a child process; the load generator shares the 2 CPUs with it, as
 *    in ../shared/reference/perf-baseline.md §5. Database: TEST_DATABASE_URL (migrated,
 *    cloned) when set, else PGlite in a temporary folder.
 */
const here = path.dirname(new URL(import.meta.url).pathname);
const ROUNDS = 5;
const ROUND_MS = 1000;

function rate(fn: () => unknown, ms: number): number {
  let n = 0;
  const started = performance.now();
  while (performance.now() - started < ms) {
    fn();
    n += 1;
  }
  return (n * 1000) / (performance.now() - started);
}

/**
 * With two or more CPUs and taskset, the server gets CPU 0 and this process (autocannon and the
 * in-process measurement) CPU 1, so the endpoint is not measured while its own load generator
 * takes half its CPU; the in-process rate has a core to itself too. BENCH_PIN=0 turns it off.
 */
const pinned = process.argv[2] !== '--server' && process.env.BENCH_PIN !== '0' && os.cpus().length >= 2 && spawnSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)]).status === 0;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The server half: start the app, hand a fresh token to the parent, run until told to stop. */
async function serve() {
  const { default: migrate } = await import('../server/src/test/global-setup');
  await migrate();
  const { signInAccount, startTestApp } = await import('../server/src/test/app');
  const t = await startTestApp({ env: { PRESENTATION_BATCH_HOURS: '1' } });
  const holder = await signInAccount(t, { holderKey: 'driver-electronic' });
  const cert = await t.prisma.certificate.findFirstOrThrow({ where: { holderId: (await t.prisma.account.findUniqueOrThrow({ where: { id: holder.accountId } })).holderId!, carrier: 'ELECTRONIC', activatedAt: { not: null } } });
  const res = await t.api(`/api/v1/me/certificates/${cert.id}/presentation?hours=1`, { token: holder.token });
  if (res.status !== 200) throw new Error(`batch: ${res.status} ${res.text}`);
  const keys = await t.api('/.well-known/roadcert/keys.json');
  console.log(JSON.stringify({ baseUrl: t.baseUrl, tokens: res.json.tokens, keys: keys.json.keys }));
  createInterface({ input: process.stdin }).on('close', () => {
    // Dropping the cloned database ends its idle pool connections; that is the expected end here.
    process.on('uncaughtException', () => process.exit(0));
    void t.close().then(() => process.exit(0), () => process.exit(0));
  });
}

async function startServer(): Promise<{ baseUrl: string; tokens: { qrText: string; notBefore: string }[]; keys: { kid: string; alg: string; publicKey: string }[]; stop: () => void }> {
  // BENCH_PROFILE_DIR=/tmp/prof writes the server's CPU profile there (open it in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const args = [...profile, '--import', 'tsx', new URL(import.meta.url).pathname, '--server'];
  const child = pinned ? spawn('taskset', ['-c', '0', process.execPath, ...args], { stdio: ['pipe', 'pipe', 'inherit'] }) : spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (l) => l.startsWith('{') && resolve(l));
    child.on('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { ...JSON.parse(line), stop: () => child.stdin.end() };
}

async function load(url: string, init: { method: 'GET' | 'POST'; body?: string }, seconds: number) {
  const result = await autocannon({ url, connections: 50, duration: seconds, method: init.method, body: init.body, headers: init.body ? { 'content-type': 'application/json' } : {} });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

async function main() {
  const loadBefore = os.loadavg()[0]!;
  // ── 1. SM2 verify: ours vs sm-crypto-v2 on the same key and message ──
  const { privateKey, publicKey } = smCrypto.generateKeyPairHex();
  const message = new TextEncoder().encode('roadcert presentation token body: 0123456789abcdef0123456789abcdef0123456789');
  const signatureHex = smCrypto.doSignature(message, privateKey, { hash: true, der: false, userId: SM2_DEFAULT_USER_ID });
  const signature = Uint8Array.from(Buffer.from(signatureHex.padStart(128, '0'), 'hex'));
  const publicBytes = Uint8Array.from(Buffer.from(publicKey, 'hex'));
  const precomputed = smCrypto.precomputePublicKey(publicKey);
  const opts = { hash: true, der: false, userId: SM2_DEFAULT_USER_ID };
  const ours = () => sm2Sm3Suite.verify(signature, message, publicBytes);
  const plain = () => smCrypto.doVerifySignature(message, signatureHex, publicKey, opts);
  const pre = () => smCrypto.doVerifySignature(message, signatureHex, precomputed, opts);
  if (!ours() || !plain() || !pre()) throw new Error('a verifier rejected the benchmark signature');
  const tableStarted = performance.now();
  sm2().precomputePublicKey(Uint8Array.from(Buffer.from(smCrypto.generateKeyPairHex().publicKey, 'hex')));
  const tableMs = performance.now() - tableStarted;
  rate(ours, 300);
  rate(plain, 300);
  rate(pre, 300);
  const r: Record<'ours' | 'plain' | 'pre', number[]> = { ours: [], plain: [], pre: [] };
  for (let i = 0; i < ROUNDS; i++) {
    r.ours.push(rate(ours, ROUND_MS));
    r.plain.push(rate(plain, ROUND_MS));
    r.pre.push(rate(pre, ROUND_MS));
  }
  const [oursRate, plainRate, preRate] = [median(r.ours), median(r.plain), median(r.pre)];
  // Signing: what a holder's 24-h batch (1,440 tokens at 60 s) costs the server.
  const d = Uint8Array.from(Buffer.from(privateKey, 'hex'));
  const signOurs = () => sm2Sm3Suite.sign(message, d);
  const signTheirs = () => smCrypto.doSignature(message, privateKey, { ...opts, publicKey });
  rate(signOurs, 300);
  rate(signTheirs, 300);
  const signRates = { ours: median(Array.from({ length: 3 }, () => rate(signOurs, ROUND_MS))), theirs: median(Array.from({ length: 3 }, () => rate(signTheirs, ROUND_MS))) };

  // ── 2. the verify endpoint vs the same check in process ──
  const server = await startServer();
  const loadAtServer = os.loadavg()[0]!;
  let httpResults;
  let inProcess = 0;
  try {
    // The token current now (tokens are 60-s windows; ±90 s skew keeps it valid through the run).
    const now = Date.now();
    const current = server.tokens.filter((tk) => Date.parse(tk.notBefore) <= now).at(-1)!;
    const bytes = qrTextToToken(current.qrText);
    const keys = server.keys.map((k) => ({ kid: k.kid, alg: k.alg, publicKey: Uint8Array.from(Buffer.from(k.publicKey, 'hex')), verifyUntil: null }));
    if (decodeToken(bytes).claims.kid !== kidOf(sm2Sm3Suite, keys.find((k) => k.alg === 'SM2-SM3')!.publicKey)) throw new Error('token not signed by the SM2 key');
    const check = () => checkToken(bytes, { keys, now: Date.now() });
    if (check().verdict !== 'VALID') throw new Error(`in-process check: ${check().verdict}`);
    rate(check, 300);
    inProcess = median(Array.from({ length: ROUNDS }, () => rate(check, ROUND_MS)));
    const body = JSON.stringify({ token: current.qrText });
    await load(`${server.baseUrl}/api/v1/verify`, { method: 'POST', body }, 3); // warm-up
    const verify = await load(`${server.baseUrl}/api/v1/verify`, { method: 'POST', body }, 10);
    const json = await load(`${server.baseUrl}/healthz`, { method: 'GET' }, 10);
    httpResults = { verify, json };
  } finally {
    server.stop();
  }
  const loadAfter = os.loadavg()[0]!;

  const f0 = (v: number) => Math.round(v).toLocaleString('en-US');
  console.log(`Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}); ${pinned ? 'server pinned to CPU 0, load generator to CPU 1' : 'not pinned'}; load average ${loadBefore.toFixed(1)} → ${loadAtServer.toFixed(1)} → ${loadAfter.toFixed(1)} (others share this machine)\n`);
  console.log('| SM2 verify (one core, same key and message) | ops/s | rounds |');
  console.log('|---|---:|---|');
  console.log(`| ours (@roadcert/shared/presentation) | ${f0(oursRate)} | ${r.ours.map(f0).join(', ')} |`);
  console.log(`| sm-crypto-v2 doVerifySignature, hex key | ${f0(plainRate)} | ${r.plain.map(f0).join(', ')} |`);
  console.log(`| sm-crypto-v2 doVerifySignature, precomputePublicKey | ${f0(preRate)} | ${r.pre.map(f0).join(', ')} |`);
  console.log(`(one-off table for a new issuer key: ${tableMs.toFixed(0)} ms)`);
  console.log(`SM2 sign: ours ${f0(signRates.ours)}/s, sm-crypto-v2 ${f0(signRates.theirs)}/s → a 24-h batch (1,440 tokens) ≈ ${(1440 / signRates.ours).toFixed(1)} s of one core\n`);
  const { verify, json } = httpResults;
  console.log('| endpoint (autocannon -c 50, 10 s) | req/s | p50 ms | p99 ms | non-2xx |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(`| POST /api/v1/verify (SM2, usage log on) | ${f0(verify.rps)} | ${verify.p50} | ${verify.p99} | ${verify.non2xx} |`);
  console.log(`| GET /healthz (bare JSON) | ${f0(json.rps)} | ${json.p50} | ${json.p99} | ${json.non2xx} |`);
  console.log(`| in-process checkToken (decode + SM2 verify + window), one core | ${f0(inProcess)} | | | |\n`);

  const vsPlain = oursRate / plainRate;
  const vsPre = oursRate / preRate;
  const endpointShare = verify.rps / inProcess;
  const lines: [string, number, number][] = [
    ['SM2 verify: ours vs sm-crypto-v2 plain', vsPlain, 2],
    ['SM2 verify: ours vs sm-crypto-v2 with precomputePublicKey', vsPre, 2],
    ['verify endpoint req/s vs in-process check', endpointShare, 0.7],
  ];
  let missed = verify.non2xx > 0;
  for (const [label, value, target] of lines) {
    const met = value >= target;
    missed ||= !met;
    console.log(`${label}: ${target < 1 ? `${(value * 100).toFixed(0)} %` : `${value.toFixed(2)}×`} (target ≥ ${target < 1 ? `${target * 100} %` : `${target}×`}) — TARGET ${met ? 'MET' : 'MISSED'}`);
  }
  console.log(`verify endpoint vs bare JSON endpoint: ${((verify.rps / json.rps) * 100).toFixed(0)} %; verify p99 ${verify.p99} ms`);
  const resultsDir = path.join(here, 'results');
  await mkdir(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `presentation-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, JSON.stringify({ at: new Date().toISOString(), load: [loadBefore, loadAtServer, loadAfter], sm2: { ours: r.ours, plain: r.plain, precomputed: r.pre, tableMs, sign: signRates }, http: httpResults, inProcess }, null, 2));
  console.log(`\nWrote ${path.relative(process.cwd(), file)}${missed ? '\nTARGET MISSED' : ''}`);
}

if (process.argv[2] === '--server') await serve();
else await main();
