import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { sm2Sm3Suite } from '@roadcert/shared/presentation';
import { AppError } from '../errors';
import { createSigningPool, type SigningPool } from './signing-pool';
import { sm2PublicPoint } from './sm2-der';

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
const publicKey = sm2PublicPoint(privateKey);
const messages = Array.from({ length: 12 }, (_, i) => new TextEncoder().encode(`anchor ${i}`));

let pool: SigningPool | undefined;
afterEach(() => pool?.close());

describe('signing pool', () => {
  it('signs on worker threads: every signature verifies under the service key', async () => {
    pool = createSigningPool({ privateKey, threads: 2 });
    const signatures = await Promise.all(messages.map((m) => pool!.sm2Sign(m)));
    for (const [i, signature] of signatures.entries()) {
      expect(signature).toHaveLength(64);
      expect(sm2Sm3Suite.verify(signature, messages[i]!, publicKey)).toBe(true);
      expect(sm2Sm3Suite.verify(signature, messages[(i + 1) % messages.length]!, publicKey)).toBe(false);
    }
  });

  it('signs inline with 0 threads, the same verifiable signatures', async () => {
    pool = createSigningPool({ privateKey, threads: 0 });
    const signature = await pool.sm2Sign(messages[0]!);
    expect(sm2Sm3Suite.verify(signature, messages[0]!, publicKey)).toBe(true);
  });

  it('a signature the worker cannot make is refused with NOT_READY (签名服务暂不可用), and the pool goes on', async () => {
    pool = createSigningPool({ privateKey, threads: 1 });
    const refused = await pool.sm2Sign('not bytes' as unknown as Uint8Array).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('NOT_READY');
    expect((refused as AppError).status).toBe(503);
    expect((refused as AppError).message).toBe('签名服务暂不可用，请稍后再试');
    const signature = await pool.sm2Sign(messages[1]!);
    expect(sm2Sm3Suite.verify(signature, messages[1]!, publicKey)).toBe(true);
  });

  // What it exercises is close(): the 'exit'/'error' path of a worker that dies by itself
  // (signing-pool.ts fail) rejects the same way but is not reached from here.
  it('closing the pool fails the signatures in flight with a clear error (NOT_READY); the next signature starts a new worker', async () => {
    pool = createSigningPool({ privateKey, threads: 1 });
    await pool.sm2Sign(messages[0]!); // the worker is up
    const inFlight = pool.sm2Sign(messages[1]!).catch((err: unknown) => err);
    await pool.close();
    const refused = await inFlight;
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('NOT_READY');
    expect(((refused as AppError).cause as Error).message).toBe('signing pool closed');
    const signature = await pool.sm2Sign(messages[2]!);
    expect(sm2Sm3Suite.verify(signature, messages[2]!, publicKey)).toBe(true);
  });
});
