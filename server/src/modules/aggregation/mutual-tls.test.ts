import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHttpMinistryClient,
  createReceiverStandInRepo,
  startReceiverStandIn,
  type MinistryTls,
  type ReceiverStandIn,
} from '../../adapters/ministry';
import { startTestApp, type TestApp } from '../../test/app';
import { enqueueAggregation } from '../certificates';
import { createAggregationRepo } from './aggregation.repo';
import { createCircuitBreaker } from './circuit-breaker';
import { createAggregationWorker } from './worker';

/**
 * Mutual TLS to the ministry: a throwaway PKI made with the openssl CLI (a CA, the stand-in's
 * server certificate for 127.0.0.1, our client certificate, and a client certificate of another
 * CA); the stand-in in TLS mode requires a client certificate of its CA.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), 'roadcert-mtls-'));
const openssl = (...args: string[]) => execFileSync('/usr/bin/openssl', args, { cwd: dir, stdio: 'pipe' });

function issue(ca: string, name: string, subject: string, ext: string) {
  openssl(
    'req',
    '-new',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-subj',
    subject,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
  );
  writeFileSync(path.join(dir, `${name}.ext`), ext);
  openssl(
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.crt`,
    '-CAkey',
    `${ca}.key`,
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    `${name}.ext`,
    '-out',
    `${name}.crt`,
  );
}

const caArgs = (name: string) => [
  'req',
  '-x509',
  '-newkey',
  'ec',
  '-pkeyopt',
  'ec_paramgen_curve:P-256',
  '-nodes',
  '-days',
  '2',
  '-subj',
  `/CN=${name}`,
  '-keyout',
  `${name}.key`,
  '-out',
  `${name}.crt`,
];
const read = (f: string) => readFileSync(path.join(dir, f));

let t: TestApp;
let receiver: ReceiverStandIn;
const transport = { key: randomBytes(16), keyId: 't1' };

beforeAll(async () => {
  openssl(...caArgs('ministry-ca'));
  openssl(...caArgs('other-ca'));
  issue('ministry-ca', 'server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  issue('ministry-ca', 'client', '/CN=roadcert-test', 'extendedKeyUsage=clientAuth\n');
  issue('other-ca', 'stranger', '/CN=roadcert-test', 'extendedKeyUsage=clientAuth\n');
  t = await startTestApp();
  receiver = await startReceiverStandIn({
    repo: createReceiverStandInRepo(t.deps.sql),
    keyFor: (kid) => (kid === t.deps.keys.signing.kid ? t.deps.keys.signing.publicKey : undefined),
    logger: t.deps.logger,
    tls: { cert: read('server.crt'), key: read('server.key'), ca: read('ministry-ca.crt') },
  });
}, 60_000);
afterAll(async () => {
  await receiver?.close();
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const worker = (tls: MinistryTls | null) =>
  createAggregationWorker({
    repo: createAggregationRepo(t.deps.sql),
    client: createHttpMinistryClient({
      baseUrl: receiver.url,
      target: 'stand-in',
      timeoutMs: 5_000,
      tls,
      signer: { clientId: 'roadcert-test', keyId: t.deps.keys.signing.kid, privateKey: t.deps.keys.signing.privateKey },
    }),
    keys: { fieldCrypto: t.deps.fieldCrypto, transport },
    logger: t.deps.logger,
    options: { baseDelayMs: 10, maxDelayMs: 20, idleMs: 20 },
    breaker: createCircuitBreaker({ threshold: 1000 }),
  });

async function enqueueOne(skip: number) {
  const cert = await t.prisma.certificate.findFirstOrThrow({ orderBy: { id: 'asc' }, skip });
  const version = await t.prisma.$transaction((tx) => enqueueAggregation(tx, cert.id, 'RECONCILE'));
  const entry = () => t.prisma.aggregationOutbox.findFirstOrThrow({ where: { certificateId: cert.id, version } });
  return { cert, version, entry };
}

describe('mutual TLS to the ministry (stand-in in TLS mode)', () => {
  it('with a client certificate of the ministry CA the batch is acknowledged (SM2 request signature checked too)', async () => {
    const { cert, version, entry } = await enqueueOne(0);
    const w = worker({ cert: read('client.crt'), key: read('client.key'), ca: read('ministry-ca.crt') });
    expect(await w.drain(10_000)).toBe(true);
    expect(await entry()).toMatchObject({ state: 'ACKED', attempts: 1 });
    const held = await t.prisma.ministryReceived.findMany({ where: { certificateId: cert.id, version } });
    expect(held).toHaveLength(1);
    expect(receiver.stats().signatureFailures).toBe(0);
  });

  it('without a client certificate the connection is refused: the entry stays pending, the reason recorded', async () => {
    const { entry } = await enqueueOne(1);
    const refusedBefore = receiver.tlsRefused();
    // The CA of the ministry's server is configured, no client certificate: the handshake fails.
    const w = worker({ ca: read('ministry-ca.crt') });
    expect(await w.runOnce()).toBeGreaterThanOrEqual(1);
    const row = await entry();
    expect(row).toMatchObject({ state: 'PENDING', attempts: 1 });
    expect(row.lastError).toMatch(/^(TLS|CONNECTION): /);
    expect(receiver.tlsRefused()).toBeGreaterThan(refusedBefore);
    expect(
      await t.prisma.ministryReceived.count({ where: { certificateId: row.certificateId, version: row.version } }),
    ).toBe(0);
  });

  it('with a client certificate of another CA the connection is refused: pending, reason recorded, nothing stored', async () => {
    const { entry } = await enqueueOne(2);
    const refusedBefore = receiver.tlsRefused();
    const w = worker({ cert: read('stranger.crt'), key: read('stranger.key'), ca: read('ministry-ca.crt') });
    expect(await w.runOnce()).toBeGreaterThanOrEqual(1);
    const row = await entry();
    expect(row).toMatchObject({ state: 'PENDING', attempts: 1 });
    expect(row.lastError).toMatch(/^(TLS|CONNECTION): /);
    expect(receiver.tlsRefused()).toBeGreaterThan(refusedBefore);
    expect(
      await t.prisma.ministryReceived.count({ where: { certificateId: row.certificateId, version: row.version } }),
    ).toBe(0);
  });

  it('a server certificate of an unknown CA is refused by the client (TLS)', async () => {
    const { entry } = await enqueueOne(3);
    const w = worker({ cert: read('client.crt'), key: read('client.key'), ca: read('other-ca.crt') });
    await w.runOnce();
    const row = await entry();
    expect(row.state).toBe('PENDING');
    expect(row.lastError).toMatch(/^TLS: /);
  });

  it('the right certificate afterwards delivers what waited (nothing lost)', async () => {
    const w = worker({ cert: read('client.crt'), key: read('client.key'), ca: read('ministry-ca.crt') });
    await t.prisma.aggregationOutbox.updateMany({ where: { state: 'PENDING' }, data: { nextAttemptAt: new Date(0) } });
    expect(await w.drain(10_000)).toBe(true);
    expect(await t.prisma.aggregationOutbox.count({ where: { state: 'PENDING' } })).toBe(0);
  });
});
