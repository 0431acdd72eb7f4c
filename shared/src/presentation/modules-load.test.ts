import { describe, expect, it } from 'vitest';

/**
 * The codec's modules build their tables when they load. Imported inside the tests, so a
 * table that cannot be built fails a test here rather than the loading of a test file
 * (which Stryker 9.6's vitest runner would count as a surviving mutant, docs/mutation-testing.md).
 */
describe('presentation modules load', () => {
  it('token: the status-code table', async () => {
    const { decodeToken, encodeTokenBody } = await import('./token');
    expect(decodeToken).toBeTypeOf('function');
    expect(encodeTokenBody).toBeTypeOf('function');
  });

  it('base64url: the decoding table', async () => {
    const { base64urlDecode } = await import('./base64url');
    expect(base64urlDecode('AQID')).toEqual(Uint8Array.from([1, 2, 3]));
  });
});
