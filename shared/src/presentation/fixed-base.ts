import type { WeierstrassPoint, WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js';
import { normalizeZ } from '@noble/curves/abstract/curve.js';

/**
 * Fixed-point tables for signature verification, where the two points (the base point and
 * an issuer key) are few and known ahead while the scalars change on every call.
 *
 * For a point P the table holds j·256^i·P for windows i = 0..32 and j = 1..128 in affine
 * coordinates (4,224 points, ~0.4 MB). A 256-bit scalar recoded into signed base-256 digits
 * then costs at most 33 mixed Jacobian additions (8M+3S each) and no doublings; two scalars
 * share one accumulator. Not constant time: only for public scalars (verification).
 * noble's own precompute() does the same walk with complete projective formulas and a
 * final inversion; this one uses cheaper mixed additions and lets the caller skip the inversion.
 */
const WINDOWS = 33;
const PER_WINDOW = 128;

export interface FixedBaseTable {
  readonly xs: bigint[];
  readonly ys: bigint[];
}

export function buildFixedBaseTable(
  Point: WeierstrassPointCons<bigint>,
  point: WeierstrassPoint<bigint>,
): FixedBaseTable {
  const all: WeierstrassPoint<bigint>[] = [];
  let base = point;
  for (let i = 0; i < WINDOWS; i++) {
    let acc = base;
    for (let j = 1; j <= PER_WINDOW; j++) {
      all.push(acc);
      acc = acc.add(base);
    }
    for (let k = 0; k < 8; k++) base = base.double();
  }
  const affine = normalizeZ(Point, all);
  return { xs: affine.map((p) => p.X), ys: affine.map((p) => p.Y) };
}

/** Jacobian accumulator (x = X/Z², y = Y/Z³); Z = 0 is the point at infinity. */
export interface Jacobian {
  X: bigint;
  Y: bigint;
  Z: bigint;
}

/** Signed base-256 digits (−127..128), least significant first, 33 of them. */
function digits(k: bigint): Int16Array {
  const out = new Int16Array(WINDOWS);
  const hex = k.toString(16).padStart(64, '0');
  let carry = 0;
  for (let i = 0; i < 32; i++) {
    let d = parseInt(hex.slice(62 - 2 * i, 64 - 2 * i), 16) + carry;
    carry = 0;
    if (d > 128) {
      d -= 256;
      carry = 1;
    }
    out[i] = d;
  }
  out[32] = carry;
  return out;
}

function double(acc: Jacobian, a: bigint, p: bigint): void {
  const { X, Y, Z } = acc;
  if (Z === 0n || Y === 0n) {
    acc.Z = 0n;
    return;
  }
  const XX = (X * X) % p;
  const YY = (Y * Y) % p;
  const ZZ = (Z * Z) % p;
  const S = (4n * X * YY) % p;
  const M = (3n * XX + a * ((ZZ * ZZ) % p)) % p;
  let X3 = (M * M - 2n * S) % p;
  if (X3 < 0n) X3 += p;
  let Y3 = (M * (S - X3) - 8n * ((YY * YY) % p)) % p;
  if (Y3 < 0n) Y3 += p;
  acc.X = X3;
  acc.Y = Y3;
  acc.Z = (2n * Y * Z) % p;
}

function addAffine(acc: Jacobian, x2: bigint, y2: bigint, a: bigint, p: bigint): void {
  const { X, Y, Z } = acc;
  if (Z === 0n) {
    acc.X = x2;
    acc.Y = y2;
    acc.Z = 1n;
    return;
  }
  const Z1Z1 = (Z * Z) % p;
  const U2 = (x2 * Z1Z1) % p;
  const S2 = (y2 * ((Z * Z1Z1) % p)) % p;
  let H = U2 - X;
  if (H < 0n) H += p;
  let r = S2 - Y;
  if (r < 0n) r += p;
  if (H === 0n) {
    if (r === 0n) double(acc, a, p);
    else acc.Z = 0n;
    return;
  }
  const HH = (H * H) % p;
  const HHH = (H * HH) % p;
  const V = (X * HH) % p;
  let X3 = (r * r - HHH - 2n * V) % p;
  if (X3 < 0n) X3 += p;
  let Y3 = (r * (V - X3) - Y * HHH) % p;
  if (Y3 < 0n) Y3 += p;
  acc.X = X3;
  acc.Y = Y3;
  acc.Z = (Z * H) % p;
}

/** acc += k·P using P's table. */
export function addMultiple(acc: Jacobian, table: FixedBaseTable, k: bigint, a: bigint, p: bigint): void {
  const ds = digits(k);
  for (let i = 0; i < WINDOWS; i++) {
    const d = ds[i]!;
    if (d === 0) continue;
    const idx = i * PER_WINDOW + Math.abs(d) - 1;
    const y = table.ys[idx]!; // idx < 33·128 by construction
    addAffine(acc, table.xs[idx]!, d > 0 ? y : y === 0n ? 0n : p - y, a, p);
  }
}

/** Whether the accumulator's affine x equals `x` (x < p), without an inversion. */
export function affineXEquals(acc: Jacobian, x: bigint, p: bigint): boolean {
  if (acc.Z === 0n) return false;
  return acc.X === (x * ((acc.Z * acc.Z) % p)) % p;
}
