import { execSync, spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import pg from 'pg';
import { consentTexts } from '@roadcert/shared';
import { heldQrAt } from '@roadcert/shared/presentation';
import { demoHolders } from '../server/src/seed/demo-holders';
import { portrait1080Jpeg } from '../server/src/test/photo-fixtures';
import { freePort } from '../server/src/test/processes';

/**
 * `npm run bench:faults` (issue 12): a mixed, bounded, loopback-only load against the real
 * server (`server/src/main.ts` in a child process, on PostgreSQL), in three phases — before,
 * while PostgreSQL is stopped and started again, after — reporting per phase and per kind of
 * request: throughput, p99, status codes, and how the failures answered (503
 * DATABASE_UNAVAILABLE wanted, never 500). Also: /readyz polled every 250 ms beside a direct
 * probe of the database (does readiness tell the truth?), the server's log lines per phase
 * (one outage line per 10 s, no stack traces), and whether everything acknowledged is there
 * afterwards (every photo answered 201, every verification answered 200 in the 用证记录).
 *
 * It stops PostgreSQL, so point it at a throw-away cluster, never a shared one:
 *   LOAD_DATABASE_URL  admin URL of that cluster (loopback only), e.g. postgresql://postgres@127.0.0.1:5499/postgres;
 *                      a database roadcert_load_<hex> is created there and dropped at the end
 *   LOAD_PG_STOP       shell command that stops it, e.g. su postgres -c "pg_ctl -D /tmp/pg -m fast -w stop"
 *   LOAD_PG_START      shell command that starts it again
 *   LOAD_PHASE_SECONDS before / after phase length (default 60); LOAD_OUTAGE_SECONDS how long it
 *                      stays down (default 10); LOAD_CONNECTIONS total connections (default 20);
 *                      LOAD_SERVER_MAIN the server's entry (default server/src/main.ts)
 * Results: bench/results/load-restart.json.
 */
const env = process.env;
const adminUrl = env.LOAD_DATABASE_URL;
const stopCommand = env.LOAD_PG_STOP;
const startCommand = env.LOAD_PG_START;
if (!adminUrl || !stopCommand || !startCommand) {
  console.error(
    'set LOAD_DATABASE_URL, LOAD_PG_STOP and LOAD_PG_START (see the comment at the top of bench/load-restart.ts)',
  );
  process.exit(2);
}
if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(adminUrl).hostname)) {
  console.error('LOAD_DATABASE_URL must be on this machine (loopback): this benchmark stops that server');
  process.exit(2);
}
const phaseSeconds = Number(env.LOAD_PHASE_SECONDS ?? 60);
const outageSeconds = Number(env.LOAD_OUTAGE_SECONDS ?? 10);
const totalConnections = Number(env.LOAD_CONNECTIONS ?? 20);
/** The outage phase: 5 s of load, the stop, outageSeconds down, the start, then 20 s to recover. */
const outagePhaseSeconds = 5 + outageSeconds + 20;

/** Share of the connections per kind of request: a holder-heavy day with roadside checks. */
const mix = { wallet: 0.35, verify: 0.3, batch: 0.1, signIn: 0.15, upload: 0.1 } as const;
type Kind = keyof typeof mix;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const randomPhone = () => `137${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
const randomIp = () => `10.${randomInt(0, 256)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

// --- database and server -------------------------------------------------------------------
const dbName = `roadcert_load_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE "${dbName}"`);
await admin.end();
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${dbName}`;

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'roadcert-load-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ['--import', 'tsx', env.LOAD_SERVER_MAIN ?? 'server/src/main.ts'], {
  cwd: path.join(path.dirname(new URL(import.meta.url).pathname), '..'),
  env: {
    ...env,
    DATABASE_URL: dbUrl.toString(),
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    PORTAL_DIR: path.join(dataDir, 'no-portal'),
    LOG_LEVEL: 'info',
    TRUST_PROXY: 'true',
    PRESENTATION_BATCH_HOURS: '1',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});

/** Server log lines of interest, counted per phase. */
type LogCounts = { outageLines: number; recoveredLines: number; unhandled: number; stackTraces: number; lines: number };
const newCounts = (): LogCounts => ({ outageLines: 0, recoveredLines: 0, unhandled: 0, stackTraces: 0, lines: 0 });
let logCounts = newCounts();
const unhandledSamples: string[] = [];
let serverUp: () => void;
const up = new Promise<void>((r) => (serverUp = r));
createInterface({ input: server.stdout! }).on('line', (line) => {
  logCounts.lines++;
  if (line.includes('"msg":"RoadCert is up"')) serverUp();
  if (line.includes('"msg":"database unavailable')) logCounts.outageLines++;
  if (line.includes('"msg":"database reachable again')) logCounts.recoveredLines++;
  if (line.includes('"msg":"unhandled error"')) {
    logCounts.unhandled++;
    // The first few in full (bench/results only): what still escapes as a 500.
    if (unhandledSamples.length < 3) unhandledSamples.push(line.slice(0, 4000));
  }
  if (line.includes('"stack":')) logCounts.stackTraces++;
});
await Promise.race([up, sleep(120_000).then(() => Promise.reject(new Error('server did not start in 120 s')))]);

// --- one holder, signed in through the real endpoints -------------------------------------
async function api(route: string, init: { method?: string; token?: string; body?: unknown; ip?: string } = {}) {
  const headers: Record<string, string> = { 'x-forwarded-for': init.ip ?? randomIp() };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + route, {
    method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'),
    headers,
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${init.method ?? 'GET'} ${route}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}
const phone = randomPhone();
await api('/api/v1/auth/sms-codes', { body: { phone } });
const outbox = await api(`/api/v1/dev/sms-outbox?phone=${phone}`);
const code = /验证码(\d{6})/.exec(outbox.items[0].text)![1];
const session = await api('/api/v1/auth/sms-login', {
  body: { phone, code, device: { platform: 'h5', label: 'load' } },
});
const token: string = session.accessToken;
for (const kind of ['PRIVACY_POLICY', 'ID_NUMBER', 'FACE_DATA'] as const)
  await api('/api/v1/me/consents', { token, body: { kind, textVersion: consentTexts[kind].version } });
const person = demoHolders.find((h) => h.key === 'driver-electronic')!;
await api('/api/v1/me/real-name', { token, body: { name: person.name, idNumber: person.identityCode } });
const face = await api('/api/v1/me/face-verifications', { token, method: 'POST' });
await api(`/api/v1/me/face-verifications/${face.verificationId}/complete`, { token, body: { standInOutcome: 'pass' } });
const wallet = await api('/api/v1/me/certificates', { token });
const electronic = wallet.items.find((c: { carrier: string }) => c.carrier === 'ELECTRONIC');
const batchPath = `/api/v1/me/certificates/${electronic.id}/presentation?hours=1`;
const batch = await api(batchPath, { token });
/** The QR text current now (60-s windows; the server allows ±90 s of skew, the run lasts minutes). */
const currentQr = () => heldQrAt(batch, Date.now())!.qrText; // derived from the held material (token version 2)
const form = new FormData();
form.append('file', new Blob([new Uint8Array(await portrait1080Jpeg())], { type: 'image/jpeg' }), 'photo.jpg');
const multipart = new Response(form);
const uploadType = multipart.headers.get('content-type')!;
const uploadBody = Buffer.from(await multipart.arrayBuffer());

// --- readiness against the truth ------------------------------------------------------------
/** ready: /readyz status (0: no answer in 2 s); db: a direct connect + SELECT 1 (null: no answer in 2 s). */
type Sample = { at: number; ready: number; dbUp: boolean | null };
const samples: Sample[] = [];
let sampling = true;
const sampler = (async () => {
  while (sampling) {
    const at = Date.now();
    const probe = new pg.Client({ connectionString: dbUrl.toString(), connectionTimeoutMillis: 2000 });
    probe.on('error', () => undefined);
    const [ready, dbUp] = await Promise.all([
      fetch(`${base}/readyz`, { signal: AbortSignal.timeout(2000) })
        .then((r) => r.status)
        .catch(() => 0),
      probe
        .connect()
        .then(() => probe.query('SELECT 1'))
        .then(() => true)
        .catch((err: { code?: string; message?: string }) => (/timeout/i.test(err.message ?? '') ? null : false))
        .finally(() => probe.end().catch(() => undefined)),
    ]);
    samples.push({ at, ready, dbUp });
    await sleep(250);
  }
})();

// --- the load -------------------------------------------------------------------------------
const photoIds = new Set<string>();
let verifiedOk = 0;
type KindResult = {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  statusCodes: Record<string, number>;
  errorCodes: Record<string, number>;
  socketErrors: number;
  timeouts: number;
};

function requestsFor(kind: Kind, errorCodes: Record<string, number>): autocannon.Request[] {
  const countError = (status: number, body: string) => {
    if (status < 400) return;
    let code = `HTTP ${status}`;
    try {
      code = (JSON.parse(body) as { code?: string }).code ?? code;
    } catch {
      // not JSON: keep the status
    }
    errorCodes[code] = (errorCodes[code] ?? 0) + 1;
  };
  const auth = { authorization: `Bearer ${token}` };
  switch (kind) {
    case 'wallet':
      return [{ method: 'GET', path: '/api/v1/me/certificates', headers: auth, onResponse: countError }];
    case 'batch':
      return [
        { method: 'GET', path: batchPath, headers: { ...auth, 'accept-encoding': 'gzip' }, onResponse: countError },
      ];
    case 'verify':
      return [
        {
          method: 'POST',
          path: '/api/v1/verify',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => ({ ...req, body: JSON.stringify({ token: currentQr() }) }),
          onResponse: (status, body) => {
            if (status === 200) verifiedOk++;
            countError(status, body);
          },
        },
      ];
    case 'signIn':
      // The write half of a sign-in: a code is stored (and "sent") for a new number.
      return [
        {
          method: 'POST',
          path: '/api/v1/auth/sms-codes',
          setupRequest: (req) => ({
            ...req,
            headers: { 'content-type': 'application/json', 'x-forwarded-for': randomIp() },
            body: JSON.stringify({ phone: randomPhone() }),
          }),
          onResponse: countError,
        },
      ];
    case 'upload':
      return [
        {
          method: 'POST',
          path: '/api/v1/me/photos',
          headers: { ...auth, 'content-type': uploadType },
          body: uploadBody,
          onResponse: (status, body) => {
            if (status === 201 || status === 200) {
              const id = (JSON.parse(body) as { photo?: { id?: string } }).photo?.id;
              if (id) photoIds.add(id);
            }
            countError(status, body);
          },
        },
      ];
  }
}

async function runKind(kind: Kind, seconds: number): Promise<KindResult> {
  const errorCodes: Record<string, number> = {};
  const connections = Math.max(1, Math.round(totalConnections * mix[kind]));
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    timeout: 10,
    requests: requestsFor(kind, errorCodes),
  });
  const statusCodes: Record<string, number> = {};
  for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) statusCodes[status] = count ?? 0;
  return {
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    statusCodes,
    errorCodes,
    socketErrors: result.errors,
    timeouts: result.timeouts,
  };
}

type Phase = { name: string; seconds: number; kinds: Record<Kind, KindResult>; log: LogCounts; events: string[] };
const phases: Phase[] = [];
async function phase(name: string, seconds: number, during?: (events: string[]) => Promise<void>) {
  console.log(`phase ${name}: ${seconds} s, ${totalConnections} connections`);
  logCounts = newCounts();
  const events: string[] = [];
  const started = Date.now();
  const [results] = await Promise.all([
    Promise.all((Object.keys(mix) as Kind[]).map(async (k) => [k, await runKind(k, seconds)] as const)),
    during?.(events),
  ]);
  phases.push({
    name,
    seconds: (Date.now() - started) / 1000,
    kinds: Object.fromEntries(results) as Record<Kind, KindResult>,
    log: logCounts,
    events,
  });
}

const runStarted = Date.now();
await phase('before', phaseSeconds);
let stoppedAt = 0;
let startedAt = 0;
await phase('outage', outagePhaseSeconds, async (events) => {
  await sleep(5_000);
  stoppedAt = Date.now();
  execSync(stopCommand, { stdio: 'ignore' });
  events.push(`PostgreSQL stopped at +${((Date.now() - stoppedAt) / 1000).toFixed(1)} s`);
  await sleep(outageSeconds * 1000);
  execSync(startCommand, { stdio: 'ignore' });
  startedAt = Date.now();
  events.push(`PostgreSQL started again after ${((startedAt - stoppedAt) / 1000).toFixed(1)} s down`);
});
await phase('after', phaseSeconds);
sampling = false;
await sampler;

// --- the verdicts ---------------------------------------------------------------------------
/** The first ready sample after the database was started again: how long the server took to notice. */
const firstReadyAfterStart = samples.find((s) => s.at >= startedAt && s.ready === 200);
/** Readiness disagreeing with the truth, beyond one sample of lag on either edge. */
const answered = samples.filter((s) => s.ready !== 0 && s.dbUp !== null);
const lies = answered.filter((s, i) => {
  const agrees = (x: Sample) => (x.ready === 200) === x.dbUp;
  if (agrees(s)) return false;
  const neighbours = [answered[i - 1], answered[i + 1]].filter(Boolean) as Sample[];
  return !neighbours.some((n) => n.dbUp !== s.dbUp);
});

await sleep(1_000); // the usage log writes its queue every ~200 ms
const check = new pg.Client({ connectionString: dbUrl.toString() });
await check.connect();
const storedPhotos = photoIds.size
  ? (await check.query('SELECT count(*)::int AS n FROM "Photo" WHERE id = ANY($1::uuid[])', [[...photoIds]])).rows[0].n
  : 0;
const storedVerifications = (await check.query('SELECT count(*)::int AS n FROM "VerificationEvent"')).rows[0].n;
await check.end();

server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
const drop = new pg.Client({ connectionString: adminUrl });
await drop.connect();
await drop.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
await drop.end();
await rm(dataDir, { recursive: true, force: true });

const summary = {
  when: new Date(runStarted).toISOString(),
  machine: `${os.cpus().length} CPUs (${os.cpus()[0]?.model}), load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
  connections: totalConnections,
  mix,
  phases,
  outage: {
    downSeconds: (startedAt - stoppedAt) / 1000,
    readyAgainSecondsAfterStart: firstReadyAfterStart ? (firstReadyAfterStart.at - startedAt) / 1000 : null,
  },
  readiness: {
    samples: samples.length,
    /** Under this load a probe can take longer than 2 s: counted, not judged. */
    readyzNoAnswerIn2s: samples.filter((s) => s.ready === 0).length,
    databaseProbeNoAnswerIn2s: samples.filter((s) => s.dbUp === null).length,
    disagreeingWithTheDatabase: lies.length,
    disagreements: lies.map((s) => ({ atSecond: (s.at - runStarted) / 1000, ready: s.ready, dbUp: s.dbUp })),
  },
  acknowledged: {
    photosAnswered201: photoIds.size,
    photosStored: storedPhotos,
    verificationsAnswered200: verifiedOk,
    verificationEventsStored: storedVerifications,
  },
  unhandledSamples,
};
await mkdir(path.join(path.dirname(new URL(import.meta.url).pathname), 'results'), { recursive: true });
await writeFile(
  path.join(path.dirname(new URL(import.meta.url).pathname), 'results', 'load-restart.json'),
  JSON.stringify(summary, null, 2),
);

console.log(`\n${summary.machine}`);
console.log('phase   kind     req/s   p50 ms  p99 ms  requests  non-2xx by code');
for (const p of phases)
  for (const [kind, r] of Object.entries(p.kinds))
    console.log(
      `${p.name.padEnd(7)} ${kind.padEnd(8)} ${String(r.rps).padStart(5)} ${String(r.p50).padStart(8)} ${String(r.p99).padStart(7)} ${String(r.requests).padStart(9)}  ${JSON.stringify(r.errorCodes)}${r.socketErrors ? ` socket errors ${r.socketErrors}` : ''}`,
    );
for (const p of phases) console.log(`${p.name}: server log ${JSON.stringify(p.log)} ${p.events.join('; ')}`);
console.log(`outage: ${JSON.stringify(summary.outage)}`);
console.log(`readiness: ${JSON.stringify(summary.readiness)}`);
console.log(`acknowledged: ${JSON.stringify(summary.acknowledged)}`);
const lost =
  summary.acknowledged.photosStored < summary.acknowledged.photosAnswered201 ||
  summary.acknowledged.verificationEventsStored < summary.acknowledged.verificationsAnswered200;
const internal = phases.some((p) => Object.values(p.kinds).some((r) => (r.errorCodes.INTERNAL ?? 0) > 0));
if (lost || internal || lies.length > 0) {
  console.error(`FAILED: lost acknowledged data ${lost}, 500s ${internal}, readiness lies ${lies.length}`);
  process.exit(1);
}
