import { HashMD } from '@noble/hashes/_md.js';
import { clean, createHasher, rotl } from '@noble/hashes/utils.js';

/**
 * SM3 (GB/T 32905-2016) on noble's Merkle–Damgård base, which supplies the padding
 * (same as SHA-256: 0x80, zeros, 64-bit big-endian bit length) and the streaming API.
 * No maintained SM3 exists for noble 2 (sm-crypto-v2 bundles its own noble 1 copy),
 * so only the compression function is written here; the GB/T 32905 Annex A vectors pin it.
 */
/** T_j rotated left by j mod 32, precomputed for the 64 rounds. */
const T_ROT = /* @__PURE__ */ Uint32Array.from({ length: 64 }, (_, j) =>
  rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j % 32),
);
const W = /* @__PURE__ */ new Uint32Array(68);

const p0 = (x: number) => x ^ rotl(x, 9) ^ rotl(x, 17);
const p1 = (x: number) => x ^ rotl(x, 15) ^ rotl(x, 23);

export class SM3 extends HashMD<SM3> {
  // Numeric initialisers keep V8's field representation fast (as in noble's SHA-256).
  private A = 0x7380166f | 0;
  private B = 0x4914b2b9 | 0;
  private C = 0x172442d7 | 0;
  private D = 0xda8a0600 | 0;
  private E = 0xa96f30bc | 0;
  private F = 0x163138aa | 0;
  private G = 0xe38dee4d | 0;
  private H = 0xb0fb0e4e | 0;

  constructor() {
    super(64, 32, 8, false);
  }

  protected get(): number[] {
    return [this.A, this.B, this.C, this.D, this.E, this.F, this.G, this.H];
  }

  protected set(A: number, B: number, C: number, D: number, E: number, F: number, G: number, H: number): void {
    this.A = A | 0;
    this.B = B | 0;
    this.C = C | 0;
    this.D = D | 0;
    this.E = E | 0;
    this.F = F | 0;
    this.G = G | 0;
    this.H = H | 0;
  }

  // Indexes below are loop-bounded inside W (68) and T_ROT (64), hence the `!`s.
  protected process(view: DataView, offset: number): void {
    for (let i = 0; i < 16; i++, offset += 4) W[i] = view.getUint32(offset, false);
    for (let j = 16; j < 68; j++)
      W[j] = p1(W[j - 16]! ^ W[j - 9]! ^ rotl(W[j - 3]!, 15)) ^ rotl(W[j - 13]!, 7) ^ W[j - 6]!;
    let { A, B, C, D, E, F, G, H } = this;
    for (let j = 0; j < 64; j++) {
      const a12 = rotl(A, 12);
      const ss1 = rotl((a12 + E + T_ROT[j]!) | 0, 7);
      const ss2 = ss1 ^ a12;
      const ff = j < 16 ? A ^ B ^ C : (A & B) | (A & C) | (B & C);
      const gg = j < 16 ? E ^ F ^ G : (E & F) | (~E & G);
      const tt1 = (ff + D + ss2 + (W[j]! ^ W[j + 4]!)) | 0;
      const tt2 = (gg + H + ss1 + W[j]!) | 0;
      D = C;
      C = rotl(B, 9);
      B = A;
      A = tt1;
      H = G;
      G = rotl(F, 19);
      F = E;
      E = p0(tt2);
    }
    this.set(A ^ this.A, B ^ this.B, C ^ this.C, D ^ this.D, E ^ this.E, F ^ this.F, G ^ this.G, H ^ this.H);
  }

  protected roundClean(): void {
    clean(W);
  }

  destroy(): void {
    this.set(0, 0, 0, 0, 0, 0, 0, 0);
    clean(this.buffer);
  }

  _cloneInto(to?: SM3): SM3 {
    const target = to ?? new SM3();
    target.set(this.A, this.B, this.C, this.D, this.E, this.F, this.G, this.H);
    return this._cloneIntoMeta(target);
  }
}

/** sm3(bytes) → 32-byte digest; sm3.create() for streaming. */
export const sm3 = /* @__PURE__ */ createHasher(() => new SM3());
