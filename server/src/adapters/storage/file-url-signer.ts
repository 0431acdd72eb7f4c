import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

export type FileUrlCheck = 'ok' | 'invalid' | 'expired';

/**
 * HMAC-SHA-256 over "key\nexpiry" for the local driver's signed URLs
 * (/api/v1/files/<key>?exp=<unix seconds>&sig=<base64url>). The key is derived from the
 * session token key (HKDF, its own label), so no extra secret needs configuring and a
 * signature for one purpose can never pass for another.
 */
export function createFileUrlSigner(sessionTokenKey: Buffer) {
  const secret = Buffer.from(hkdfSync('sha256', sessionTokenKey, Buffer.alloc(0), 'roadcert/local-file-url/v1', 32));
  const mac = (key: string, exp: number) => createHmac('sha256', secret).update(`${key}\n${exp}`).digest();

  return {
    sign(key: string, exp: number): string {
      return mac(key, exp).toString('base64url');
    },
    /** Signature first (constant time), then expiry, so expiry cannot be probed without a valid signature. */
    check(key: string, exp: string | undefined, sig: string | undefined, nowMs = Date.now()): FileUrlCheck {
      if (!exp || !sig || !/^\d{1,12}$/.test(exp) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return 'invalid';
      const expected = mac(key, Number(exp));
      const given = Buffer.from(sig, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
      return Number(exp) * 1000 < nowMs ? 'expired' : 'ok';
    },
  };
}

export type FileUrlSigner = ReturnType<typeof createFileUrlSigner>;
