import { spawn, spawnSync } from 'node:child_process';
import { subscribe } from 'node:diagnostics_channel';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { sm2 as smCrypto } from 'sm-crypto-v2';
import { keyListSchema, type KeyList } from '@roadcert/shared';
import {
  checkToken,
  decodeToken,
  heldQrAt,
  kidOf,
  qrTextToToken,
  sm2,
  sm2Sm3Suite,
  SM2_DEFAULT_USER_ID,
  trustedKeysFromList,
  type TrustedKey,
} from '@roadcert/shared/presentation';

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
 *    signature. Target ≥ 70 %. The in-process rate is taken inside the server process (same
 *    CPU, same heap, idle meanwhile). Rounds alternate the two (in process, then the endpoint), as
 *    this shared machine's speed drifts by ±20 % within minutes; the median round's ratio
 *    counts. Two configurations: as shipped (the certificate's state comes from the 3-s
 *    cache), and PRESENTATION_STATE_CACHE_MS=0 (its state read from the database on every
 *    request, as when every scan is a different certificate). Also the bare JSON endpoint
 *    (/healthz) and the verify p99. The server runs in a child process. Database:
 *    TEST_DATABASE_URL (migrated, cloned) when set, else PGlite in a temporary folder.
 */
const here = path.dirname(new URL(import.meta.url).pathname);
const ROUNDS = 5;
const ROUND_MS = 1000;
/** Endpoint rounds per configuration, each: in-process in the server (2 × 1 s), autocannon for this long (bare server, then the endpoint), in-process again. */
const HTTP_ROUNDS = 3;
const HTTP_SECONDS = 6;

/** CPU time of this process (user + system, every thread), µs. */
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** Calls per second of `fn` and its CPU time per call (µs, process.cpuUsage). */
function rateAndCpu(fn: () => unknown, ms: number): { rate: number; cpuUs: number } {
  let n = 0;
  const cpu = cpuNow();
  const started = performance.now();
  while (performance.now() - started < ms) {
    fn();
    n += 1;
  }
  return { rate: (n * 1000) / (performance.now() - started), cpuUs: (cpuNow() - cpu) / n };
}

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
 * With two or more CPUs and taskset, the server gets CPU 0 and this process (autocannon, the
 * SM2 comparison) CPU 1, so the endpoint is not measured while its own load generator takes
 * half its CPU. The in-process rate the endpoint is compared with is measured inside the
 * server process itself (same CPU, same heap) between load rounds. BENCH_PIN=0 turns pinning off.
 */
const pinned =
  process.argv[2] !== '--server' &&
  process.env.BENCH_PIN !== '0' &&
  os.cpus().length >= 2 &&
  spawnSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)]).status === 0;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The token's check as the endpoint runs it minus the HTTP, database and usage log: checkToken on the bytes. */
function checkerFor(qrText: string, keys: TrustedKey[]) {
  const bytes = qrTextToToken(qrText);
  if (decodeToken(bytes).claims.kid !== kidOf(sm2Sm3Suite, keys.find((k) => k.alg === 'SM2-SM3')!.publicKey))
    throw new Error('token not signed by the SM2 key');
  const check = () => checkToken(bytes, { keys, now: Date.now() });
  if (check().verdict !== 'VALID') throw new Error(`in-process check: ${check().verdict}`);
  return check;
}

/**
 * The server half: start the app, hand a fresh token to the parent, then on "measure <qrText>"
 * time that token's check in this same process (same CPU, same heap, no requests meanwhile)
 * and answer {"inProcess": checks/s}; stop when stdin closes.
 */
async function serve() {
  const { default: migrate } = await import('../server/src/test/global-setup');
  await migrate();
  const { signInAccount, startTestApp } = await import('../server/src/test/app');
  const t = await startTestApp({
    env: { PRESENTATION_BATCH_HOURS: '1', ...JSON.parse(process.env.BENCH_SERVER_ENV ?? '{}') },
  });
  const holder = await signInAccount(t, { holderKey: 'driver-electronic' });
  const cert = await t.prisma.certificate.findFirstOrThrow({
    where: {
      holderId: (await t.prisma.account.findUniqueOrThrow({ where: { id: holder.accountId } })).holderId!,
      carrier: 'ELECTRONIC',
      activatedAt: { not: null },
    },
  });
  const res = await t.api(`/api/v1/me/certificates/${cert.id}/presentation?hours=1`, { token: holder.token });
  // The burst's holders: copies of the demo driver's certificate (bench database only), so each
  // opening in a burst is another certificate that signs its own anchors.
  const { rows: burstRows } = await t.deps.sql.query<{ id: string }>(
    `INSERT INTO "Certificate"
       SELECT (jsonb_populate_record(NULL::"Certificate", to_jsonb(c) || jsonb_build_object(
         'id', gen_random_uuid(), 'identifier', c.identifier || '-burst-' || g, 'statusIndex', NULL,
         'portraitPhotoId', NULL, 'replacedById', NULL, 'stockKey', NULL))).*
       FROM "Certificate" c, generate_series(1, $2::int) g WHERE c.id = $1
     RETURNING id`,
    [cert.id, BURST_HOLDERS],
  );
  const burstCertificates = burstRows.map((r) => r.id);
  if (res.status !== 200) throw new Error(`batch: ${res.status} ${res.text}`);
  const keyList: KeyList = keyListSchema.parse((await t.api('/.well-known/roadcert/keys.json')).json);
  const trusted = trustedKeysFromList(keyList);
  // The floor for any Node service on this machine: node:http, JSON in and out, checkToken,
  // nothing else (no validation, no database, no usage log, no headers of ours).
  const bare = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { token } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { token: string };
      const { verdict, reason } = checkToken(qrTextToToken(token), { keys: trusted, now: Date.now(), skewSeconds: 90 });
      const out = JSON.stringify({ verdict, reason, checkedAt: new Date().toISOString() });
      res.writeHead(200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(out),
      });
      res.end(out);
    });
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;
  // The holder's material (token version 2) as the QR of each minute of the next hour.
  const tokens = Array.from({ length: 60 }, (_, i) => heldQrAt(res.json, Date.now() + i * 60_000)).flatMap((held) =>
    held ? [{ qrText: held.qrText, notBefore: new Date(held.notBefore).toISOString() }] : [],
  );
  console.log(
    JSON.stringify({
      baseUrl: t.baseUrl,
      bareUrl,
      tokens,
      opening: {
        paths: burstCertificates.map((id) => `/api/v1/me/certificates/${id}/presentation?hours=24`),
        token: holder.token,
      },
    }),
  );
  // Responses this process finished (the app's and the bare server's): the CPU per request.
  let served = 0;
  subscribe('http.server.response.finish', () => (served += 1));
  let cpuFrom = { cpu: 0, served: 0 };
  const input = createInterface({ input: process.stdin });
  input.on('line', (line) => {
    if (line === 'cpu-start') {
      cpuFrom = { cpu: cpuNow(), served };
      console.log(JSON.stringify({ started: true }));
    } else if (line === 'cpu-stop') {
      console.log(JSON.stringify({ cpuUs: cpuNow() - cpuFrom.cpu, served: served - cpuFrom.served }));
    } else if (line === 'clear-anchors') {
      // The next openings find no anchor, as holders opening 亮证 for the first time today.
      void t.prisma.presentationAnchor
        .deleteMany({})
        .then(({ count }) =>
          console.log(JSON.stringify({ cleared: count, signatures: t.deps.holderTokens.signatureCount() })),
        );
    } else if (line.startsWith('measure ')) {
      const check = checkerFor(line.slice('measure '.length), trusted);
      rate(check, 300);
      const [a, b] = [rateAndCpu(check, ROUND_MS), rateAndCpu(check, ROUND_MS)];
      console.log(JSON.stringify({ inProcess: (a.rate + b.rate) / 2, cpuUs: (a.cpuUs + b.cpuUs) / 2 }));
    }
  });
  input.on('close', () => {
    // Dropping the cloned database ends its idle pool connections; that is the expected end here.
    process.on('uncaughtException', () => process.exit(0));
    bare.close();
    void t.close().then(
      () => process.exit(0),
      () => process.exit(0),
    );
  });
}

type BenchServer = {
  baseUrl: string;
  /** The bare node:http + checkToken server in the same process. */
  bareUrl: string;
  tokens: { qrText: string; notBefore: string }[];
  /** 亮证 of BURST_HOLDERS certificates (GET, bearer token): what holders' phones fetch. */
  opening: { paths: string[]; token: string };
  /** checkToken/s of this token inside the server process, while it serves nothing, and its CPU µs per check. */
  measureInProcess: (qrText: string) => Promise<{ inProcess: number; cpuUs: number }>;
  /** Server CPU (process.cpuUsage, µs) and responses finished while `work` runs. */
  cpuDuring: <T>(work: () => Promise<T>) => Promise<{ result: T; cpuUs: number; served: number }>;
  /** Empties PresentationAnchor (the next openings sign afresh); the server's signature count so far. */
  clearAnchors: () => Promise<number>;
  stop: () => Promise<void>;
};

async function startServer(env: Record<string, string> = {}, pin = pinned): Promise<BenchServer> {
  // BENCH_PROFILE_DIR=/tmp/prof writes the server's CPU profile there (open it in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  const args = [...profile, '--import', 'tsx', new URL(import.meta.url).pathname, '--server'];
  const options = {
    stdio: ['pipe', 'pipe', 'inherit'] as ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, BENCH_SERVER_ENV: JSON.stringify(env) },
  };
  const child = pin
    ? spawn('taskset', ['-c', '0', process.execPath, ...args], options)
    : spawn(process.execPath, args, options);
  const lines = createInterface({ input: child.stdout });
  const nextJson = () =>
    new Promise<string>((resolve, reject) => {
      let seen = () => {};
      const lineSeen = new Promise<void>((r) => (seen = r));
      const onLine = (l: string) => {
        if (!l.startsWith('{')) return;
        lines.off('line', onLine);
        seen();
        resolve(l);
      };
      const onExit = (code: number | null) => reject(new Error(`bench server exited with ${code}`));
      lines.on('line', onLine);
      child.once('exit', onExit);
      void lineSeen.then(() => child.off('exit', onExit));
    });
  const line = await nextJson();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    ...JSON.parse(line),
    measureInProcess: async (qrText) => {
      const answer = nextJson();
      child.stdin.write(`measure ${qrText}\n`);
      return JSON.parse(await answer) as { inProcess: number; cpuUs: number };
    },
    cpuDuring: async (work) => {
      const started = nextJson();
      child.stdin.write('cpu-start\n');
      await started;
      const result = await work();
      const answer = nextJson();
      child.stdin.write('cpu-stop\n');
      return { result, ...(JSON.parse(await answer) as { cpuUs: number; served: number }) };
    },
    clearAnchors: async () => {
      const answer = nextJson();
      child.stdin.write('clear-anchors\n');
      return (JSON.parse(await answer) as { signatures: number }).signatures;
    },
    stop: async () => {
      child.stdin.end();
      await exited;
    },
  };
}

async function load(url: string, init: { method: 'GET' | 'POST'; body?: string }, seconds: number) {
  const result = await autocannon({
    url,
    connections: 50,
    duration: seconds,
    method: init.method,
    body: init.body,
    headers: init.body ? { 'content-type': 'application/json' } : {},
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** Holders opening 亮证 at once in each burst; each opening (24 h) signs its day's anchors (12 or 13). */
const BURST_HOLDERS = 20;
const BURST_SECONDS = 9;
/** Seconds into the verify load at which a burst starts. */
const BURST_AT = [1.5, 5];
const BURST_ROUNDS = 3;

type BurstRound = {
  threads: string;
  /** Verify under load with no burst (the reference), then with bursts. */
  quietP99: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
  rps: number;
  non2xx: number;
  /** Wall time of each burst (all openings answered), ms; anchors signed in the bursts. */
  burstMs: number[];
  signatures: number;
  openingsFailed: number;
};

/**
 * Verify p99 while bursts of holders open 亮证 (fresh anchors to sign), signing inline
 * (SIGNING_THREADS=0, as before) against the worker-thread pool (the default), two servers
 * started side by side and measured in alternating rounds. The servers are not pinned: the pool
 * needs the second CPU. Each burst empties PresentationAnchor first, so each of the
 * BURST_HOLDERS openings signs its day's anchors as on a holder's first opening of the day.
 */
async function burstRounds(): Promise<BurstRound[]> {
  const servers = [
    { threads: '0 (inline, as before)', server: await startServer({ SIGNING_THREADS: '0' }, false) },
    { threads: `pool (default, ${Math.max(1, os.availableParallelism() - 1)})`, server: await startServer({}, false) },
  ];
  const rounds: BurstRound[] = [];
  try {
    for (const { server } of servers) {
      // Warm: the verify path, and one opening (the pool starts its workers on first use).
      await server.clearAnchors();
      await openAll(server);
    }
    for (let round = 0; round < BURST_ROUNDS; round++) {
      for (const { threads, server } of servers) {
        const now = Date.now();
        const current = server.tokens.filter((tk) => Date.parse(tk.notBefore) <= now).at(-1)!;
        const body = JSON.stringify({ token: current.qrText });
        const url = `${server.baseUrl}/api/v1/verify`;
        const quiet = await load(url, { method: 'POST', body }, 3);
        const signedBefore = await server.clearAnchors();
        const started = performance.now();
        const loaded = loadDetailed(url, body, BURST_SECONDS);
        const burstMs: number[] = [];
        let openingsFailed = 0;
        for (const at of BURST_AT) {
          await new Promise((r) => setTimeout(r, Math.max(0, at * 1000 - (performance.now() - started))));
          await server.clearAnchors();
          const t0 = performance.now();
          openingsFailed += await openAll(server);
          burstMs.push(performance.now() - t0);
        }
        const result = await loaded;
        const signatures = (await server.clearAnchors()) - signedBefore;
        rounds.push({ threads, quietP99: quiet.p99, ...result, burstMs, signatures, openingsFailed });
      }
    }
  } finally {
    await Promise.all(servers.map(({ server }) => server.stop()));
  }
  return rounds;
}

/** Every burst certificate opened at once (the holders' GET of their day's material); how many failed. */
async function openAll(server: BenchServer): Promise<number> {
  const answers = await Promise.all(
    server.opening.paths.map((openingPath) =>
      fetch(`${server.baseUrl}${openingPath}`, {
        headers: { authorization: `Bearer ${server.opening.token}` },
      }).then(async (res) => (await res.arrayBuffer(), res.status)),
    ),
  );
  return answers.filter((status) => status !== 200).length;
}

async function loadDetailed(url: string, body: string, seconds: number) {
  const result = await autocannon({
    url,
    connections: 50,
    duration: seconds,
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    p999: result.latency.p99_9,
    max: result.latency.max,
    non2xx: result.non2xx,
  };
}

async function main() {
  const loadBefore = os.loadavg()[0]!;
  // ── 1. SM2 verify: ours vs sm-crypto-v2 on the same key and message ──
  const { privateKey, publicKey } = smCrypto.generateKeyPairHex();
  const message = new TextEncoder().encode(
    'roadcert presentation token body: 0123456789abcdef0123456789abcdef0123456789',
  );
  const signatureHex = smCrypto.doSignature(message, privateKey, {
    hash: true,
    der: false,
    userId: SM2_DEFAULT_USER_ID,
  });
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
  const signRates = {
    ours: median(Array.from({ length: 3 }, () => rate(signOurs, ROUND_MS))),
    theirs: median(Array.from({ length: 3 }, () => rate(signTheirs, ROUND_MS))),
  };

  // ── 2. the verify endpoint vs the same check in process, alternating rounds ──
  const configurations: { name: string; env: Record<string, string> }[] = [
    { name: 'as shipped (state cache 3 s)', env: {} },
    { name: 'PRESENTATION_STATE_CACHE_MS=0 (state read every request)', env: { PRESENTATION_STATE_CACHE_MS: '0' } },
  ];
  const loadAtServer = os.loadavg()[0]!;
  const endpoint: {
    name: string;
    rounds: {
      inProcess: number;
      rps: number;
      p50: number;
      p99: number;
      non2xx: number;
      ratio: number;
      bare: number | null;
      /** Server CPU µs per /api/v1/verify request, per in-process checkToken, and their ratio. */
      cpuPerRequest: number;
      cpuPerCheck: number;
      cpuRatio: number;
      /** The bare node:http + checkToken server's CPU per request ÷ per checkToken (the floor). */
      bareCpuRatio: number | null;
    }[];
    median: number;
    cpuMedian: number;
  }[] = [];
  let json: Awaited<ReturnType<typeof load>> | null = null;
  for (const configuration of configurations) {
    const server = await startServer(configuration.env);
    try {
      // The token current now (tokens are 60-s windows; ±90 s skew keeps it valid through the run).
      const now = Date.now();
      const current = server.tokens.filter((tk) => Date.parse(tk.notBefore) <= now).at(-1)!;
      const body = JSON.stringify({ token: current.qrText });
      const warm = await load(`${server.baseUrl}/api/v1/verify`, { method: 'POST', body }, 3);
      if (warm.non2xx > 0) throw new Error(`verify answered ${warm.non2xx} non-2xx during warm-up`);
      const rounds = [];
      for (let i = 0; i < HTTP_ROUNDS; i++) {
        // Measured before and after the load and averaged: the machine's speed drifts within a round.
        // CPU per request is read inside the server (process.cpuUsage over the load, ÷ responses).
        const before = await server.measureInProcess(current.qrText);
        const bare =
          configuration === configurations[0]
            ? await server.cpuDuring(() => load(`${server.bareUrl}/`, { method: 'POST', body }, HTTP_SECONDS))
            : null;
        const run = await server.cpuDuring(() =>
          load(`${server.baseUrl}/api/v1/verify`, { method: 'POST', body }, HTTP_SECONDS),
        );
        const after = await server.measureInProcess(current.qrText);
        const inProcess = (before.inProcess + after.inProcess) / 2;
        const cpuPerCheck = (before.cpuUs + after.cpuUs) / 2;
        const cpuPerRequest = run.cpuUs / run.served;
        rounds.push({
          inProcess,
          ...run.result,
          ratio: run.result.rps / inProcess,
          bare: bare?.result.rps ?? null,
          cpuPerRequest,
          cpuPerCheck,
          cpuRatio: cpuPerRequest / cpuPerCheck,
          bareCpuRatio: bare ? bare.cpuUs / bare.served / cpuPerCheck : null,
        });
      }
      endpoint.push({
        name: configuration.name,
        rounds,
        median: median(rounds.map((r) => r.ratio)),
        cpuMedian: median(rounds.map((r) => r.cpuRatio)),
      });
      json ??= await load(`${server.baseUrl}/healthz`, { method: 'GET' }, HTTP_SECONDS);
    } finally {
      await server.stop();
    }
  }
  const loadAtBurst = os.loadavg()[0]!;
  const bursts = await burstRounds();
  const loadAfter = os.loadavg()[0]!;

  const f0 = (v: number) => Math.round(v).toLocaleString('en-US');
  console.log(
    `Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}); ${pinned ? 'server pinned to CPU 0, load generator to CPU 1' : 'not pinned'}; load average ${loadBefore.toFixed(1)} → ${loadAtServer.toFixed(1)} → ${loadAtBurst.toFixed(1)} → ${loadAfter.toFixed(1)} (others share this machine)\n`,
  );
  console.log('| SM2 verify (one core, same key and message) | ops/s | rounds |');
  console.log('|---|---:|---|');
  console.log(`| ours (@roadcert/shared/presentation) | ${f0(oursRate)} | ${r.ours.map(f0).join(', ')} |`);
  console.log(`| sm-crypto-v2 doVerifySignature, hex key | ${f0(plainRate)} | ${r.plain.map(f0).join(', ')} |`);
  console.log(`| sm-crypto-v2 doVerifySignature, precomputePublicKey | ${f0(preRate)} | ${r.pre.map(f0).join(', ')} |`);
  console.log(`(one-off table for a new issuer key: ${tableMs.toFixed(0)} ms)`);
  console.log(
    `SM2 sign: ours ${f0(signRates.ours)}/s, sm-crypto-v2 ${f0(signRates.theirs)}/s → a 24-h batch (1,440 tokens) ≈ ${(1440 / signRates.ours).toFixed(1)} s of one core\n`,
  );
  const pct = (v: number) => `${(v * 100).toFixed(0)} %`;
  console.log(
    `| POST /api/v1/verify, usage log on (autocannon -c 50, ${HTTP_SECONDS} s) | round | in-process checkToken/s (server process, mean of before and after) | bare node:http + checkToken req/s | endpoint req/s | p50 ms | p99 ms | non-2xx | bare / in-process | endpoint / in-process | CPU µs per checkToken | CPU µs per request | CPU ratio endpoint | CPU ratio bare |`,
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const f2 = (v: number | null) => (v === null ? '' : v.toFixed(2));
  for (const e of endpoint) {
    e.rounds.forEach((r, i) =>
      console.log(
        `| ${e.name} | ${i + 1} | ${f0(r.inProcess)} | ${r.bare === null ? '' : f0(r.bare)} | ${f0(r.rps)} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.bare === null ? '' : pct(r.bare / r.inProcess)} | ${pct(r.ratio)} | ${r.cpuPerCheck.toFixed(0)} | ${r.cpuPerRequest.toFixed(0)} | ${f2(r.cpuRatio)} | ${f2(r.bareCpuRatio)} |`,
      ),
    );
  }
  console.log(
    `\n| verify during bursts of ${BURST_HOLDERS} openings at ${BURST_AT.join(' s, ')} s (autocannon -c 50, ${BURST_SECONDS} s) | signing threads | verify p99 without burst ms | p50 ms | p99 ms | p99.9 ms | max ms | req/s | non-2xx | burst wall ms | anchors signed | openings failed |`,
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|');
  bursts.forEach((b, i) =>
    console.log(
      `| round ${Math.floor(i / 2) + 1} | ${b.threads} | ${b.quietP99} | ${b.p50} | ${b.p99} | ${b.p999} | ${b.max} | ${f0(b.rps)} | ${b.non2xx} | ${b.burstMs.map(f0).join(', ')} | ${b.signatures} | ${b.openingsFailed} |`,
    ),
  );
  console.log(`\nGET /healthz (bare JSON): ${f0(json!.rps)} req/s, p50 ${json!.p50} ms, p99 ${json!.p99} ms\n`);

  const vsPlain = oursRate / plainRate;
  const vsPre = oursRate / preRate;
  const [shipped, cold] = endpoint as [(typeof endpoint)[number], (typeof endpoint)[number]];
  const lines: [string, number, number][] = [
    ['SM2 verify: ours vs sm-crypto-v2 plain', vsPlain, 2],
    ['SM2 verify: ours vs sm-crypto-v2 with precomputePublicKey', vsPre, 2],
  ];
  let missed = endpoint.some((e) => e.rounds.some((r) => r.non2xx > 0));
  // Issue 16's endpoint target: server CPU per request ÷ CPU per in-process checkToken, same process.
  const cpuMet = shipped.cpuMedian <= 1.3;
  missed ||= !cpuMet;
  console.log(
    `verify endpoint CPU per request ÷ in-process checkToken CPU (server's process.cpuUsage, median round, as shipped): ${shipped.cpuMedian.toFixed(2)} (target ≤ 1.3) — TARGET ${cpuMet ? 'MET' : 'MISSED'}; bare node:http + checkToken: ${median(shipped.rounds.map((r) => r.bareCpuRatio!)).toFixed(2)}; state read every request: ${cold.cpuMedian.toFixed(2)}`,
  );
  console.log(
    `verify endpoint req/s vs in-process check (median round, as shipped; the old ≥ 70 % reading, reported, no longer the target): ${pct(shipped.median)}`,
  );
  const p99Of = (prefix: string) => median(bursts.filter((b) => b.threads.startsWith(prefix)).map((b) => b.p99));
  console.log(
    `verify p99 during opening bursts: inline signing ${p99Of('0')} ms, signing pool ${p99Of('pool')} ms (median rounds)`,
  );
  for (const [label, value, target] of lines) {
    const met = value >= target;
    missed ||= !met;
    console.log(
      `${label}: ${target < 1 ? `${(value * 100).toFixed(0)} %` : `${value.toFixed(2)}×`} (target ≥ ${target < 1 ? `${target * 100} %` : `${target}×`}) — TARGET ${met ? 'MET' : 'MISSED'}`,
    );
  }
  console.log(
    `bare node:http + checkToken (the floor of any Node HTTP path here): ${pct(median(shipped.rounds.map((r) => r.bare! / r.inProcess)))} of in-process; the endpoint reaches ${pct(median(shipped.rounds.map((r) => r.rps / r.bare!)))} of the bare server (median rounds)`,
  );
  console.log(
    `verify endpoint with the state read from the database every request: ${(cold.median * 100).toFixed(0)} % of in-process (median round; reported, not a target)`,
  );
  const shippedRps = median(shipped.rounds.map((r) => r.rps));
  console.log(
    `verify endpoint vs bare JSON endpoint: ${((shippedRps / json!.rps) * 100).toFixed(0)} %; verify p99 ${median(shipped.rounds.map((r) => r.p99))} ms (median round)`,
  );
  const resultsDir = path.join(here, 'results');
  await mkdir(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `presentation-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(
    file,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        load: [loadBefore, loadAtServer, loadAtBurst, loadAfter],
        sm2: { ours: r.ours, plain: r.plain, precomputed: r.pre, tableMs, sign: signRates },
        endpoint,
        bursts,
        healthz: json,
      },
      null,
      2,
    ),
  );
  console.log(`\nWrote ${path.relative(process.cwd(), file)}${missed ? '\nTARGET MISSED' : ''}`);
}

if (process.argv[2] === '--server') await serve();
else await main();
