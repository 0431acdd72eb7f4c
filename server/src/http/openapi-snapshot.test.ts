import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../test/app';

/**
 * The OpenAPI document is the contract with the mini-program, partners and verifiers: a
 * refactoring must leave it byte-identical. `UPDATE_OPENAPI_SNAPSHOT=1` rewrites the snapshot
 * when a change to the contract is intended (review the diff).
 */
const snapshotPath = path.join(import.meta.dirname, 'openapi.snapshot.json');

describe('OpenAPI document', () => {
  let t: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    t = await startTestApp({ seed: false, env: { PUBLIC_BASE_URL: 'https://roadcert.example.cn' } });
  });
  afterAll(async () => t?.close());

  it('is byte-identical to the committed snapshot', async () => {
    const response = await fetch(`${t.baseUrl}/api/openapi.json`);
    const text = `${JSON.stringify(await response.json(), null, 2)}\n`;
    if (process.env.UPDATE_OPENAPI_SNAPSHOT === '1') await writeFile(snapshotPath, text);
    expect(text).toBe(await readFile(snapshotPath, 'utf8'));
  });
});
