import { weierstrass, type WeierstrassOpts, type WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js';
import { Field } from '@noble/curves/abstract/modular.js';
import { bytesToNumberBE, numberToBytesBE } from '@noble/curves/utils.js';
import { concatBytes, randomBytes } from '@noble/hashes/utils.js';
import { sm3 } from './sm3';
import { addMultiple, affineXEquals, buildFixedBaseTable, type FixedBaseTable, type Jacobian } from './fixed-base';
import { encodeUtf8 } from './utf8';

/**
 * SM2 digital signatures (GB/T 32918.2-2016) with SM3, on noble's Weierstrass points.
 * Signatures are raw r‖s (64 bytes, each half left-padded), never DER.
 * The user id enters Z_A = SM3(ENTL‖ID‖a‖b‖xG‖yG‖xA‖yA); everyone uses the standard
 * default id 1234567812345678 (GM/T 0009) unless a test says otherwise.
 *
 * Speed: verification needs s·G + t·P. Both points get fixed-base tables (fixed-base.ts:
 * G once, each issuer key once, cached by its encoding), Z_A is cached per key and id, and
 * the x check is done in Jacobian coordinates, so a verify is at most 66 mixed additions and
 * one SM3 of the message — no doublings, no inversion.
 */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

/** The recommended curve sm2p256v1 (GB/T 32918.5-2017). */
export const SM2_CURVE: WeierstrassOpts<bigint> = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  h: 1n,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
};

export interface Sm2 {
  readonly Point: WeierstrassPointCons<bigint>;
  /** Uncompressed public key 04‖x‖y (65 bytes). */
  getPublicKey(privateKey: Uint8Array): Uint8Array;
  randomPrivateKey(): Uint8Array;
  /** Z_A for a public key and user id (cached). */
  za(publicKey: Uint8Array, userId?: string): Uint8Array;
  /** Raw r‖s. `publicKey` saves deriving it (a scalar multiplication); `k` only for known-answer tests. */
  sign(
    message: Uint8Array,
    privateKey: Uint8Array,
    opts?: { userId?: string; k?: bigint; publicKey?: Uint8Array },
  ): Uint8Array;
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array, opts?: { userId?: string }): boolean;
  /** Builds the fixed-base table of a key ahead of the first verify (issuer keys at start-up). */
  precomputePublicKey(publicKey: Uint8Array): void;
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** An SM2 instance over any curve; tests use the GB/T 32918 example curve, everything else `sm2`. */
export function createSm2(curve: WeierstrassOpts<bigint>): Sm2 {
  const Point = weierstrass(curve);
  const { n } = curve;
  const Fn = Field(n);
  const byteLen = Math.ceil(curve.p.toString(16).length / 2);
  const toBytes = (x: bigint) => numberToBytesBE(x, byteLen);
  const curveBytes = concatBytes(toBytes(curve.a), toBytes(curve.b), toBytes(curve.Gx), toBytes(curve.Gy));
  let baseTable: FixedBaseTable | undefined;
  // Few issuer keys, many verifies: keep every key's table, and Z_A per key and id.
  const tables = new Map<string, FixedBaseTable>();
  const zas = new Map<string, Uint8Array>();

  function tableOf(publicKey: Uint8Array): FixedBaseTable {
    const key = hex(publicKey);
    let table = tables.get(key);
    if (!table) {
      const point = Point.fromBytes(publicKey); // checks the point is on the curve
      point.assertValidity();
      table = buildFixedBaseTable(Point, point);
      if (tables.size >= 16) tables.clear(); // bounded: a verifier only ever sees a handful
      tables.set(key, table);
    }
    return table;
  }

  function za(publicKey: Uint8Array, userId = SM2_DEFAULT_USER_ID): Uint8Array {
    const cacheKey = `${userId}\u0000${hex(publicKey)}`;
    const cached = zas.get(cacheKey);
    if (cached) return cached;
    const id = encodeUtf8(userId);
    const bits = id.length * 8;
    if (bits > 0xffff) throw new Error('SM2 user id too long');
    const { x, y } = Point.fromBytes(publicKey).toAffine();
    const z = sm3(concatBytes(new Uint8Array([bits >> 8, bits & 0xff]), id, curveBytes, toBytes(x), toBytes(y)));
    if (zas.size > 256) zas.clear();
    zas.set(cacheKey, z);
    return z;
  }

  const digest = (message: Uint8Array, publicKey: Uint8Array, userId?: string) =>
    Fn.create(bytesToNumberBE(sm3(concatBytes(za(publicKey, userId), message))));

  function privateScalar(privateKey: Uint8Array): bigint {
    const d = bytesToNumberBE(privateKey);
    // d must be in [1, n-2]: (1+d) has to be invertible mod n.
    if (privateKey.length !== byteLen || d < 1n || d > n - 2n) throw new Error('invalid SM2 private key');
    return d;
  }

  function getPublicKey(privateKey: Uint8Array): Uint8Array {
    return Point.BASE.multiply(privateScalar(privateKey)).toBytes(false);
  }

  function randomScalar(): bigint {
    for (;;) {
      const k = bytesToNumberBE(randomBytes(byteLen + 8)) % n; // 64 extra bits: negligible bias
      if (k >= 1n && k <= n - 2n) return k;
    }
  }

  function sign(
    message: Uint8Array,
    privateKey: Uint8Array,
    opts: { userId?: string; k?: bigint; publicKey?: Uint8Array } = {},
  ): Uint8Array {
    const d = privateScalar(privateKey);
    const e = digest(message, opts.publicKey ?? getPublicKey(privateKey), opts.userId);
    const dInv = Fn.inv(1n + d);
    for (;;) {
      const k = opts.k ?? randomScalar();
      const x1 = Point.BASE.multiply(k).toAffine().x;
      const r = Fn.create(e + x1);
      if (r === 0n || r + k === n) {
        if (opts.k !== undefined) throw new Error('SM2 fixed k gives r = 0');
        continue;
      }
      const s = Fn.mul(dInv, Fn.sub(k, Fn.mul(r, d)));
      if (s === 0n) {
        if (opts.k !== undefined) throw new Error('SM2 fixed k gives s = 0');
        continue;
      }
      return concatBytes(toBytes(r), toBytes(s));
    }
  }

  function verify(
    signature: Uint8Array,
    message: Uint8Array,
    publicKey: Uint8Array,
    opts: { userId?: string } = {},
  ): boolean {
    if (signature.length !== 2 * byteLen) return false;
    const r = bytesToNumberBE(signature.subarray(0, byteLen));
    const s = bytesToNumberBE(signature.subarray(byteLen));
    if (r < 1n || r >= n || s < 1n || s >= n) return false;
    let table: FixedBaseTable;
    try {
      table = tableOf(publicKey);
    } catch {
      return false;
    }
    const t = Fn.add(r, s);
    if (t === 0n) return false;
    const e = digest(message, publicKey, opts.userId);
    baseTable ??= buildFixedBaseTable(Point, Point.BASE);
    const acc: Jacobian = { X: 0n, Y: 0n, Z: 0n };
    addMultiple(acc, baseTable, s, curve.a, curve.p);
    addMultiple(acc, table, t, curve.a, curve.p);
    // R = (e + x1) mod n must equal r, so x1 ≡ r − e (mod n); x1 < p leaves at most two candidates.
    const x1 = Fn.sub(r, e);
    return affineXEquals(acc, x1, curve.p) || (x1 + n < curve.p && affineXEquals(acc, x1 + n, curve.p));
  }

  return {
    Point,
    getPublicKey,
    randomPrivateKey: () => toBytes(randomScalar()),
    za,
    sign,
    verify,
    precomputePublicKey: (publicKey) => void tableOf(publicKey),
  };
}

let standard: Sm2 | undefined;
/** SM2 on the recommended curve, built on first use (the base-point table costs a few ms). */
export function sm2(): Sm2 {
  return (standard ??= createSm2(SM2_CURVE));
}
